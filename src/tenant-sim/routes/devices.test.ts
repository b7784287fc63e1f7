import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEntity, hasCsdlReference } from "../conformance/csdl.ts";
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
