/** End-to-end checks of the server shell: routing, token check, Graph error bodies, OpenID endpoints. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEntity, formatProblems, hasCsdlReference } from "./conformance/csdl.ts";
import { fetch as undiciFetch } from "undici";
import { startTestTenant, type TestTenant } from "./testing.ts";

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant();
});
afterAll(async () => {
  await t?.close();
});

describe("the control routes' key (X-Sim-Key)", () => {
  const call = (path: string, headers: Record<string, string>, method = "GET", body?: string) =>
    undiciFetch(`${t.baseUrl}${path}`, { method, dispatcher: t.dispatcher, headers, body }).then(async (r) => ({ status: r.status, body: (await r.json()) as { error: { code: string; message: string } } }));

  it.each([
    ["no key", {}],
    ["an empty key", { "x-sim-key": "" }],
    ["a wrong key", { "x-sim-key": "not-the-key" }],
    ["a key one character short", () => ({ "x-sim-key": t.tenant.simKey.slice(1) })],
  ])("%s → 401 on every /_sim route, known or not, before the body is read", async (_name, headers) => {
    const h = typeof headers === "function" ? headers() : headers;
    for (const [method, path, body] of [
      ["GET", "/_sim/stats"],
      ["POST", "/_sim/applications", JSON.stringify({ displayName: "intruder", roles: ["Directory.ReadWrite.All"] })],
      ["POST", "/_sim/reset"],
      ["GET", "/_sim/no-such-route"],
    ] as const) {
      const res = await call(path, { ...h, ...(body ? { "content-type": "application/json" } : {}) }, method, body);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("Unauthorized");
      expect(res.body.error.message).toMatch(/X-Sim-Key/);
    }
    expect(t.tenant.store.list<{ displayName: string }>("applications").map((a) => a.displayName)).not.toContain("intruder");
  });

  it("the tenant's key → the route answers (the test helpers send it)", async () => {
    expect((await call("/_sim/clock", { "x-sim-key": t.tenant.simKey })).status).toBe(200);
    expect((await t.sim("GET", "/clock")).status).toBe(200);
    expect(t.tenant.simKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe("local tenant server", () => {
  it("answers GET /v1.0/organization with the seeded organization", async () => {
    const res = await t.graph("GET", "/v1.0/organization");
    expect(res.status).toBe(200);
    expect(res.body["@odata.context"]).toBe(`${t.baseUrl}/v1.0/$metadata#organization`);
    expect(res.body.value).toHaveLength(1);
    expect(res.body.value[0].id).toBe(t.tenantId);
    expect(res.headers["request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers["client-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers 401 InvalidAuthenticationToken without a token", async () => {
    const res = await t.graph("GET", "/v1.0/organization", undefined, { authorization: "", "client-request-id": "11111111-2222-3333-4444-555555555555" });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("InvalidAuthenticationToken");
    expect(res.body.error.message).toBe("Access token is empty.");
    expect(res.body.error.innerError["client-request-id"]).toBe("11111111-2222-3333-4444-555555555555");
    expect(res.body.error.innerError["request-id"]).toBe(res.headers["request-id"]);
    expect(res.body.error.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });

  it.skipIf(!hasCsdlReference())("returns an organization that conforms to the v1.0 CSDL (and beta type mappings)", async () => {
    const list = await t.graph("GET", "/v1.0/organization");
    const byId = await t.graph("GET", `/v1.0/organization/${t.tenantId}`);
    expect(byId.status).toBe(200);
    expect(byId.body["@odata.context"]).toBe(`${t.baseUrl}/v1.0/$metadata#organization/$entity`);
    for (const org of [list.body.value[0], byId.body]) {
      const problems = checkEntity("organization", org, "v1.0");
      expect(problems, formatProblems(problems)).toEqual([]);
    }
    const beta = await t.graph("GET", "/beta/organization");
    const problems = checkEntity("organization", beta.body.value[0], "beta");
    expect(problems, formatProblems(problems)).toEqual([]);
    const missing = await t.graph("GET", "/v1.0/organization/00000000-0000-0000-0000-000000000000");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("Request_ResourceNotFound");
  });

  it("keeps the $select of an organization read", async () => {
    const res = await t.graph("GET", `/v1.0/organization/${t.tenantId}?$select=displayName,verifiedDomains`);
    expect(Object.keys(res.body).sort()).toEqual(["@odata.context", "@odata.type", "displayName", "verifiedDomains"]);
    expect(res.body.verifiedDomains[0]).toMatchObject({ isDefault: true, isInitial: true, name: "holofleetlocal.onmicrosoft.com" });
    // verifiedDomains follows the tenant's verified domains.
    const names = t.tenant.store.list<{ id: string; isVerified: boolean }>("domains").filter((d) => d.isVerified).map((d) => d.id);
    expect(res.body.verifiedDomains.map((d: { name: string }) => d.name)).toEqual(names.length ? names : ["holofleetlocal.onmicrosoft.com"]);
  });
});
