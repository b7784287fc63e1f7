/** The per-call pipeline: `/$count`, bad JSON, versions, handler crashes, and lag only for new ids. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RouteDef } from "./framework.ts";
import { fixturePermissions, fixtureRoutes, WIDGETS } from "./fixture-routes.ts";
import { startTestTenant, type TestTenant } from "./testing.ts";

const crashing: RouteDef = {
  method: "GET",
  path: "/crash",
  versions: ["beta"],
  throttle: "none",
  write: false,
  handler: () => {
    throw new Error("handler bug");
  },
};

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant({
    tenant: {
      routes: [...fixtureRoutes, crashing],
      permissions: { paths: { ...fixturePermissions.paths, "/crash": { GET: ["Directory.Read.All"] } } },
    },
  });
  t.tenant.store.tx(() => {
    for (let i = 0; i < 30; i++) t.tenant.store.put(WIDGETS, { id: `w${i}`, displayName: `W ${i}`, counter: 0, tags: [], color: i % 2 ? "red" : null });
  });
});
afterAll(async () => {
  await t?.close();
});

describe("graph dispatch", () => {
  it("serves <collection>/$count only with ConsistencyLevel: eventual, as text", async () => {
    const no = await t.graph("GET", "/v1.0/widgets/$count");
    expect(no.status).toBe(400);
    expect(no.body.error).toMatchObject({ code: "Request_BadRequest", message: "$count is not currently supported." });
    const all = await t.graph("GET", "/v1.0/widgets/$count", undefined, { ConsistencyLevel: "eventual" });
    expect(all.status).toBe(200);
    expect(all.headers["content-type"]).toMatch(/^text\/plain/);
    expect(all.body).toBe(30);
    const red = await t.graph("GET", "/v1.0/widgets/%24count?$filter=color ne null", undefined, { ConsistencyLevel: "eventual" });
    expect(red.body).toBe(15);
    const onEntity = await t.graph("GET", "/v1.0/widgets/w1/$count", undefined, { ConsistencyLevel: "eventual" });
    expect(onEntity.status).toBe(400);
  });

  it("answers 400 for a body that is not JSON", async () => {
    const res = await t.graph("POST", "/v1.0/widgets", "{not json", { "content-type": "application/json" });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Unable to read JSON request payload/);
  });

  it("a $filter of 3,000 parentheses, or of 60,000 or clauses in a $batch, → Graph's 400, not a 500", async () => {
    const deep = "(".repeat(3000) + "displayName eq 'x'" + ")".repeat(3000);
    const direct = await t.graph("GET", `/v1.0/widgets?$filter=${deep}`);
    expect(direct.status).toBe(400);
    expect(direct.body.error.code).toBe("BadRequest");
    expect(direct.body.error.innerError["request-id"]).toBe(direct.headers["request-id"]);
    const ors = Array.from({ length: 60_000 }, (_, i) => `displayName eq 'w${i}'`).join(" or ");
    const batch = await t.graph("POST", "/v1.0/$batch", { requests: [{ id: "1", method: "GET", url: `/widgets?$filter=${encodeURIComponent(ors)}` }] });
    expect(batch.status).toBe(200);
    expect(batch.body.responses[0].status).toBe(400);
    expect(batch.body.responses[0].body.error.message).toMatch(/^Invalid filter clause: The query specified in the URI is not valid\./);
  });

  it("serves a beta-only route on beta and 400s it on v1.0", async () => {
    expect((await t.graph("GET", "/v1.0/crash")).body.error.message).toBe("Resource not found for the segment 'crash'.");
    const res = await t.graph("GET", "/beta/crash");
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe("UnknownError");
    expect(res.body.error.innerError["request-id"]).toBe(res.headers["request-id"]);
  });

  it("echoes the caller's client-request-id", async () => {
    const res = await t.graph("GET", "/v1.0/widgets?$top=1", undefined, { "client-request-id": "abc-123" });
    expect(res.headers["client-request-id"]).toBe("abc-123");
    expect(res.headers["request-id"]).not.toBe("abc-123");
  });
});
