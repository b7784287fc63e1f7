import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEntities, checkEntity, formatProblems, hasCsdlReference } from "../conformance/csdl.ts";
import { WIPE_DELAY_MS } from "../intune/managed-device.ts";
import { startTestTenant, type TestTenant } from "../testing.ts";
// Tests may use holofleet's compiler to produce real bodies; the tenant itself never imports it.
import { compile } from "../../compile/compile.ts";
import { secureBlueprint } from "../../compile/testing/blueprint-fixture.ts";

const CFG = "/deviceManagement/deviceConfigurations";
const DEV_UNLOCK = "./Device/Vendor/MSFT/Policy/Config/ApplicationManagement/AllowDeveloperUnlock";
const USB = "./Vendor/MSFT/Policy/Config/Connectivity/AllowUSBConnection";
const DEFENDER = "./Vendor/MSFT/Policy/Config/Defender/AllowRealtimeMonitoring";
const conform = hasCsdlReference();

let t: TestTenant;
let domain: string;
let userId: string;
let upn: string;
let deviceGroupId: string;
let userGroupId: string;

function customProfile(name: string, settings: { omaUri: string; value: number }[]) {
  return {
    "@odata.type": "#microsoft.graph.windows10CustomConfiguration",
    displayName: name,
    omaSettings: settings.map((s, i) => ({ "@odata.type": "#microsoft.graph.omaSettingInteger", displayName: `${name} ${i}`, omaUri: s.omaUri, value: s.value })),
  };
}

async function createAssigned(body: unknown, targets: Record<string, unknown>[]): Promise<string> {
  const created = await t.graph("POST", `/v1.0${CFG}`, body);
  expect(created.status).toBe(201);
  const assigned = await t.graph("POST", `/v1.0${CFG}/${created.body.id}/assign`, { assignments: targets.map((target) => ({ target })) });
  expect(assigned.status).toBe(200);
  return created.body.id as string;
}

const group = (groupId: string) => ({ "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId });

beforeAll(async () => {
  t = await startTestTenant();
  const domains = await t.graph("GET", "/v1.0/domains");
  domain = domains.body.value.find((d: { isDefault: boolean }) => d.isDefault).id;
  upn = `clienta-op01@${domain}`;
  const user = await t.graph("POST", "/v1.0/users", {
    accountEnabled: true,
    displayName: "ClientA Operator 01",
    mailNickname: "clienta-op01",
    userPrincipalName: upn,
    passwordProfile: { password: "Str0ng!Passw0rd-for-tests", forceChangePasswordNextSignIn: true },
  });
  expect(user.status).toBe(201);
  userId = user.body.id;
  const devices = await t.graph("POST", "/v1.0/groups", {
    displayName: "HL2-ClientA-Devices",
    mailEnabled: false,
    mailNickname: "hl2-clienta-devices",
    securityEnabled: true,
    groupTypes: ["DynamicMembership"],
    membershipRule: '(device.devicePhysicalIds -any (_ -eq "[OrderID]:ClientA"))',
    membershipRuleProcessingState: "On",
  });
  expect(devices.status).toBe(201);
  deviceGroupId = devices.body.id;
  const users = await t.graph("POST", "/v1.0/groups", { displayName: "HL2-ClientA-Users", mailEnabled: false, mailNickname: "hl2-clienta-users", securityEnabled: true, groupTypes: [] });
  userGroupId = users.body.id;
  const added = await t.graph("POST", `/v1.0/groups/${userGroupId}/members/$ref`, { "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${userId}` });
  expect(added.status).toBe(204);
});
afterAll(async () => {
  await t?.close();
});

describe("/_sim/devices registration and enrolment", () => {
  it("registers and enrolls a HoloLens 2: Autopilot identity, Entra device with physical ids, managed device", async () => {
    const res = await t.sim("POST", "/devices", { serialNumber: "HL2-SN-0001", osVersion: "10.0.22621.1266", groupTag: "ClientA", purchaseOrderId: "PO-42", enroll: true, primaryUserPrincipalName: upn });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ serialNumber: "HL2-SN-0001", state: "enrolled", osVersion: "10.0.22621.1266", primaryUserPrincipalName: upn });

    const entra = await t.graph("GET", `/v1.0/devices/${res.body.entraObjectId}`);
    expect(entra.status).toBe(200);
    expect(entra.body).toMatchObject({ deviceId: res.body.azureADDeviceId, operatingSystem: "Windows", trustType: "AzureAd", accountEnabled: true });
    const physicalIds = (await t.graph("GET", `/v1.0/devices/${res.body.entraObjectId}?$select=physicalIds`)).body.physicalIds;
    expect(physicalIds).toEqual([
      `[ZTDId]:${res.body.autopilotDeviceId}`,
      expect.stringMatching(/^\[HWID\]:h:[0-9a-f]+$/),
      "[OrderID]:ClientA",
      "[PurchaseOrderId]:PO-42",
    ]);

    const managed = await t.graph("GET", `/v1.0/deviceManagement/managedDevices?$filter=${encodeURIComponent("serialNumber eq 'HL2-SN-0001'")}`);
    expect(managed.status).toBe(200);
    expect(managed.body.value).toHaveLength(1);
    expect(managed.body.value[0]).toMatchObject({
      id: res.body.managedDeviceId,
      model: "HoloLens 2",
      manufacturer: "Microsoft Corporation",
      operatingSystem: "Windows",
      osVersion: "10.0.22621.1266",
      azureADDeviceId: res.body.azureADDeviceId,
      userPrincipalName: upn,
      userId,
      managementState: "managed",
      managedDeviceOwnerType: "company",
    });
    if (conform) expect(formatProblems(checkEntities("managedDevice", managed.body, "v1.0"))).toBe("");

    const identity = await t.graph("GET", `/v1.0/deviceManagement/windowsAutopilotDeviceIdentities/${res.body.autopilotDeviceId}`);
    expect(identity.body).toMatchObject({ serialNumber: "HL2-SN-0001", groupTag: "ClientA", purchaseOrderIdentifier: "PO-42", enrollmentState: "enrolled", managedDeviceId: res.body.managedDeviceId, azureActiveDirectoryDeviceId: res.body.azureADDeviceId, model: "HoloLens 2" });
    if (conform) expect(formatProblems(checkEntity("windowsAutopilotDeviceIdentity", identity.body, "v1.0"))).toBe("");
    const beta = await t.graph("GET", `/beta/deviceManagement/windowsAutopilotDeviceIdentities/${res.body.autopilotDeviceId}`);
    expect(beta.body).toMatchObject({ azureAdDeviceId: res.body.azureADDeviceId, deploymentProfileAssignmentStatus: "notAssigned" });
    if (conform) expect(formatProblems(checkEntity("windowsAutopilotDeviceIdentity", beta.body, "beta"))).toBe("");

    // The dynamic group on [OrderID]:ClientA picks the device up.
    const members = await t.graph("GET", `/v1.0/groups/${deviceGroupId}/members`);
    expect(members.body.value.map((m: { id: string }) => m.id)).toContain(res.body.entraObjectId);

    const listed = await t.sim("GET", "/devices");
    expect(listed.body.value.map((d: { id: string }) => d.id)).toContain(res.body.id);
  });

  it("rejects bad input and duplicates", async () => {
    expect((await t.sim("POST", "/devices", { osVersion: "10.0.22621.1266" })).status).toBe(400);
    expect((await t.sim("POST", "/devices", { serialNumber: "X1", osVersion: "23H2" })).status).toBe(400);
    expect((await t.sim("POST", "/devices", { serialNumber: "X1", osVersion: "10.0.22621.1266", primaryUserPrincipalName: `nobody@${domain}` })).status).toBe(400);
    expect((await t.sim("POST", "/devices", { serialNumber: "X1", osVersion: "10.0.22621.1266", hardwareHash: "not base64!" })).status).toBe(400);
    const dup = await t.sim("POST", "/devices", { serialNumber: "HL2-SN-0001", osVersion: "10.0.22621.1266" });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe("conflict");
  });
});

describe("check-in: profiles through device and user groups, with conflict and error", () => {
  it("reports succeeded, conflict and error per profile through the Graph resources Intune uses", async () => {
    const baseline = await createAssigned(customProfile("Baseline", [{ omaUri: DEV_UNLOCK, value: 0 }, { omaUri: USB, value: 0 }]), [group(deviceGroupId)]);
    const userProfile = await createAssigned(customProfile("User side", [{ omaUri: DEV_UNLOCK.replace("./Device/", "./"), value: 1 }]), [group(userGroupId)]);
    const defender = await createAssigned(customProfile("Defender", [{ omaUri: DEFENDER, value: 1 }]), [{ "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" }]);
    const ring = await createAssigned({ "@odata.type": "#microsoft.graph.windowsUpdateForBusinessConfiguration", displayName: "Ring", qualityUpdatesDeferralPeriodInDays: 3 }, [group(deviceGroupId)]);
    const excluded = await createAssigned(customProfile("Excluded", [{ omaUri: USB, value: 1 }]), [{ "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" }, { "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", groupId: deviceGroupId }]);
    const unassigned = (await t.graph("POST", `/v1.0${CFG}`, customProfile("Unassigned", [{ omaUri: USB, value: 1 }]))).body.id;

    const device = (await t.sim("GET", "/devices")).body.value.find((d: { serialNumber: string }) => d.serialNumber === "HL2-SN-0001");
    const sync = await t.sim("POST", `/devices/${device.id}/sync`);
    expect(sync.status).toBe(200);
    const checkedIn = await t.graph("GET", `/v1.0/deviceManagement/managedDevices/${device.managedDeviceId}`);
    expect(checkedIn.body).toMatchObject({ complianceState: "compliant", lastSyncDateTime: sync.body.device.lastSyncDateTime });
    const states = Object.fromEntries(sync.body.profiles.map((p: { id: string; state: string }) => [p.id, p.state]));
    expect(states).toEqual({ [baseline]: "conflict", [userProfile]: "conflict", [defender]: "error", [ring]: "compliant" });
    expect(states[excluded]).toBeUndefined();
    expect(states[unassigned]).toBeUndefined();

    const perDevice = await t.graph("GET", `/v1.0/deviceManagement/managedDevices/${device.managedDeviceId}/deviceConfigurationStates`);
    expect(perDevice.status).toBe(200);
    const byId = Object.fromEntries(perDevice.body.value.map((s: { id: string }) => [s.id, s]));
    expect(byId[baseline]).toMatchObject({ state: "conflict", settingCount: 2, version: 1, platformType: "windows10AndLater" });
    const conflictSetting = byId[baseline].settingStates.find((s: { setting: string }) => s.setting === DEV_UNLOCK);
    expect(conflictSetting).toMatchObject({ state: "conflict", userPrincipalName: upn });
    expect(conflictSetting.sources.map((s: { id: string }) => s.id).sort()).toEqual([baseline, userProfile].sort());
    expect(byId[baseline].settingStates.find((s: { setting: string }) => s.setting === USB)).toMatchObject({ state: "compliant", currentValue: "0" });
    expect(byId[defender].settingStates[0]).toMatchObject({ state: "error", errorCode: -2016345708, errorDescription: "SyncML(404): The requested target was not found." });
    if (conform) expect(formatProblems(checkEntities("deviceConfigurationState", perDevice.body, "v1.0"))).toBe("");

    const statuses = await t.graph("GET", `/v1.0${CFG}/${defender}/deviceStatuses`);
    expect(statuses.body.value).toEqual([expect.objectContaining({ id: device.managedDeviceId, status: "error", deviceModel: "HoloLens 2", userPrincipalName: upn })]);
    if (conform) expect(formatProblems(checkEntities("deviceConfigurationDeviceStatus", statuses.body, "v1.0"))).toBe("");
    const overview = await t.graph("GET", `/v1.0${CFG}/${ring}/deviceStatusOverview`);
    expect(overview.body).toMatchObject({ successCount: 1, errorCount: 0, configurationVersion: 1 });
    if (conform) expect(formatProblems(checkEntity("deviceConfigurationDeviceOverview", overview.body, "v1.0"))).toBe("");
    expect((await t.graph("GET", `/v1.0${CFG}/${unassigned}/deviceStatuses`)).body.value).toEqual([]);
    // v1.0 has no conflict counter (a conflict counts as an error); beta counts conflicts apart.
    expect((await t.graph("GET", `/v1.0${CFG}/${baseline}/deviceStatusOverview`)).body).toMatchObject({ errorCount: 1, successCount: 0 });
    const betaOverview = await t.graph("GET", `/beta${CFG}/${baseline}/deviceStatusOverview`);
    expect(betaOverview.body).toMatchObject({ errorCount: 0, conflictCount: 1, notApplicablePlatformCount: 0 });
    if (conform) expect(formatProblems(checkEntity("deviceConfigurationDeviceOverview", betaOverview.body, "beta"))).toBe("");

    // Fixing the conflict and re-syncing clears it; unassigning removes the device's status.
    await t.graph("PATCH", `/v1.0${CFG}/${userProfile}`, { omaSettings: [{ "@odata.type": "#microsoft.graph.omaSettingInteger", displayName: "same", omaUri: DEV_UNLOCK, value: 0 }] });
    await t.graph("POST", `/v1.0${CFG}/${defender}/assign`, { assignments: [] });
    const again = await t.sim("POST", `/devices/${device.id}/sync`);
    const after = Object.fromEntries(again.body.profiles.map((p: { id: string; state: string }) => [p.id, p.state]));
    expect(after).toEqual({ [baseline]: "compliant", [userProfile]: "compliant", [ring]: "compliant" });
    expect((await t.graph("GET", `/v1.0${CFG}/${defender}/deviceStatuses`)).body.value).toEqual([]);
    const versions = (await t.graph("GET", `/v1.0/deviceManagement/managedDevices/${device.managedDeviceId}/deviceConfigurationStates`)).body.value;
    expect(versions.find((s: { id: string }) => s.id === userProfile).version).toBe(2);
  });

  it("an older build reports a newer policy as an error", async () => {
    const dev = (await t.sim("POST", "/devices", { serialNumber: "HL2-SN-OLD", osVersion: "10.0.20348.1432", groupTag: "ClientB", enroll: true })).body;
    const id = await createAssigned(customProfile("22H2 only", [{ omaUri: "./Vendor/MSFT/Policy/Config/MixedReality/SkipCalibrationDuringSetup", value: 1 }]), [{ "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" }]);
    const sync = await t.sim("POST", `/devices/${dev.id}/sync`);
    expect(sync.body.profiles.find((p: { id: string }) => p.id === id).state).toBe("error");
    await t.graph("POST", `/v1.0${CFG}/${id}/assign`, { assignments: [] });
  });
});

describe("check-in: update rings and WDAC policies", () => {
  it("an assigned update ring becomes the device's update policy, per Update Policy CSP node", async () => {
    const dev = (await t.sim("POST", "/devices", { serialNumber: "HL2-SN-RING", osVersion: "10.0.22621.1266", groupTag: "RingGroup", enroll: true })).body;
    const before = await t.sim("POST", `/devices/${dev.id}/sync`);
    expect(before.body.device.updatePolicy).toBeNull();
    const resource = compile(secureBlueprint()).desired.find((d) => d.kind === "updateRing")!;
    const groupId = (await t.graph("POST", "/v1.0/groups", { displayName: "Ring devices", mailEnabled: false, mailNickname: "ring-devices", securityEnabled: true, groupTypes: ["DynamicMembership"], membershipRule: '(device.devicePhysicalIds -any (_ -eq "[OrderID]:RingGroup"))', membershipRuleProcessingState: "On" })).body.id;
    const ringId = await createAssigned(resource.body, [group(groupId)]);
    const sync = await t.sim("POST", `/devices/${dev.id}/sync`);
    const body = resource.body as Record<string, unknown> & { installationSchedule: Record<string, string> };
    const UPDATE = "./Device/Vendor/MSFT/Policy/Config/Update";
    expect(sync.body.device.updatePolicy).toMatchObject({
      ringIds: [ringId],
      state: "compliant",
      nodes: {
        [`${UPDATE}/AllowAutoUpdate`]: body.automaticUpdateMode,
        [`${UPDATE}/DeferQualityUpdatesPeriodInDays`]: body.qualityUpdatesDeferralPeriodInDays,
        [`${UPDATE}/ActiveHoursStart`]: body.installationSchedule.activeHoursStart,
        [`${UPDATE}/SetDisablePauseUXAccess`]: body.userPauseAccess,
      },
    });
    expect((await t.sim("GET", `/devices/${dev.id}`)).body.updatePolicy.ringIds).toEqual([ringId]);
    const states = (await t.graph("GET", `/v1.0/deviceManagement/managedDevices/${dev.managedDeviceId}/deviceConfigurationStates`)).body;
    const ringState = states.value.find((s: { id: string }) => s.id === ringId);
    expect(ringState.state).toBe("compliant");
    expect(ringState.settingStates.map((s: { setting: string }) => s.setting)).toContain(`${UPDATE}/DeferFeatureUpdatesPeriodInDays`);
    if (conform) expect(formatProblems(checkEntities("deviceConfigurationState", states, "v1.0"))).toBe("");

    // Unassigning the ring takes the policy away at the next check-in.
    await t.graph("POST", `/v1.0${CFG}/${ringId}/assign`, { assignments: [] });
    expect((await t.sim("POST", `/devices/${dev.id}/sync`)).body.device.updatePolicy).toBeNull();
  });

  it("a ring with 21H2 deadline policies is an error on a 20H2 device", async () => {
    const dev = (await t.sim("POST", "/devices", { serialNumber: "HL2-SN-20H2", osVersion: "10.0.19041.1128", enroll: true })).body;
    const ringId = await createAssigned({ "@odata.type": "#microsoft.graph.windowsUpdateForBusinessConfiguration", displayName: "Deadlines", deadlineForQualityUpdatesInDays: 2 }, [{ "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" }]);
    const sync = await t.sim("POST", `/devices/${dev.id}/sync`);
    expect(sync.body.profiles.find((p: { id: string }) => p.id === ringId)).toMatchObject({ state: "error" });
    expect(sync.body.device.updatePolicy).toMatchObject({ ringIds: [ringId], state: "error" });
    expect((await t.graph("GET", `/v1.0${CFG}/${ringId}/deviceStatuses`)).body.value.find((s: { id: string }) => s.id === dev.managedDeviceId).status).toBe("error");
    await t.graph("POST", `/v1.0${CFG}/${ringId}/assign`, { assignments: [] });
  });

  it("the compiled WDAC policy applies; a Base64 value that is no policy reports the profile as an error", async () => {
    const dev = (await t.sim("POST", "/devices", { serialNumber: "HL2-SN-WDAC", osVersion: "10.0.22621.1266", enroll: true })).body;
    const resource = compile(secureBlueprint()).desired.find((d) => d.kind === "customConfiguration" && JSON.stringify(d.body).includes("ApplicationControl"))!;
    const all = [{ "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" }];
    const good = await createAssigned(resource.body, all);
    const body = resource.body as { omaSettings: Record<string, unknown>[] };
    const corrupt = await createAssigned({ ...body, displayName: "Corrupt WDAC", omaSettings: [{ ...body.omaSettings[0], value: Buffer.from("<SiPolicy/>").toString("base64") }] }, all);
    const sync = await t.sim("POST", `/devices/${dev.id}/sync`);
    const states = Object.fromEntries(sync.body.profiles.map((p: { id: string; state: string }) => [p.id, p.state]));
    // Both set the same node to different values, so they also conflict; the error wins for the corrupt one.
    expect(states[corrupt]).toBe("error");
    const perDevice = (await t.graph("GET", `/v1.0/deviceManagement/managedDevices/${dev.managedDeviceId}/deviceConfigurationStates`)).body.value;
    expect(perDevice.find((s: { id: string }) => s.id === corrupt).settingStates[0]).toMatchObject({ state: "error", errorCode: -2016345712 });
    await t.graph("POST", `/v1.0${CFG}/${corrupt}/assign`, { assignments: [] });
    const again = await t.sim("POST", `/devices/${dev.id}/sync`);
    expect(again.body.profiles.find((p: { id: string }) => p.id === good).state).toBe("compliant");
    await t.graph("POST", `/v1.0${CFG}/${good}/assign`, { assignments: [] });
  });
});

describe("wipe", () => {
  it("queues the wipe (204, wipePending), then the device resets and Intune drops the record", async () => {
    const dev = (await t.sim("POST", "/devices", { serialNumber: "HL2-SN-WIPE", osVersion: "10.0.22621.1266", enroll: true })).body;
    const wipe = await t.graph("POST", `/v1.0/deviceManagement/managedDevices/${dev.managedDeviceId}/wipe`, { keepEnrollmentData: false, keepUserData: false });
    expect(wipe.status).toBe(204);
    const pending = await t.graph("GET", `/v1.0/deviceManagement/managedDevices/${dev.managedDeviceId}`);
    expect(pending.body.managementState).toBe("wipePending");
    const ring = await createAssigned({ "@odata.type": "#microsoft.graph.windowsUpdateForBusinessConfiguration", displayName: "Wipe ring" }, [{ "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" }]);
    expect((await t.sim("POST", `/devices/${dev.id}/sync`)).status).toBe(200);
    expect((await t.graph("GET", `/v1.0${CFG}/${ring}/deviceStatuses`)).body.value.map((s: { id: string }) => s.id)).toContain(dev.managedDeviceId);
    expect(pending.body.deviceActionResults).toEqual([expect.objectContaining({ actionName: "wipe", actionState: "pending" })]);
    if (conform) expect(formatProblems(checkEntity("managedDevice", pending.body, "v1.0"))).toBe("");
    expect((await t.graph("POST", `/v1.0/deviceManagement/managedDevices/${dev.managedDeviceId}/wipe`, { bogus: true })).status).toBe(400);

    const clock = (await t.sim("GET", "/clock")).body.now as string;
    await t.sim("POST", "/clock", { now: new Date(Date.parse(clock) + WIPE_DELAY_MS + 1000).toISOString() });
    expect((await t.graph("GET", `/v1.0/deviceManagement/managedDevices/${dev.managedDeviceId}`)).status).toBe(404);
    const sim = await t.sim("GET", `/devices/${dev.id}`);
    expect(sim.body).toMatchObject({ state: "wiped", managedDeviceId: null });
    const identity = await t.graph("GET", `/v1.0/deviceManagement/windowsAutopilotDeviceIdentities/${dev.autopilotDeviceId}`);
    expect(identity.body.enrollmentState).toBe("notContacted");
    expect((await t.sim("POST", `/devices/${dev.id}/sync`)).status).toBe(409);
    expect((await t.graph("GET", `/v1.0${CFG}/${ring}/deviceStatuses`)).body.value.map((s: { id: string }) => s.id)).not.toContain(dev.managedDeviceId);

    // Autopilot brings it back: re-enrolment gives a new managed device.
    const again = await t.sim("POST", `/devices/${dev.id}/enroll`);
    expect(again.status).toBe(200);
    expect(again.body.state).toBe("enrolled");
    expect(again.body.managedDeviceId).not.toBe(dev.managedDeviceId);
  });
});
