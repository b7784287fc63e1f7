import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestTenant, type TestTenant } from "../testing.ts";
import { createTestUser, initialDomain } from "./test-graph-fixtures.ts";

let t: TestTenant;
let domain: string;

beforeAll(async () => {
  t = await startTestTenant();
  domain = await initialDomain(t);
});
afterAll(async () => {
  await t?.close();
});

const createUser = (nick: string) => createTestUser(t, domain, nick);

/** Follows nextLinks to the deltaLink; returns all items and the deltaLink. */
async function drain(url: string) {
  const items: Record<string, unknown>[] = [];
  let next = url;
  let pages = 0;
  for (;;) {
    const res = await t.graph("GET", next);
    expect(res.status).toBe(200);
    pages++;
    items.push(...res.body.value);
    if (res.body["@odata.deltaLink"]) return { items, deltaLink: res.body["@odata.deltaLink"] as string, pages };
    next = res.body["@odata.nextLink"] as string;
    expect(next).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/v1\.0\/users\/delta\?\$skiptoken=/);
  }
}

describe("/users/delta", () => {
  it("full round pages to a deltaLink; later rounds return only changes, with @removed for deletions", async () => {
    const created = [];
    for (let i = 0; i < 130; i++) created.push(await createUser(`delta${i}`));
    const first = await drain("/v1.0/users/delta?$select=displayName,userPrincipalName");
    expect(first.pages).toBeGreaterThan(1);
    expect(first.items.map((u) => u.id)).toEqual(expect.arrayContaining(created.map((u) => u.id)));
    expect(Object.keys(first.items[0]!).sort()).toEqual(["displayName", "id", "userPrincipalName"]);
    expect(first.deltaLink).toMatch(/\/v1\.0\/users\/delta\?\$deltatoken=/);

    const quiet = await drain(first.deltaLink);
    expect(quiet.items).toEqual([]);

    expect((await t.graph("PATCH", `/v1.0/users/${created[3]!.id}`, { displayName: "renamed" })).status).toBe(204);
    expect((await t.graph("DELETE", `/v1.0/users/${created[4]!.id}`)).status).toBe(204);
    const added = await createUser("delta-new");
    const second = await drain(quiet.deltaLink);
    expect(second.items).toEqual([
      { id: created[3]!.id, displayName: "renamed", userPrincipalName: `delta3@${domain}` },
      { id: created[4]!.id, "@removed": { reason: "changed" } },
      { id: added.id, displayName: "delta-new", userPrincipalName: `delta-new@${domain}` },
    ]);
  });

  it("$deltatoken=latest → no objects, only a deltaLink that later shows new changes", async () => {
    const res = await t.graph("GET", "/v1.0/users/delta?$deltatoken=latest");
    expect(res.status).toBe(200);
    expect(res.body.value).toEqual([]);
    const u = await createUser("after-latest");
    const later = await drain(res.body["@odata.deltaLink"]);
    expect(later.items.map((i) => i.id)).toEqual([u.id]);
  });

  it("$top or $orderby → 400; a forged token → 400", async () => {
    expect((await t.graph("GET", "/v1.0/users/delta?$top=5")).status).toBe(400);
    expect((await t.graph("GET", "/v1.0/users/delta?$orderby=displayName")).status).toBe(400);
    expect((await t.graph("GET", "/v1.0/users/delta?$deltatoken=not-a-token")).status).toBe(400);
  });
});

describe("/groups/delta", () => {
  it("members@delta: all members first, then additions and @removed removals", async () => {
    const a = await createUser("gd-a");
    const b = await createUser("gd-b");
    const g = await t.graph("POST", "/v1.0/groups", { displayName: "gd", mailEnabled: false, mailNickname: "gd", securityEnabled: true });
    await t.graph("PATCH", `/v1.0/groups/${g.body.id}`, { "members@odata.bind": [`https://graph.microsoft.com/v1.0/directoryObjects/${a.id}`] });
    let res = await t.graph("GET", "/v1.0/groups/delta?$select=displayName,members");
    const mine = (res.body.value as { id: string }[]).find((x) => x.id === g.body.id) as Record<string, unknown>;
    expect(mine).toEqual({ id: g.body.id, displayName: "gd", "members@delta": [{ "@odata.type": "#microsoft.graph.user", id: a.id }] });
    const deltaLink = res.body["@odata.deltaLink"] as string;

    await t.graph("PATCH", `/v1.0/groups/${g.body.id}`, { "members@odata.bind": [`https://graph.microsoft.com/v1.0/directoryObjects/${b.id}`] });
    await t.graph("DELETE", `/v1.0/groups/${g.body.id}/members/${a.id}/$ref`);
    res = await t.graph("GET", deltaLink);
    expect(res.body.value).toEqual([
      {
        id: g.body.id,
        displayName: "gd",
        "members@delta": [
          { "@odata.type": "#microsoft.graph.user", id: b.id },
          { "@odata.type": "#microsoft.graph.user", id: a.id, "@removed": { reason: "deleted" } },
        ],
      },
    ]);

    await t.graph("DELETE", `/v1.0/groups/${g.body.id}`);
    res = await t.graph("GET", res.body["@odata.deltaLink"]);
    expect(res.body.value).toEqual([{ id: g.body.id, "@removed": { reason: "deleted" } }]);
  });
});
