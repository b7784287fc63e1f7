import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEntities, checkEntity, formatProblems, hasCsdlReference } from "../conformance/csdl.ts";
import { startTestTenant, type TestTenant } from "../testing.ts";

const BASE = "/deviceManagement/deviceEnrollmentConfigurations";
const conform = hasCsdlReference();

const esp = {
  "@odata.type": "#microsoft.graph.windows10EnrollmentCompletionPageConfiguration",
  displayName: "HF HoloLens 2 enrollment status",
  description: "ESP for the device group",
  showInstallationProgress: true,
  installProgressTimeoutInMinutes: 60,
  customErrorMessage: "Setup could not be completed.",
  allowLogCollectionOnInstallFailure: true,
  allowDeviceResetOnInstallFailure: true,
  allowDeviceUseOnInstallFailure: false,
  blockDeviceSetupRetryByUser: false,
  roleScopeTagIds: ["0"],
};

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant();
});
afterAll(async () => {
  await t?.close();
});

async function createGroup(name: string): Promise<string> {
  const res = await t.graph("POST", "/v1.0/groups", { displayName: name, mailEnabled: false, mailNickname: name, securityEnabled: true });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe("the tenant's default enrollment configurations", () => {
  it("a fresh tenant holds the five defaults on beta, priority 0, 'All users and all devices'", async () => {
    const res = await t.graph("GET", `/beta${BASE}`);
    expect(res.status).toBe(200);
    const value = res.body.value as { id: string; priority: number; displayName: string; deviceEnrollmentConfigurationType: string }[];
    expect(value.map((v) => v.id.slice(t.tenantId.length + 1)).sort()).toEqual([
      "DefaultLimit",
      "DefaultPlatformRestrictions",
      "DefaultWindows10EnrollmentCompletionPageConfiguration",
      "DefaultWindowsHelloForBusiness",
      "WindowsRestore",
    ]);
    expect(new Set(value.map((v) => `${v.priority} ${v.displayName}`))).toEqual(new Set(["0 All users and all devices"]));
    expect(value.map((v) => v.deviceEnrollmentConfigurationType).sort()).toEqual(["limit", "platformRestrictions", "windows10EnrollmentCompletionPageConfiguration", "windowsHelloForBusiness", "windowsRestore"]);
    if (conform) expect(formatProblems(checkEntities("deviceEnrollmentConfiguration", res.body, "beta"))).toBe("");
  });

  it("v1.0 lists the four v1.0 types with v1.0 properties only (no beta-only type, property or nested field)", async () => {
    const res = await t.graph("GET", `/v1.0${BASE}`);
    expect(res.status).toBe(200);
    const value = res.body.value as Record<string, unknown>[];
    expect(value).toHaveLength(4);
    const restrictions = value.find((v) => String(v.id).endsWith("_DefaultPlatformRestrictions"))!;
    expect(restrictions.windowsRestriction).toEqual({ platformBlocked: false, personalDeviceEnrollmentBlocked: false, osMinimumVersion: "", osMaximumVersion: "" });
    expect(restrictions).not.toHaveProperty("windowsHomeSkuRestriction");
    expect(restrictions).not.toHaveProperty("roleScopeTagIds");
    const defaultEsp = value.find((v) => String(v.id).endsWith("_DefaultWindows10EnrollmentCompletionPageConfiguration"))!;
    expect(defaultEsp).not.toHaveProperty("showInstallationProgress");
    expect(defaultEsp.allowNonBlockingAppInstallation).toBe(false);
    if (conform) expect(formatProblems(checkEntities("deviceEnrollmentConfiguration", res.body, "v1.0"))).toBe("");
  });

  it("a default can be updated (Windows blocked) but not assigned, re-prioritised or deleted", async () => {
    const id = `${t.tenantId}_DefaultPlatformRestrictions`;
    const patched = await t.graph("PATCH", `/beta${BASE}/${id}`, {
      "@odata.type": "#microsoft.graph.deviceEnrollmentPlatformRestrictionsConfiguration",
      windowsRestriction: { platformBlocked: true, personalDeviceEnrollmentBlocked: false },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.windowsRestriction).toMatchObject({ platformBlocked: true, blockedManufacturers: [] });
    expect(patched.body.version).toBe(1);
    const read = await t.graph("GET", `/v1.0${BASE}/${id}`);
    expect(read.body.windowsRestriction.platformBlocked).toBe(true);
    const groupId = await createGroup("esp-default-target");
    const target = { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId };
    expect((await t.graph("POST", `/beta${BASE}/${id}/assign`, { enrollmentConfigurationAssignments: [{ target }] })).status).toBe(400);
    expect((await t.graph("POST", `/beta${BASE}/${id}/setPriority`, { priority: 1 })).status).toBe(400);
    expect((await t.graph("DELETE", `/beta${BASE}/${id}`)).status).toBe(400);
    // Restore for the other tests.
    await t.graph("PATCH", `/beta${BASE}/${id}`, { windowsRestriction: { platformBlocked: false, personalDeviceEnrollmentBlocked: false, osMinimumVersion: "", osMaximumVersion: "" } });
  });

  it("beta-only types answer 404 on v1.0", async () => {
    expect((await t.graph("GET", `/v1.0${BASE}/${t.tenantId}_WindowsRestore`)).status).toBe(404);
    expect((await t.graph("GET", `/beta${BASE}/${t.tenantId}_WindowsRestore`)).status).toBe(200);
  });
});

describe("Enrollment Status Page", () => {
  let espId = "";

  it("POST on beta creates it (201) with the next priority, scope tags and its type", async () => {
    const res = await t.graph("POST", `/beta${BASE}`, esp);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ...esp, priority: 1, version: 1, deviceEnrollmentConfigurationType: "windows10EnrollmentCompletionPageConfiguration", selectedMobileAppIds: [] });
    if (conform) expect(formatProblems(checkEntity("deviceEnrollmentConfiguration", res.body, "beta"))).toBe("");
    espId = res.body.id as string;
    const v1 = await t.graph("GET", `/v1.0${BASE}/${espId}`);
    expect(v1.status).toBe(200);
    expect(Object.keys(v1.body).sort()).toEqual(
      ["@odata.context", "@odata.type", "allowNonBlockingAppInstallation", "createdDateTime", "description", "displayName", "id", "lastModifiedDateTime", "priority", "version"].sort(),
    );
    if (conform) expect(formatProblems(checkEntity("deviceEnrollmentConfiguration", v1.body, "v1.0"))).toBe("");
  });

  it("refuses beta-only properties on v1.0, unknown properties, bad values and a missing @odata.type (400)", async () => {
    expect((await t.graph("POST", `/v1.0${BASE}`, esp)).status).toBe(400);
    expect((await t.graph("POST", `/beta${BASE}`, { ...esp, showProgress: true })).status).toBe(400);
    expect((await t.graph("POST", `/beta${BASE}`, { ...esp, installProgressTimeoutInMinutes: "60" })).status).toBe(400);
    expect((await t.graph("POST", `/beta${BASE}`, { ...esp, customErrorMessage: "x".repeat(10001) })).status).toBe(400);
    const { "@odata.type": _type, ...untyped } = esp;
    expect((await t.graph("POST", `/beta${BASE}`, untyped)).status).toBe(400);
    expect((await t.graph("POST", `/beta${BASE}`, { ...esp, displayName: "" })).status).toBe(400);
  });

  it("assign replaces the set and answers 204; assignments read back per version", async () => {
    const g1 = await createGroup("esp-devices-1");
    const g2 = await createGroup("esp-devices-2");
    const group = (groupId: string) => ({ target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId } });
    const first = await t.graph("POST", `/beta${BASE}/${espId}/assign`, { enrollmentConfigurationAssignments: [group(g1)] });
    expect(first.status).toBe(204);
    expect(first.body).toBeUndefined();
    const second = await t.graph("POST", `/beta${BASE}/${espId}/assign`, { enrollmentConfigurationAssignments: [group(g2)] });
    expect(second.status).toBe(204);
    const beta = await t.graph("GET", `/beta${BASE}/${espId}/assignments`);
    expect(beta.body.value).toEqual([
      {
        "@odata.type": "#microsoft.graph.enrollmentConfigurationAssignment",
        id: `${espId}_${g2}`,
        source: "direct",
        sourceId: espId,
        target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: g2, deviceAndAppManagementAssignmentFilterId: null, deviceAndAppManagementAssignmentFilterType: "none" },
      },
    ]);
    if (conform) expect(formatProblems(checkEntities("enrollmentConfigurationAssignment", beta.body, "beta"))).toBe("");
    const v1 = await t.graph("GET", `/v1.0${BASE}/${espId}/assignments`);
    expect(v1.body.value[0]).toEqual({ "@odata.type": "#microsoft.graph.enrollmentConfigurationAssignment", id: `${espId}_${g2}`, target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: g2 } });
    if (conform) expect(formatProblems(checkEntities("enrollmentConfigurationAssignment", v1.body, "v1.0"))).toBe("");
    expect((await t.graph("POST", `/beta${BASE}/${espId}/assign`, { assignments: [group(g1)] })).status).toBe(400);
    expect((await t.graph("POST", `/beta${BASE}/${espId}/assign`, { enrollmentConfigurationAssignments: [{ target: { groupId: g1 } }] })).status).toBe(400);
  });

  it("$expand=assignments, $filter on the configuration type, $select and paging with an absolute nextLink", async () => {
    const expanded = await t.graph("GET", `/beta${BASE}?$expand=assignments&$filter=${encodeURIComponent("deviceEnrollmentConfigurationType eq 'windows10EnrollmentCompletionPageConfiguration'")}`);
    expect(expanded.status).toBe(200);
    const value = expanded.body.value as { id: string; assignments: unknown[] }[];
    expect(value.map((v) => [v.id === espId, v.assignments.length]).sort()).toEqual([[false, 0], [true, 1]]);
    const selected = await t.graph("GET", `/beta${BASE}?$select=id,displayName,priority`);
    expect(Object.keys(selected.body.value[0]).sort()).toEqual(["@odata.type", "displayName", "id", "priority"]);
    const page = await t.graph("GET", `/beta${BASE}?$top=2`);
    expect(page.body.value).toHaveLength(2);
    expect(page.body["@odata.nextLink"]).toMatch(new RegExp(`^${t.baseUrl}/beta${BASE}\\?`));
    const next = await t.graph("GET", page.body["@odata.nextLink"] as string);
    expect(next.status).toBe(200);
    expect(next.body.value).toHaveLength(2);
    expect((await t.graph("GET", `/beta${BASE}?$expand=devices`)).status).toBe(400);
  });

  it("PATCH bumps version; setPriority reorders the configurations of the same kind", async () => {
    const patched = await t.graph("PATCH", `/beta${BASE}/${espId}`, { installProgressTimeoutInMinutes: 90 });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ installProgressTimeoutInMinutes: 90, version: 2, showInstallationProgress: true });
    const second = await t.graph("POST", `/beta${BASE}`, { ...esp, displayName: "second ESP" });
    expect(second.body.priority).toBe(2);
    expect((await t.graph("POST", `/beta${BASE}/${second.body.id}/setPriority`, { priority: 1 })).status).toBe(204);
    expect((await t.graph("GET", `/beta${BASE}/${second.body.id}`)).body.priority).toBe(1);
    expect((await t.graph("GET", `/beta${BASE}/${espId}`)).body.priority).toBe(2);
    expect((await t.graph("POST", `/beta${BASE}/${espId}/setPriority`, { priority: 0 })).status).toBe(400);
    expect((await t.graph("DELETE", `/beta${BASE}/${second.body.id}`)).status).toBe(204);
    expect((await t.graph("GET", `/beta${BASE}/${second.body.id}`)).status).toBe(404);
  });

  it("needs DeviceManagementServiceConfig (or DeviceManagementConfiguration) permissions: another app gets 403", async () => {
    const app = await t.createApp(["User.Read.All"]);
    const token = await t.tokenFor(app.clientId);
    const res = await t.graph("GET", `/beta${BASE}`, undefined, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(403);
    const reader = await t.createApp(["DeviceManagementServiceConfig.Read.All"]);
    const readerToken = await t.tokenFor(reader.clientId);
    expect((await t.graph("GET", `/beta${BASE}/${espId}`, undefined, { authorization: `Bearer ${readerToken}` })).status).toBe(200);
    expect((await t.graph("PATCH", `/beta${BASE}/${espId}`, { description: "x" }, { authorization: `Bearer ${readerToken}` })).status).toBe(403);
  });
});

describe("other enrollment configurations", () => {
  it("a beta single-platform restriction for Windows and a limit; v1.0 hides the single-platform one", async () => {
    const single = await t.graph("POST", `/beta${BASE}`, {
      "@odata.type": "#microsoft.graph.deviceEnrollmentPlatformRestrictionConfiguration",
      displayName: "Windows personal blocked",
      platformType: "windows",
      platformRestriction: { platformBlocked: false, personalDeviceEnrollmentBlocked: true, osMinimumVersion: "10.0.19041", osMaximumVersion: null },
    });
    expect(single.status).toBe(201);
    expect(single.body.deviceEnrollmentConfigurationType).toBe("singlePlatformRestriction");
    if (conform) expect(formatProblems(checkEntity("deviceEnrollmentConfiguration", single.body, "beta"))).toBe("");
    expect((await t.graph("GET", `/v1.0${BASE}/${single.body.id}`)).status).toBe(404);
    const limit = await t.graph("POST", `/v1.0${BASE}`, { "@odata.type": "#microsoft.graph.deviceEnrollmentLimitConfiguration", displayName: "Three devices", limit: 3 });
    expect(limit.status).toBe(201);
    expect(limit.body).toMatchObject({ limit: 3, priority: 1 });
    if (conform) expect(formatProblems(checkEntity("deviceEnrollmentConfiguration", limit.body, "v1.0"))).toBe("");
    expect((await t.graph("POST", `/v1.0${BASE}`, { "@odata.type": "#microsoft.graph.deviceEnrollmentLimitConfiguration", displayName: "Too many", limit: 16 })).status).toBe(400);
    expect((await t.graph("POST", `/v1.0${BASE}`, { "@odata.type": "#microsoft.graph.deviceComanagementAuthorityConfiguration", displayName: "x" })).status).toBe(400);
  });
});
