import { fetch as undiciFetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findSku } from "../../catalog/index.ts";
import { startTestTenant, type TestTenant } from "../testing.ts";

let t: TestTenant;

beforeAll(async () => {
  t = await startTestTenant();
});
afterAll(async () => {
  await t.close();
});

const skuOf = async (part: string) => ((await t.graph("GET", "/v1.0/subscribedSkus")).body.value as { skuPartNumber: string; prepaidUnits: { enabled: number } }[]).find((s) => s.skuPartNumber === part);

describe("POST /_sim/domains", () => {
  it("a new custom domain → 201, verified, listed by Graph and in the organization's verifiedDomains", async () => {
    const res = await t.sim("POST", "/domains", { id: "Contoso.com" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: "contoso.com", isVerified: true, isDefault: false, isInitial: false, authenticationType: "Managed" });
    const got = await t.graph("GET", "/v1.0/domains/contoso.com");
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: "contoso.com", isVerified: true });
    const org = await t.graph("GET", "/v1.0/organization");
    expect(org.body.value[0].verifiedDomains.map((d: { name: string }) => d.name)).toContain("contoso.com");
  });

  it("the same domain again → 200 and nothing changes", async () => {
    const before = await t.graph("GET", "/v1.0/domains");
    const res = await t.sim("POST", "/domains", { id: "contoso.com" });
    expect(res.status).toBe(200);
    expect((await t.graph("GET", "/v1.0/domains")).body.value).toEqual(before.body.value);
  });

  it("an existing domain keeps its settings (the initial default stays the default)", async () => {
    const initial = (await t.graph("GET", "/v1.0/domains")).body.value.find((d: { isInitial: boolean }) => d.isInitial);
    const res = await t.sim("POST", "/domains", { id: initial.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: initial.id, isDefault: true, isInitial: true });
  });

  it.each([
    [{ id: "not a domain" }, "id"],
    [{ id: "nodot" }, "id"],
    [{ id: 42 }, "id"],
    [{}, "id"],
    [{ id: "a.com", verified: true }, "verified"],
  ])("a bad body %j → 400 naming %s in Graph's error shape", async (body, target) => {
    const res = await t.sim("POST", "/domains", body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("BadRequest");
    expect(res.body.error.message).toContain(`${target}:`);
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ target })]));
  });

  it("without the X-Sim-Key → 401 and no domain added", async () => {
    const res = await undiciFetch(`${t.baseUrl}/_sim/domains`, { method: "POST", body: JSON.stringify({ id: "x.com" }), headers: { "content-type": "application/json" }, dispatcher: t.dispatcher });
    expect(res.status).toBe(401);
    expect((await t.graph("GET", "/v1.0/domains")).body.value.map((d: { id: string }) => d.id)).not.toContain("x.com");
  });
});

describe("POST /_sim/subscribedSkus", () => {
  it("a catalog SKU the tenant lacks → 201 with the catalog's service plans and the seats asked for", async () => {
    const catalog = findSku("GUIDES_USER")!;
    expect(await skuOf("GUIDES_USER")).toBeUndefined();
    const res = await t.sim("POST", "/subscribedSkus", { skuPartNumber: "GUIDES_USER", units: 40 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: `${t.tenantId}_${catalog.skuId}`, skuId: catalog.skuId, consumedUnits: 0, prepaidUnits: { enabled: 40 } });
    expect(res.body.servicePlans.map((p: { servicePlanName: string }) => p.servicePlanName).sort()).toEqual(catalog.servicePlans.map((p) => p.name).sort());
    expect((await skuOf("GUIDES_USER"))?.prepaidUnits.enabled).toBe(40);
  });

  it("more seats of a subscribed SKU → 200 and enabled raised; fewer or the same → 200 and unchanged", async () => {
    const seeded = (await skuOf("INTUNE_A"))!;
    const raised = await t.sim("POST", "/subscribedSkus", { skuPartNumber: "INTUNE_A", units: 400 });
    expect(raised.status).toBe(200);
    expect(raised.body.prepaidUnits.enabled).toBe(400);
    expect(raised.body.id).toBe((seeded as unknown as { id: string }).id);
    for (const units of [400, 3]) {
      const again = await t.sim("POST", "/subscribedSkus", { skuPartNumber: "INTUNE_A", units });
      expect(again.status).toBe(200);
      expect((await skuOf("INTUNE_A"))?.prepaidUnits.enabled).toBe(400);
    }
  });

  it("a SKU that is not in the licensing catalog → 400 naming skuPartNumber, nothing subscribed", async () => {
    const before = (await t.graph("GET", "/v1.0/subscribedSkus")).body.value.length;
    const res = await t.sim("POST", "/subscribedSkus", { skuPartNumber: "NOT_A_REAL_SKU", units: 5 });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ target: "skuPartNumber" })]);
    expect((await t.graph("GET", "/v1.0/subscribedSkus")).body.value.length).toBe(before);
  });

  it.each([
    [{ skuPartNumber: "INTUNE_A" }, "units"],
    [{ skuPartNumber: "INTUNE_A", units: 0 }, "units"],
    [{ skuPartNumber: "INTUNE_A", units: 2.5 }, "units"],
    [{ skuPartNumber: "INTUNE_A", units: 10_000_000 }, "units"],
    [{ skuPartNumber: "bad part number!", units: 1 }, "skuPartNumber"],
    [{ skuPartNumber: "INTUNE_A", units: 1, seats: 3 }, "seats"],
  ])("a bad body %j → 400 naming %s", async (body, target) => {
    const res = await t.sim("POST", "/subscribedSkus", body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(`${target}:`);
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ target })]));
  });
});
