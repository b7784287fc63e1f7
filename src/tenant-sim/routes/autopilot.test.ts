import { afterAll, beforeAll, describe, expect, it } from "vitest";
// Tests may use holofleet's compiler to produce real bodies; the tenant itself never imports it.
import { compile } from "../../compile/compile.ts";
import { secureBlueprint } from "../../compile/testing/blueprint-fixture.ts";
import { checkEntities, checkEntity, formatProblems, hasCsdlReference } from "../conformance/csdl.ts";
import { AUTOPILOT_IMPORT_DELAY_MS } from "../intune/autopilot-import.ts";
import { DEVICE_PROPERTIES_DELAY_MS } from "../intune/autopilot-registration.ts";
import { PROFILE_ASSIGNMENT_DELAY_MS } from "../intune/profile-assignment.ts";
import { simulatedHardwareHash } from "../intune/hardware-hash.ts";
import { startTestTenant, type TestTenant } from "../testing.ts";

const IMPORTED = "/deviceManagement/importedWindowsAutopilotDeviceIdentities";
const IDENTITIES = "/deviceManagement/windowsAutopilotDeviceIdentities";
const PROFILES = "/deviceManagement/windowsAutopilotDeploymentProfiles";
const conform = hasCsdlReference();

const holoLensProfile = {
  "@odata.type": "#microsoft.graph.azureADWindowsAutopilotDeploymentProfile",
  displayName: "HL2 – ClientA",
  description: "Self-deploying HoloLens 2",
  deviceType: "holoLens",
  locale: "en-US",
  deviceNameTemplate: "HL2-%RAND:6%",
  hardwareHashExtractionEnabled: false,
  preprovisioningAllowed: false,
  roleScopeTagIds: ["0"],
  outOfBoxExperienceSetting: { deviceUsageType: "shared", userType: "standard", privacySettingsHidden: true, eulaHidden: true, keyboardSelectionPageSkipped: true, escapeLinkHidden: true },
};

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant();
});
afterAll(async () => {
  await t?.close();
});

/** Moves the tenant clock forward (import, property and wipe timers run on it). */
async function advance(ms: number): Promise<void> {
  const now = (await t.sim("GET", "/clock")).body.now as string;
  await t.sim("POST", "/clock", { now: new Date(Date.parse(now) + ms).toISOString() });
}

async function createGroup(name: string): Promise<string> {
  const res = await t.graph("POST", "/v1.0/groups", {
    displayName: name,
    mailEnabled: false,
    mailNickname: name.toLowerCase(),
    securityEnabled: true,
    groupTypes: ["DynamicMembership"],
    membershipRule: `(device.devicePhysicalIds -any (_ -eq "[OrderID]:${name}"))`,
    membershipRuleProcessingState: "On",
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe("Autopilot import", () => {
  it("imports asynchronously: pending → complete, and the device is registered", async () => {
    const hash = simulatedHardwareHash("HL2-IMP-0001");
    const posted = await t.graph("POST", `/v1.0${IMPORTED}`, { "@odata.type": "#microsoft.graph.importedWindowsAutopilotDeviceIdentity", serialNumber: "HL2-IMP-0001", groupTag: "ClientA", hardwareIdentifier: hash, productKey: "" });
    expect(posted.status).toBe(201);
    expect(posted.body.state).toEqual({ deviceImportStatus: "pending", deviceRegistrationId: null, deviceErrorCode: 0, deviceErrorName: null });
    if (conform) expect(formatProblems(checkEntity("importedWindowsAutopilotDeviceIdentity", posted.body, "v1.0"))).toBe("");

    const early = await t.graph("GET", `/v1.0${IMPORTED}/${posted.body.id}`);
    expect(early.body.state.deviceImportStatus).toBe("pending");
    expect((await t.graph("GET", `/v1.0${IDENTITIES}?$filter=${encodeURIComponent("serialNumber eq 'HL2-IMP-0001'")}`)).body.value).toEqual([]);

    await advance(AUTOPILOT_IMPORT_DELAY_MS);
    const done = await t.graph("GET", `/v1.0${IMPORTED}/${posted.body.id}`);
    expect(done.body.state).toMatchObject({ deviceImportStatus: "complete", deviceErrorCode: 0, deviceRegistrationId: expect.any(String) });
    const registered = await t.graph("GET", `/v1.0${IDENTITIES}/${done.body.state.deviceRegistrationId}`);
    expect(registered.status).toBe(200);
    expect(registered.body).toMatchObject({ serialNumber: "HL2-IMP-0001", groupTag: "ClientA", enrollmentState: "notContacted", lastContactedDateTime: "0001-01-01T00:00:00Z" });
    if (conform) expect(formatProblems(checkEntity("windowsAutopilotDeviceIdentity", registered.body, "v1.0"))).toBe("");
    const list = await t.graph("GET", `/v1.0${IDENTITIES}`);
    if (conform) expect(formatProblems(checkEntities("windowsAutopilotDeviceIdentity", list.body, "v1.0"))).toBe("");

    // The imported record can (and should) be deleted afterwards (graph-facts §5.2 step 5).
    expect((await t.graph("DELETE", `/v1.0${IMPORTED}/${posted.body.id}`)).status).toBe(204);
    expect((await t.graph("GET", `/v1.0${IMPORTED}/${posted.body.id}`)).status).toBe(404);
  });

  it("re-importing a registered hash ends in error 806 ZtdDeviceAlreadyAssigned; bulk import answers 200 with value", async () => {
    const hash = simulatedHardwareHash("HL2-IMP-0001");
    const bulk = await t.graph("POST", `/beta${IMPORTED}/import`, {
      importedWindowsAutopilotDeviceIdentities: [
        { serialNumber: "HL2-IMP-0001", hardwareIdentifier: hash },
        { serialNumber: "HL2-IMP-0002", hardwareIdentifier: simulatedHardwareHash("HL2-IMP-0002") },
        { serialNumber: "HL2-IMP-0003" },
      ],
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body["@odata.context"]).toBe(`${t.baseUrl}/beta/$metadata#Collection(microsoft.graph.importedWindowsAutopilotDeviceIdentity)`);
    expect(bulk.body.value.map((v: { state: { deviceImportStatus: string } }) => v.state.deviceImportStatus)).toEqual(["pending", "pending", "pending"]);
    await advance(AUTOPILOT_IMPORT_DELAY_MS);
    const states = await Promise.all(bulk.body.value.map(async (v: { id: string }) => (await t.graph("GET", `/v1.0${IMPORTED}/${v.id}`)).body.state));
    expect(states[0]).toEqual({ deviceImportStatus: "error", deviceRegistrationId: null, deviceErrorCode: 806, deviceErrorName: "ZtdDeviceAlreadyAssigned" });
    expect(states[1]).toMatchObject({ deviceImportStatus: "complete", deviceErrorCode: 0 });
    expect(states[2]).toMatchObject({ deviceImportStatus: "error", deviceErrorCode: 802, deviceErrorName: "InvalidZtdHardwareHash" });
    const all = await t.graph("GET", `/v1.0${IMPORTED}`);
    if (conform) expect(formatProblems(checkEntities("importedWindowsAutopilotDeviceIdentity", all.body, "v1.0"))).toBe("");
  });

  it("rejects a hardwareIdentifier that is not base64 and unknown properties (400)", async () => {
    expect((await t.graph("POST", `/v1.0${IMPORTED}`, { serialNumber: "x", hardwareIdentifier: "not base64!" })).status).toBe(400);
    expect((await t.graph("POST", `/v1.0${IMPORTED}`, { serialNumber: "x", hash: "AAAA" })).status).toBe(400);
    expect((await t.graph("POST", `/v1.0${IMPORTED}/import`, { devices: [] })).status).toBe(400);
  });

  it("updateDeviceProperties applies after a delay and moves the Entra [OrderID]", async () => {
    const registered = (await t.graph("GET", `/v1.0${IDENTITIES}?$filter=${encodeURIComponent("serialNumber eq 'HL2-IMP-0002'")}`)).body.value[0];
    const res = await t.graph("POST", `/v1.0${IDENTITIES}/${registered.id}/updateDeviceProperties`, { groupTag: "ClientB" });
    expect(res.status).toBe(204);
    expect((await t.graph("GET", `/v1.0${IDENTITIES}/${registered.id}`)).body.groupTag).toBe("");
    await advance(DEVICE_PROPERTIES_DELAY_MS);
    expect((await t.graph("GET", `/v1.0${IDENTITIES}/${registered.id}`)).body.groupTag).toBe("ClientB");
    expect((await t.graph("POST", `/v1.0${IDENTITIES}/${registered.id}/updateDeviceProperties`, { color: "red" })).status).toBe(400);
  });
});

describe("beta-only deployment profiles", () => {
  it("answers 400 'Resource not found for the segment' on v1.0, as Graph does", async () => {
    const res = await t.graph("GET", `/v1.0${PROFILES}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe("Resource not found for the segment 'windowsAutopilotDeploymentProfiles'.");
    expect((await t.graph("POST", `/v1.0${PROFILES}`, holoLensProfile)).status).toBe(400);
  });

  it("creates, reads, patches and deletes a HoloLens profile; assignments drive the device's profile status", async () => {
    const created = await t.graph("POST", `/beta${PROFILES}`, holoLensProfile);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ "@odata.type": holoLensProfile["@odata.type"], deviceType: "holoLens", language: "en-US", outOfBoxExperienceSettings: { hideEULA: true, deviceUsageType: "shared" } });
    if (conform) expect(formatProblems(checkEntity("windowsAutopilotDeploymentProfile", created.body, "beta"))).toBe("");
    const id = created.body.id as string;

    const patched = await t.graph("PATCH", `/beta${PROFILES}/${id}`, { "@odata.type": holoLensProfile["@odata.type"], description: "v2" });
    expect(patched.status).toBe(200);
    expect(patched.body.description).toBe("v2");
    const list = await t.graph("GET", `/beta${PROFILES}`);
    expect(list.body.value.map((p: { id: string }) => p.id)).toEqual([id]);
    if (conform) expect(formatProblems(checkEntities("windowsAutopilotDeploymentProfile", list.body, "beta"))).toBe("");

    const groupId = await createGroup("ClientP");
    const assignment = await t.graph("POST", `/beta${PROFILES}/${id}/assignments`, { target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId } });
    expect(assignment.status).toBe(201);
    expect(assignment.body).toMatchObject({ id: `${id}_${groupId}`, source: "direct", sourceId: id, target: { groupId } });
    if (conform) expect(formatProblems(checkEntity("windowsAutopilotDeploymentProfileAssignment", assignment.body, "beta"))).toBe("");
    const assignments = await t.graph("GET", `/beta${PROFILES}/${id}/assignments`);
    expect(assignments.body.value).toHaveLength(1);
    expect((await t.graph("GET", `/v1.0${PROFILES}/${id}/assignments`)).status).toBe(400);

    // A device in the group shows the profile as assigned (beta) once Intune processed it, and is named by its template.
    const dev = (await t.sim("POST", "/devices", { serialNumber: "HL2-PRO-0001", osVersion: "10.0.22621.1266", groupTag: "ClientP", enroll: false })).body;
    expect((await t.graph("GET", `/beta${IDENTITIES}/${dev.autopilotDeviceId}`)).body.deploymentProfileAssignmentStatus).toBe("notAssigned");
    await advance(PROFILE_ASSIGNMENT_DELAY_MS);
    const identity = await t.graph("GET", `/beta${IDENTITIES}/${dev.autopilotDeviceId}`);
    expect(identity.body.deploymentProfileAssignmentStatus).toBe("assignedInSync");
    const enrolled = (await t.sim("POST", `/devices/${dev.id}/enroll`)).body;
    const managed = await t.graph("GET", `/v1.0/deviceManagement/managedDevices/${enrolled.managedDeviceId}`);
    expect(managed.body.deviceName).toMatch(/^HL2-\d{6}$/);

    // A second profile cannot also take All Devices; an assigned profile cannot be deleted.
    const allDevices = { target: { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" } };
    expect((await t.graph("POST", `/beta${PROFILES}/${id}/assignments`, allDevices)).status).toBe(201);
    const other = (await t.graph("POST", `/beta${PROFILES}`, { ...holoLensProfile, displayName: "Other" })).body;
    const refused = await t.graph("POST", `/beta${PROFILES}/${other.id}/assignments`, allDevices);
    expect(refused.status).toBe(400);
    // Intune nests its message in a JSON document (graph-facts §9.6).
    expect(refused.body.error.code).toBe("BadRequest");
    expect(JSON.parse(refused.body.error.message).Message).toMatch(new RegExp(`^Another Profile ${id} is already assigned to All Devices - Operation ID`));
    expect((await t.graph("DELETE", `/beta${PROFILES}/${id}`)).status).toBe(400);
    for (const a of (await t.graph("GET", `/beta${PROFILES}/${id}/assignments`)).body.value) {
      expect((await t.graph("DELETE", `/beta${PROFILES}/${id}/assignments/${a.id}`)).status).toBe(204);
    }
    expect((await t.graph("DELETE", `/beta${PROFILES}/${id}`)).status).toBe(204);
    expect((await t.graph("GET", `/beta${PROFILES}/${id}`)).status).toBe(404);
  });

  it("moves a registered device from notAssigned to assigned after Intune's processing delay; unassigning reverts (hololens2-autopilot.md step 8)", async () => {
    const profile = (await t.graph("POST", `/beta${PROFILES}`, { ...holoLensProfile, displayName: "HL2 – Assign" })).body;
    const groupId = await createGroup("ClientAssign");
    const dev = (await t.sim("POST", "/devices", { serialNumber: "HL2-ASG-0001", osVersion: "10.0.22621.1266", groupTag: "ClientAssign" })).body;
    const read = async (query = "") => (await t.graph("GET", `/beta${IDENTITIES}/${dev.autopilotDeviceId}${query}`)).body;
    const NEVER = "0001-01-01T00:00:00Z";
    expect(await read()).toMatchObject({ deploymentProfileAssignmentStatus: "notAssigned", deploymentProfileAssignmentDetailedStatus: "none", deploymentProfileAssignedDateTime: NEVER });

    const assignedAt = Date.parse((await t.sim("GET", "/clock")).body.now);
    const assignment = (await t.graph("POST", `/beta${PROFILES}/${profile.id}/assignments`, { target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId } })).body;
    // Intune has not processed it yet: still notAssigned, but the groups already target the profile.
    const early = await read("?$expand=deploymentProfile,intendedDeploymentProfile");
    expect(early).toMatchObject({ deploymentProfileAssignmentStatus: "notAssigned", deploymentProfile: null, intendedDeploymentProfile: { id: profile.id, deviceType: "holoLens" } });
    await advance(PROFILE_ASSIGNMENT_DELAY_MS / 2);
    expect((await read()).deploymentProfileAssignmentStatus).toBe("notAssigned");
    await advance(PROFILE_ASSIGNMENT_DELAY_MS);
    const assigned = await read("?$expand=deploymentProfile&$select=id,deploymentProfileAssignmentStatus");
    expect(assigned).toMatchObject({ id: dev.autopilotDeviceId, deploymentProfileAssignmentStatus: "assignedInSync", deploymentProfile: { id: profile.id, displayName: "HL2 – Assign" } });
    const full = await read();
    expect(full.deploymentProfileAssignmentStatus.startsWith("assigned")).toBe(true);
    // Dated when Intune finished processing, on the tenant clock.
    const assignedDate = Date.parse(full.deploymentProfileAssignedDateTime);
    expect(assignedDate).toBeGreaterThanOrEqual(assignedAt + PROFILE_ASSIGNMENT_DELAY_MS);
    expect(assignedDate).toBeLessThan(assignedAt + PROFILE_ASSIGNMENT_DELAY_MS + 5_000);
    if (conform) expect(formatProblems(checkEntity("windowsAutopilotDeviceIdentity", full, "beta"))).toBe("");
    // The list shows the same; v1.0 shows none of it and has no such navigation.
    const list = await t.graph("GET", `/beta${IDENTITIES}`);
    expect(list.body.value.find((d: { id: string }) => d.id === dev.autopilotDeviceId).deploymentProfileAssignmentStatus).toBe("assignedInSync");
    const v1 = await t.graph("GET", `/v1.0${IDENTITIES}/${dev.autopilotDeviceId}`);
    expect(v1.body.deploymentProfileAssignmentStatus).toBeUndefined();
    expect((await t.graph("GET", `/v1.0${IDENTITIES}/${dev.autopilotDeviceId}?$expand=deploymentProfile`)).status).toBe(400);
    expect((await t.graph("GET", `/beta${IDENTITIES}/${dev.autopilotDeviceId}?$expand=assignments`)).status).toBe(400);

    // Unassigning reverts, after the same delay.
    expect((await t.graph("DELETE", `/beta${PROFILES}/${profile.id}/assignments/${assignment.id}`)).status).toBe(204);
    expect((await read()).deploymentProfileAssignmentStatus).toBe("assignedInSync");
    expect((await read("?$expand=intendedDeploymentProfile")).intendedDeploymentProfile).toBeNull();
    await advance(PROFILE_ASSIGNMENT_DELAY_MS);
    expect(await read("?$expand=deploymentProfile")).toMatchObject({ deploymentProfileAssignmentStatus: "notAssigned", deploymentProfileAssignedDateTime: NEVER, deploymentProfile: null });
    expect((await t.graph("DELETE", `/beta${PROFILES}/${profile.id}`)).status).toBe(204);
  });

  it("a device that joins the targeted group later (group tag changed) is assigned after the delay too", async () => {
    const profile = (await t.graph("POST", `/beta${PROFILES}`, { ...holoLensProfile, displayName: "HL2 – Late" })).body;
    const groupId = await createGroup("ClientLate");
    expect((await t.graph("POST", `/beta${PROFILES}/${profile.id}/assignments`, { target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId } })).status).toBe(201);
    const dev = (await t.sim("POST", "/devices", { serialNumber: "HL2-LATE-0001", osVersion: "10.0.22621.1266", groupTag: "Elsewhere" })).body;
    await advance(PROFILE_ASSIGNMENT_DELAY_MS);
    expect((await t.graph("GET", `/beta${IDENTITIES}/${dev.autopilotDeviceId}`)).body.deploymentProfileAssignmentStatus).toBe("notAssigned");
    expect((await t.graph("POST", `/v1.0${IDENTITIES}/${dev.autopilotDeviceId}/updateDeviceProperties`, { groupTag: "ClientLate" })).status).toBe(204);
    await advance(DEVICE_PROPERTIES_DELAY_MS);
    // The new tag applied and the device joined the group; Intune now processes the assignment.
    expect((await t.graph("GET", `/beta${IDENTITIES}/${dev.autopilotDeviceId}`)).body).toMatchObject({ groupTag: "ClientLate", deploymentProfileAssignmentStatus: "notAssigned" });
    await advance(PROFILE_ASSIGNMENT_DELAY_MS);
    expect((await t.graph("GET", `/beta${IDENTITIES}/${dev.autopilotDeviceId}`)).body.deploymentProfileAssignmentStatus).toBe("assignedInSync");
  });

  it("accepts the profile holofleet's compiler emits and reads it back as sent (beta)", async () => {
    for (const bp of [secureBlueprint(), secureBlueprint({ devices: { autopilot: { deviceNameTemplate: null } } })]) {
      const resource = compile(bp).desired.find((d) => d.kind === "autopilotProfile")!;
      expect(resource.api).toBe("beta");
      const created = await t.graph("POST", `/beta${resource.collection}`, resource.body);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const read = await t.graph("GET", `/beta${resource.collection}/${created.body.id}`);
      for (const [key, value] of Object.entries(resource.body as Record<string, unknown>)) expect(read.body[key], key).toEqual(value);
      if (conform) expect(formatProblems(checkEntity("windowsAutopilotDeploymentProfile", read.body, "beta"))).toBe("");
      expect((await t.graph("DELETE", `/beta${resource.collection}/${created.body.id}`)).status).toBe(204);
    }
  });

  it("rejects profiles Graph cannot bind", async () => {
    const { "@odata.type": _t, ...untyped } = holoLensProfile;
    expect((await t.graph("POST", `/beta${PROFILES}`, untyped)).status).toBe(400);
    expect((await t.graph("POST", `/beta${PROFILES}`, { ...holoLensProfile, deviceType: "hololens" })).status).toBe(400);
  });

  it("needs DeviceManagementServiceConfig permissions", async () => {
    const app = await t.createApp(["DeviceManagementConfiguration.Read.All"]);
    const token = await t.tokenFor(app.clientId);
    expect((await t.graph("GET", `/beta${PROFILES}`, undefined, { authorization: `Bearer ${token}` })).status).toBe(403);
    expect((await t.graph("GET", `/v1.0${IMPORTED}`, undefined, { authorization: `Bearer ${token}` })).status).toBe(403);
    const reader = await t.createApp(["DeviceManagementServiceConfig.Read.All"]);
    const readerToken = await t.tokenFor(reader.clientId);
    expect((await t.graph("GET", `/beta${PROFILES}`, undefined, { authorization: `Bearer ${readerToken}` })).status).toBe(200);
    expect((await t.graph("POST", `/v1.0${IMPORTED}`, { serialNumber: "x" }, { authorization: `Bearer ${readerToken}` })).status).toBe(403);
  });
});
