import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEntities, checkEntity, formatProblems, hasCsdlReference } from "../conformance/csdl.ts";
import { startTestTenant, type TestTenant } from "../testing.ts";
import { autopilotRoutes } from "./autopilot.ts";
import { deviceConfigurationRoutes } from "./device-configurations.ts";
import { managedDeviceRoutes } from "./managed-devices.ts";

const BASE = "/deviceManagement/managedDevices";
const conform = hasCsdlReference();
let t: TestTenant;
const enrolled: { managedDeviceId: string; entraObjectId: string; serialNumber: string }[] = [];

beforeAll(async () => {
  t = await startTestTenant();
  for (const [i, os] of ["10.0.22621.1266", "10.0.20348.1528", "10.0.22621.1266"].entries()) {
    const res = await t.sim("POST", "/devices", { serialNumber: `HL2-MD-${i}`, osVersion: os, groupTag: "Fleet", enroll: true });
    expect(res.status).toBe(201);
    enrolled.push(res.body);
  }
  // Registered only: no managed device.
  expect((await t.sim("POST", "/devices", { serialNumber: "HL2-MD-REG", osVersion: "10.0.22621.1266" })).status).toBe(201);
});
afterAll(async () => {
  await t?.close();
});

describe("managedDevices", () => {
  it("lists enrolled devices only, with @odata.type, conforming to v1.0 and beta", async () => {
    const list = await t.graph("GET", `/v1.0${BASE}`);
    expect(list.status).toBe(200);
    expect(list.body["@odata.context"]).toBe(`${t.baseUrl}/v1.0/$metadata#deviceManagement/managedDevices`);
    expect(list.body.value.map((d: { serialNumber: string }) => d.serialNumber).sort()).toEqual(["HL2-MD-0", "HL2-MD-1", "HL2-MD-2"]);
    expect(list.body.value.every((d: Record<string, unknown>) => d["@odata.type"] === "#microsoft.graph.managedDevice")).toBe(true);
    if (conform) expect(formatProblems(checkEntities("managedDevice", list.body, "v1.0"))).toBe("");
    const beta = await t.graph("GET", `/beta${BASE}`);
    if (conform) expect(formatProblems(checkEntities("managedDevice", beta.body, "beta"))).toBe("");
  });

  it("filters on the properties Intune documents and pages with absolute nextLinks", async () => {
    const byOs = await t.graph("GET", `/v1.0${BASE}?$filter=${encodeURIComponent("operatingSystem eq 'Windows' and osVersion eq '10.0.20348.1528'")}`);
    expect(byOs.body.value.map((d: { serialNumber: string }) => d.serialNumber)).toEqual(["HL2-MD-1"]);
    const byModel = await t.graph("GET", `/v1.0${BASE}?$filter=${encodeURIComponent("model eq 'HoloLens 2'")}&$select=id,serialNumber`);
    expect(byModel.body.value).toHaveLength(3);
    expect(Object.keys(byModel.body.value[0]).sort()).toEqual(["@odata.type", "id", "serialNumber"]);
    if (conform) expect(formatProblems(checkEntities("managedDevice", byModel.body, "v1.0", { partial: true }))).toBe("");

    const first = await t.graph("GET", `/v1.0${BASE}?$top=2`);
    expect(first.body.value).toHaveLength(2);
    expect(first.body["@odata.nextLink"]).toMatch(new RegExp(`^${t.baseUrl}/v1.0/deviceManagement/managedDevices\\?`));
    const second = await t.graph("GET", first.body["@odata.nextLink"]);
    expect(second.body.value).toHaveLength(1);
    expect(second.body["@odata.nextLink"]).toBeUndefined();
  });

  it("reads one device, answers Intune's 404 for an unknown id", async () => {
    const one = await t.graph("GET", `/v1.0${BASE}/${enrolled[0]!.managedDeviceId}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: enrolled[0]!.managedDeviceId, deviceEnrollmentType: "windowsAzureADJoin", managementAgent: "mdm", complianceState: "unknown" });
    if (conform) expect(formatProblems(checkEntity("managedDevice", one.body, "v1.0"))).toBe("");
    const missing = await t.graph("GET", `/v1.0${BASE}/00000000-0000-0000-0000-000000000001`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("ResourceNotFound");
    expect(JSON.parse(missing.body.error.message)._version).toBe(3);
  });

  it("beta answers roleScopeTagIds empty in lists and filled on a single read, as Intune does", async () => {
    const list = await t.graph("GET", `/beta${BASE}`);
    expect(list.body.value.every((d: { roleScopeTagIds: unknown }) => Array.isArray(d.roleScopeTagIds) && d.roleScopeTagIds.length === 0)).toBe(true);
    const one = await t.graph("GET", `/beta${BASE}/${enrolled[0]!.managedDeviceId}`);
    expect(one.body.roleScopeTagIds).toEqual(["0"]);
    if (conform) expect(formatProblems(checkEntity("managedDevice", one.body, "beta"))).toBe("");
    expect((await t.graph("GET", `/v1.0${BASE}/${enrolled[0]!.managedDeviceId}`)).body.roleScopeTagIds).toBeUndefined();
  });

  it("wipe checks beta's obliterationBehavior against its enum and refuses beta parameters on v1.0", async () => {
    const id = enrolled[0]!.managedDeviceId;
    expect((await t.graph("POST", `/beta${BASE}/${id}/wipe`, { obliterationBehavior: "sometimes" })).status).toBe(400);
    expect((await t.graph("POST", `/v1.0${BASE}/${id}/wipe`, { obliterationBehavior: "default" })).status).toBe(400);
    expect((await t.graph("POST", `/v1.0${BASE}/${id}/wipe`, { keepUserData: "no" })).status).toBe(400);
    expect((await t.graph("GET", `/v1.0${BASE}/${id}`)).body.managementState).toBe("managed");
  });

  it("an enrolled device's Entra object conforms to the v1.0 device type", async () => {
    const entra = await t.graph("GET", `/v1.0/devices/${enrolled[0]!.entraObjectId}`);
    expect(entra.status).toBe(200);
    expect(entra.body).toMatchObject({ isManaged: true, mdmAppId: "0000000a-0000-0000-c000-000000000000", operatingSystemVersion: "10.0.22621.1266" });
    if (conform) expect(formatProblems(checkEntity("device", entra.body, "v1.0", { partial: true }))).toBe("");
  });

  it("wipe needs a write permission; read permissions cannot wipe", async () => {
    const reader = await t.createApp(["DeviceManagementManagedDevices.Read.All"]);
    const token = await t.tokenFor(reader.clientId);
    const auth = { authorization: `Bearer ${token}` };
    expect((await t.graph("GET", `/v1.0${BASE}`, undefined, auth)).status).toBe(200);
    const denied = await t.graph("POST", `/v1.0${BASE}/${enrolled[2]!.managedDeviceId}/wipe`, {}, auth);
    expect(denied.status).toBe(403);
    const privileged = await t.createApp(["DeviceManagementManagedDevices.PrivilegedOperations.All"]);
    const privilegedToken = await t.tokenFor(privileged.clientId);
    const wiped = await t.graph("POST", `/v1.0${BASE}/${enrolled[2]!.managedDeviceId}/wipe`, {}, { authorization: `Bearer ${privilegedToken}` });
    expect(wiped.status).toBe(204);
    // A second wipe while one is pending is harmless (graph-facts §6).
    expect((await t.graph("POST", `/v1.0${BASE}/${enrolled[2]!.managedDeviceId}/wipe`)).status).toBe(204);
    const device = await t.graph("GET", `/v1.0${BASE}/${enrolled[2]!.managedDeviceId}`);
    expect(device.body.deviceActionResults).toHaveLength(1);
  });

  it("DELETE removes the Intune record", async () => {
    expect((await t.graph("DELETE", `/v1.0${BASE}/${enrolled[1]!.managedDeviceId}`)).status).toBe(204);
    expect((await t.graph("GET", `/v1.0${BASE}/${enrolled[1]!.managedDeviceId}`)).status).toBe(404);
  });
});

describe("throttling class (graph-facts §9.5: the devices service has its own, larger budget)", () => {
  it("every managed-device route counts against intune-devices, Autopilot against intune-enrollment", () => {
    expect(managedDeviceRoutes.map((r) => r.throttle)).toEqual(managedDeviceRoutes.map(() => "intune-devices"));
    expect(new Set(autopilotRoutes.map((r) => r.throttle))).toEqual(new Set(["intune-enrollment"]));
    expect(new Set(deviceConfigurationRoutes.map((r) => r.throttle))).toEqual(new Set(["intune"]));
  });

  it("over HTTPS (realistic): 100 configuration writes exhaust only the configuration budget; managed-device writes go on to 200", async () => {
    const tt = await startTestTenant({ throttling: "realistic" });
    try {
      const missing = "00000000-0000-0000-0000-00000000dead";
      // Writes are counted before the handler runs, so writes on a missing id spend the budget too (404, not 429).
      const config = await Promise.all(Array.from({ length: 101 }, () => tt.graph("DELETE", `/v1.0/deviceManagement/deviceConfigurations/${missing}`)));
      expect(config.filter((r) => r.status === 429)).toHaveLength(1);
      expect(config.filter((r) => r.status === 404)).toHaveLength(100);
      const wipes = await Promise.all(Array.from({ length: 201 }, () => tt.graph("POST", `/v1.0${BASE}/${missing}/wipe`, {})));
      expect(wipes.filter((r) => r.status === 404)).toHaveLength(200);
      expect(wipes.filter((r) => r.status === 429)).toHaveLength(1);
    } finally {
      await tt.close();
    }
  });
});
