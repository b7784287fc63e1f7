import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEntities, checkEntity, formatProblems, hasCsdlReference, typeProperties } from "../conformance/csdl.ts";
import { createTestUser, initialDomain } from "../directory/test-graph-fixtures.ts";
import { startTestTenant, type TestTenant } from "../testing.ts";

let t: TestTenant;
const hololens = {
  id: "22222222-bbbb-4bbb-8bbb-000000000001",
  deletedDateTime: null,
  accountEnabled: true,
  alternativeSecurityIds: [],
  approximateLastSignInDateTime: null,
  deviceId: "33333333-cccc-4ccc-8ccc-000000000001",
  displayName: "HL2-0001",
  operatingSystem: "Windows",
  operatingSystemVersion: "10.0.22621.1133",
  physicalIds: ["[ZTDId]:0f7c0a3e-5b5b-4e59-9d6d-1a2b3c4d5e6f", "[OrderID]:ClientA", "[HWID]:h:6966043157271240"],
  registrationDateTime: "2026-01-01T00:00:00Z",
  systemLabels: [],
  trustType: "AzureAd",
};

beforeAll(async () => {
  t = await startTestTenant();
  t.tenant.store.put("devices", hololens);
  t.tenant.store.put("devices", { ...hololens, id: "22222222-bbbb-4bbb-8bbb-000000000002", deviceId: "33333333-cccc-4ccc-8ccc-000000000002", displayName: "LAPTOP-1", physicalIds: [] });
});
afterAll(async () => {
  await t?.close();
});

describe("/devices", () => {
  it("GET /devices → CSDL-conformant devices with physicalIds", async () => {
    const res = await t.graph("GET", "/v1.0/devices");
    expect(res.status).toBe(200);
    expect(res.body.value).toHaveLength(2);
    expect(res.body.value[0].physicalIds).toContain("[OrderID]:ClientA");
    if (hasCsdlReference()) for (const d of res.body.value) expect(checkEntity("device", d, "v1.0")).toEqual([]);
  });

  it("$filter by displayName and by physicalIds/any(…)", async () => {
    const byName = await t.graph("GET", `/v1.0/devices?$filter=${encodeURIComponent("displayName eq 'HL2-0001'")}`);
    expect((byName.body.value as { id: string }[]).map((d) => d.id)).toEqual([hololens.id]);
    const byTag = await t.graph("GET", `/v1.0/devices?$filter=${encodeURIComponent("physicalIds/any(p:p eq '[OrderID]:ClientA')")}`);
    expect(byTag.status).toBe(200);
    expect((byTag.body.value as { id: string }[]).map((d) => d.id)).toEqual([hololens.id]);
  });

  it("GET by object id and by deviceId alternate key; unknown → 404", async () => {
    expect((await t.graph("GET", `/v1.0/devices/${hololens.id}`)).body.displayName).toBe("HL2-0001");
    expect((await t.graph("GET", `/v1.0/devices(deviceId='${hololens.deviceId}')`)).body.id).toBe(hololens.id);
    expect((await t.graph("GET", "/v1.0/devices/22222222-bbbb-4bbb-8bbb-0000000000ff")).status).toBe(404);
  });

  it("a doubled single quote in the deviceId key is one quote (OData string literal); a lone quote → 400", async () => {
    t.tenant.store.put("devices", { ...hololens, id: "22222222-bbbb-4bbb-8bbb-000000000003", deviceId: "x'y", displayName: "QUOTED" });
    const res = await t.graph("GET", `/v1.0/devices(deviceId='x''y')`);
    expect(res.status).toBe(200);
    expect(res.body.displayName).toBe("QUOTED");
    expect((await t.graph("GET", `/v1.0/devices(deviceId='x%27%27y')`)).body.displayName).toBe("QUOTED");
    const lone = await t.graph("GET", `/v1.0/devices(deviceId='x'y')`);
    expect(lone.status).toBe(400);
    t.tenant.store.delete("devices", "22222222-bbbb-4bbb-8bbb-000000000003");
  });
});

describe("PATCH and DELETE /devices", () => {
  const base = { ...hololens, physicalIds: ["[ZTDId]:9d1c", "[OrderID]:ClientZ"], systemLabels: [] };
  function putDevice(n: number, extra: Record<string, unknown> = {}) {
    const id = `44444444-dddd-4ddd-8ddd-0000000000${String(n).padStart(2, "0")}`;
    const doc = { ...base, id, deviceId: `55555555-eeee-4eee-8eee-0000000000${String(n).padStart(2, "0")}`, displayName: `HL2-Z${n}`, ...extra };
    t.tenant.store.put("devices", doc);
    return doc;
  }

  it("PATCH by object id → 204 and reads back, CSDL-conformant", async () => {
    const d = putDevice(1);
    expect((await t.graph("PATCH", `/v1.0/devices/${d.id}`, { displayName: "HL2-Renamed", accountEnabled: false, isCompliant: true })).status).toBe(204);
    const res = await t.graph("GET", `/v1.0/devices/${d.id}`);
    expect(res.body).toMatchObject({ displayName: "HL2-Renamed", accountEnabled: false, isCompliant: true, physicalIds: base.physicalIds });
    if (hasCsdlReference()) expect(checkEntity("device", res.body, "v1.0")).toEqual([]);
  });

  it("extensionAttributes are beta-only (not in the v1.0 CSDL) and merge attribute by attribute", async () => {
    const d = putDevice(8);
    expect((await t.graph("PATCH", `/v1.0/devices/${d.id}`, { extensionAttributes: { extensionAttribute1: "ClientZ" } })).status).toBe(400);
    expect((await t.graph("PATCH", `/beta/devices/${d.id}`, { extensionAttributes: { extensionAttribute1: "ClientZ" } })).status).toBe(204);
    expect((await t.graph("PATCH", `/beta/devices/${d.id}`, { extensionAttributes: { extensionAttribute2: "loan-42" } })).status).toBe(204);
    expect((await t.graph("GET", `/beta/devices/${d.id}`)).body.extensionAttributes).toEqual({ extensionAttribute1: "ClientZ", extensionAttribute2: "loan-42" });
    const v1 = await t.graph("GET", `/v1.0/devices/${d.id}`);
    expect(v1.body.extensionAttributes).toBeUndefined();
    if (hasCsdlReference()) expect(checkEntity("device", v1.body, "v1.0")).toEqual([]);
  });

  it("PATCH by the deviceId alternate key → 204", async () => {
    const d = putDevice(2);
    expect((await t.graph("PATCH", `/v1.0/devices(deviceId='${d.deviceId}')`, { operatingSystemVersion: "10.0.22621.3000" })).status).toBe(204);
    expect((await t.graph("GET", `/beta/devices/${d.id}`)).body.operatingSystemVersion).toBe("10.0.22621.3000");
  });

  it("PATCH of a read-only property, a wrong type or an unknown extension attribute → 400; unknown device → 404", async () => {
    const d = putDevice(3);
    for (const body of [{ deviceId: "x" }, { physicalIds: [] }, { accountEnabled: "no" }, { extensionAttributes: { extensionAttribute16: "x" } }, { extensionAttributes: "x" }]) {
      const res = await t.graph("PATCH", `/beta/devices/${d.id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("Request_BadRequest");
    }
    expect((await t.graph("GET", `/v1.0/devices/${d.id}`)).body.displayName).toBe("HL2-Z3");
    expect((await t.graph("PATCH", "/v1.0/devices/44444444-dddd-4ddd-8ddd-0000000000ff", { displayName: "x" })).status).toBe(404);
  });

  it("an app may change only extensionAttributes of a non-Windows device (device-update.md)", async () => {
    const d = putDevice(4, { operatingSystem: "iOS" });
    const denied = await t.graph("PATCH", `/v1.0/devices/${d.id}`, { displayName: "x" });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe("Authorization_RequestDenied");
    expect((await t.graph("PATCH", `/beta/devices/${d.id}`, { extensionAttributes: { extensionAttribute3: "ok" } })).status).toBe(204);
  });

  it("PATCH and DELETE need Device.ReadWrite.All; Device.Read.All is not enough", async () => {
    const d = putDevice(5);
    const reader = await t.createApp(["Device.Read.All"]);
    const auth = { authorization: `Bearer ${await t.tokenFor(reader.clientId)}` };
    expect((await t.graph("GET", `/v1.0/devices/${d.id}`, undefined, auth)).status).toBe(200);
    expect((await t.graph("PATCH", `/v1.0/devices/${d.id}`, { displayName: "x" }, auth)).status).toBe(403);
    expect((await t.graph("DELETE", `/v1.0/devices/${d.id}`, undefined, auth)).status).toBe(403);
  });

  it("DELETE → 204, then 404; the device leaves its assigned and dynamic groups", async () => {
    const d = putDevice(6);
    const assigned = await t.graph("POST", "/v1.0/groups", { displayName: "devs", mailEnabled: false, mailNickname: "devs", securityEnabled: true });
    expect((await t.graph("POST", `/v1.0/groups/${assigned.body.id}/members/$ref`, { "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${d.id}` })).status).toBe(204);
    const dynamic = await t.graph("POST", "/v1.0/groups", {
      displayName: "clientz",
      mailEnabled: false,
      mailNickname: "clientz",
      securityEnabled: true,
      groupTypes: ["DynamicMembership"],
      membershipRule: '(device.devicePhysicalIds -any (_ -eq "[OrderID]:ClientZ"))',
      membershipRuleProcessingState: "On",
    });
    const memberIds = async (groupId: string) => ((await t.graph("GET", `/v1.0/groups/${groupId}/members`)).body.value as { id: string }[]).map((m) => m.id);
    expect(await memberIds(dynamic.body.id)).toContain(d.id);
    expect((await t.graph("GET", `/v1.0/devices/${d.id}/memberOf`)).body.value).toHaveLength(2);
    expect((await t.graph("DELETE", `/v1.0/devices/${d.id}`)).status).toBe(204);
    expect((await t.graph("GET", `/v1.0/devices/${d.id}`)).status).toBe(404);
    expect((await t.graph("DELETE", `/v1.0/devices/${d.id}`)).status).toBe(404);
    expect(await memberIds(assigned.body.id)).toEqual([]);
    expect(await memberIds(dynamic.body.id)).not.toContain(d.id);
  });

  it("DELETE by the deviceId alternate key → 204", async () => {
    const d = putDevice(7);
    expect((await t.graph("DELETE", `/v1.0/devices(deviceId='${d.deviceId}')`)).status).toBe(204);
    expect((await t.graph("GET", `/v1.0/devices(deviceId='${d.deviceId}')`)).status).toBe(404);
  });
});

describe("/directoryObjects/{id}", () => {
  it("answers a device, a group and a user with their @odata.type; unknown → 404", async () => {
    const device = await t.graph("GET", `/v1.0/directoryObjects/${hololens.id}`);
    expect(device.status).toBe(200);
    expect(device.body["@odata.type"]).toBe("#microsoft.graph.device");
    const g = await t.graph("POST", "/v1.0/groups", { displayName: "do", mailEnabled: false, mailNickname: "do", securityEnabled: true });
    const group = await t.graph("GET", `/v1.0/directoryObjects/${g.body.id}`);
    expect(group.body).toMatchObject({ "@odata.type": "#microsoft.graph.group", id: g.body.id, displayName: "do" });
    expect(group.body.hasMembersWithLicenseErrors).toBeUndefined();
    const missing = await t.graph("GET", "/v1.0/directoryObjects/00000000-0000-0000-0000-0000000000dd");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("Request_ResourceNotFound");
  });
});

describe("/subscribedSkus", () => {
  it("lists the five SKUs with finite units; each conforms to the CSDL; by id works", async () => {
    const res = await t.graph("GET", "/v1.0/subscribedSkus");
    expect(res.status).toBe(200);
    const skus = res.body.value as { id: string; skuPartNumber: string; prepaidUnits: { enabled: number }; consumedUnits: number }[];
    expect(skus.map((s) => s.skuPartNumber).sort()).toEqual(["AAD_PREMIUM", "ENTERPRISEPACK", "INTUNE_A", "MICROSOFT_REMOTE_ASSIST", "SPE_E3"]);
    expect(skus.every((s) => Number.isInteger(s.prepaidUnits.enabled) && s.prepaidUnits.enabled > 0 && s.consumedUnits === 0)).toBe(true);
    if (hasCsdlReference()) for (const s of skus) expect(checkEntity("subscribedSku", s, "v1.0")).toEqual([]);
    const one = await t.graph("GET", `/v1.0/subscribedSkus/${skus[0]!.id}`);
    expect(one.body.skuPartNumber).toBe(skus[0]!.skuPartNumber);
  });
});

describe("undeclared body properties", () => {
  it("PATCH /devices refuses a property device does not declare in the request's version", async () => {
    const misspelt = await t.graph("PATCH", `/beta/devices/${hololens.id}`, { acountEnabled: false });
    expect(misspelt.status).toBe(400);
    expect(misspelt.body.error).toMatchObject({ code: "Request_BadRequest", message: "Property 'acountEnabled' does not exist as a declared property or extension property." });
    const v1 = await t.graph("PATCH", `/v1.0/devices(deviceId='${hololens.deviceId}')`, { extensionAttributes: { extensionAttribute1: "x" } });
    expect(v1.body.error.message).toBe("Property 'extensionAttributes' does not exist as a declared property or extension property.");
    expect((await t.graph("GET", `/v1.0/devices/${hololens.id}`)).body.accountEnabled).toBe(true);
  });
});

describe("/devices/{id}/registeredOwners", () => {
  it("a device joined by an account → that account as a directoryObject; $select keeps the named properties", async () => {
    const domain = await initialDomain(t);
    const owner = await createTestUser(t, domain, "hl-owner");
    const id = "22222222-bbbb-4bbb-8bbb-000000000003";
    t.tenant.store.put("devices", { ...hololens, id, deviceId: "33333333-cccc-4ccc-8ccc-000000000003", displayName: "HL2-0003", _registeredOwners: [owner.id, "44444444-dddd-4ddd-8ddd-000000000404"] });
    const res = await t.graph("GET", `/v1.0/devices/${id}/registeredOwners?$select=id,userPrincipalName`);
    expect(res.status).toBe(200);
    // An owner deleted since (the second id) is not listed.
    expect(res.body.value).toEqual([{ "@odata.type": "#microsoft.graph.user", id: owner.id, userPrincipalName: `hl-owner@${domain}` }]);
    if (hasCsdlReference()) {
      expect(typeProperties("microsoft.graph.device", "v1.0")?.get("registeredOwners")?.navigation).toBe(true);
      expect(formatProblems(checkEntities("user", (await t.graph("GET", `/beta/devices/${id}/registeredOwners`)).body, "beta", { partial: true }))).toBe("");
    }
  });

  it("a device nobody joined → an empty list; an unknown device → 404", async () => {
    expect((await t.graph("GET", `/v1.0/devices/${hololens.id}/registeredOwners`)).body.value).toEqual([]);
    expect((await t.graph("GET", "/v1.0/devices/22222222-bbbb-4bbb-8bbb-0000000000ff/registeredOwners")).status).toBe(404);
  });
});
