/**
 * `$batch` requests whose `id` is a JSON number, as admin tools send them (IntuneCD numbers its
 * sub-requests 1, 2, … and reads the answers back with `int(resp["id"])`): accepted, answered with
 * each id as a string, and usable in `dependsOn` whether written as a number or a string.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixturePermissions, fixtureRoutes } from "../fixture-routes.ts";
import { startTestTenant, type TestTenant } from "../testing.ts";

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant({ tenant: { routes: fixtureRoutes, permissions: fixturePermissions } });
});
afterAll(async () => {
  await t?.close();
});

const json = { "Content-Type": "application/json" };

describe("$batch with numeric ids", () => {
  it("numbered sub-requests → 200 with every id answered as a string", async () => {
    const res = await t.graph("POST", "/beta/$batch", {
      requests: [1, 2, 3].map((id) => ({ id, method: "GET", url: "widgets?$top=1" })),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const ids = res.body.responses.map((r: { id: unknown }) => r.id);
    expect([...ids].sort()).toEqual(["1", "2", "3"]);
    for (const r of res.body.responses) expect(r.status).toBe(200);
  });

  it("dependsOn naming numeric ids (as numbers or strings) → sequenced, and 424 after a failure", async () => {
    const res = await t.graph("POST", "/v1.0/$batch", {
      requests: [
        { id: 1, method: "POST", url: "/widgets", headers: json, body: { displayName: "numbered first" } },
        { id: 2, method: "GET", url: "/widgets/missing", dependsOn: [1] },
        { id: 3, method: "POST", url: "/widgets", headers: json, body: { displayName: "numbered third" }, dependsOn: ["2"] },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const byId = Object.fromEntries(res.body.responses.map((r: { id: string }) => [r.id, r]));
    expect(Object.keys(byId).sort()).toEqual(["1", "2", "3"]);
    expect(byId["1"].status).toBe(201);
    expect(byId["2"].status).toBe(404);
    expect(byId["3"].status).toBe(424);
    const names = t.tenant.store.list<{ displayName: string }>("widgets").map((w) => w.displayName);
    expect(names).toContain("numbered first");
    expect(names).not.toContain("numbered third");
  });

  it("a number and a string naming the same id → 400, as duplicate ids are", async () => {
    const res = await t.graph("POST", "/v1.0/$batch", {
      requests: [
        { id: 1, method: "GET", url: "/widgets" },
        { id: "1", method: "GET", url: "/widgets" },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("BadRequest");
  });

  it("an id that is neither a string nor a number → 400", async () => {
    for (const id of [true, { n: 1 }, null, ""]) {
      const res = await t.graph("POST", "/v1.0/$batch", { requests: [{ id, method: "GET", url: "/widgets" }] });
      expect(res.status, JSON.stringify(id)).toBe(400);
    }
  });
});
