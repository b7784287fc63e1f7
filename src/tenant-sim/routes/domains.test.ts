import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEntity, hasCsdlReference } from "../conformance/csdl.ts";
import { startTestTenant, type TestTenant } from "../testing.ts";

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant();
});
afterAll(async () => {
  await t?.close();
});

describe("/domains", () => {
  it("GET /domains → the initial default domain and a verified custom one", async () => {
    const res = await t.graph("GET", "/v1.0/domains");
    expect(res.status).toBe(200);
    expect(res.body["@odata.context"]).toBe(`${t.baseUrl}/v1.0/$metadata#domains`);
    const domains = res.body.value as { id: string; isDefault: boolean; isInitial: boolean; isVerified: boolean }[];
    expect(domains).toHaveLength(2);
    expect(domains.filter((d) => d.isDefault)).toHaveLength(1);
    const initial = domains.find((d) => d.isInitial);
    expect(initial?.id).toMatch(/\.onmicrosoft\.com$/);
    expect(initial?.isDefault).toBe(true);
    expect(domains.every((d) => d.isVerified)).toBe(true);
    if (hasCsdlReference()) for (const d of domains) expect(checkEntity("domain", d, "v1.0")).toEqual([]);
  });

  it("GET /domains/{id} → the domain; unknown → 404 Request_ResourceNotFound", async () => {
    const list = (await t.graph("GET", "/v1.0/domains")).body.value as { id: string }[];
    const one = await t.graph("GET", `/v1.0/domains/${list[0]!.id.toUpperCase()}`);
    expect(one.status).toBe(200);
    expect(one.body.id).toBe(list[0]!.id);
    expect(one.body["@odata.context"]).toBe(`${t.baseUrl}/v1.0/$metadata#domains/$entity`);
    const missing = await t.graph("GET", "/v1.0/domains/nope.example.org");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("Request_ResourceNotFound");
  });

  it("PATCH passwordValidityPeriodInDays → 204 and reads back", async () => {
    const list = (await t.graph("GET", "/v1.0/domains")).body.value as { id: string }[];
    const id = list[0]!.id;
    const res = await t.graph("PATCH", `/v1.0/domains/${id}`, { passwordValidityPeriodInDays: 90, passwordNotificationWindowInDays: 14 });
    expect(res.status).toBe(204);
    const after = await t.graph("GET", `/v1.0/domains/${id}`);
    expect(after.body.passwordValidityPeriodInDays).toBe(90);
    expect(after.body.passwordNotificationWindowInDays).toBe(14);
  });

  it("PATCH with an invalid value or read-only property → 400", async () => {
    const id = ((await t.graph("GET", "/v1.0/domains")).body.value as { id: string }[])[0]!.id;
    expect((await t.graph("PATCH", `/v1.0/domains/${id}`, { passwordValidityPeriodInDays: "ninety" })).status).toBe(400);
    const ro = await t.graph("PATCH", `/v1.0/domains/${id}`, { isVerified: false });
    expect(ro.status).toBe(400);
    expect(ro.body.error.code).toBe("Request_BadRequest");
  });

  it("making the custom domain default moves the flag; unsetting the default → 400", async () => {
    const domains = (await t.graph("GET", "/v1.0/domains")).body.value as { id: string; isDefault: boolean }[];
    const custom = domains.find((d) => !d.isDefault)!;
    const current = domains.find((d) => d.isDefault)!;
    expect((await t.graph("PATCH", `/v1.0/domains/${custom.id}`, { isDefault: true })).status).toBe(204);
    const after = (await t.graph("GET", "/v1.0/domains")).body.value as { id: string; isDefault: boolean }[];
    expect(after.filter((d) => d.isDefault).map((d) => d.id)).toEqual([custom.id]);
    expect((await t.graph("PATCH", `/v1.0/domains/${custom.id}`, { isDefault: false })).status).toBe(400);
    expect((await t.graph("PATCH", `/v1.0/domains/${current.id}`, { isDefault: true })).status).toBe(204);
  });
});

describe("undeclared body properties", () => {
  it("PATCH /domains/{id} refuses a misspelt property and keeps the domain as it was", async () => {
    const domain = (await t.graph("GET", "/v1.0/domains")).body.value.find((d: { isInitial: boolean }) => d.isInitial);
    const res = await t.graph("PATCH", `/v1.0/domains/${domain.id}`, { passwordValidityPeriodInDays: 30, passwordValidityPeriod: 30 });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "Request_BadRequest", message: "Property 'passwordValidityPeriod' does not exist as a declared property or extension property." });
    expect((await t.graph("GET", `/v1.0/domains/${domain.id}`)).body.passwordValidityPeriodInDays).toBe(domain.passwordValidityPeriodInDays);
  });
});
