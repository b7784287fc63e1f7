import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSimStore, type SqliteSimStore } from "../store.ts";
import { fingerprintOf, registerAutopilotDevice, type AutopilotIdentityDoc } from "./autopilot-registration.ts";
import { normaliseHardwareHash, simulatedHardwareHash } from "./hardware-hash.ts";
import { createConfigurationDoc } from "./device-configuration-body.ts";
import type { ManagedDeviceDoc } from "./managed-device.ts";
import {
  CONFIGURATION_ASSIGNMENTS_KIND,
  enrollSimDevice,
  expandDeviceNameTemplate,
  PROFILE_ASSIGNMENTS_KIND,
  registerSimDevice,
  SimDeviceError,
  syncSimDevice,
} from "./simulated-device.ts";

const NOW = new Date("2026-11-29T10:00:00Z");
let store: SqliteSimStore;
beforeEach(() => {
  store = openSimStore(":memory:");
  store.put("users", { id: "u-1", userPrincipalName: "Op01@contoso.test", displayName: "Operator", assignedLicenses: [{ skuId: "x", disabledPlans: [] }] });
});
afterEach(() => store.close());

function errorOf(fn: () => unknown): SimDeviceError | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof SimDeviceError) return e;
    throw e;
  }
  return undefined;
}

describe("expandDeviceNameTemplate", () => {
  it("expands %SERIAL% and %RAND:n% and cuts at 15 characters", () => {
    expect(expandDeviceNameTemplate("HL2-%SERIAL%", "SN_12/34")).toBe("HL2-SN1234");
    expect(expandDeviceNameTemplate("HL2-%RAND:4%", "x", () => 0.5)).toBe("HL2-5555");
    expect(expandDeviceNameTemplate("HOLO-%SERIAL%", "ABCDEFGHIJKLMNOP")).toBe("HOLO-ABCDEFGHIJ");
  });
});

describe("registerSimDevice", () => {
  it("registers without enrolling, then enrolls with the primary user (UPN matched case-insensitively)", () => {
    const sim = registerSimDevice(store, { serialNumber: "SN1", osVersion: "22621.1266", primaryUserPrincipalName: "op01@CONTOSO.test" }, NOW);
    expect(sim).toMatchObject({ state: "registered", osVersion: "10.0.22621.1266", managedDeviceId: null, primaryUserPrincipalName: "Op01@contoso.test" });
    expect(store.list("managedDevices")).toEqual([]);
    const enrolled = enrollSimDevice(store, sim, NOW);
    const managed = store.get<ManagedDeviceDoc>("managedDevices", enrolled.managedDeviceId!);
    expect(managed).toMatchObject({ userId: "u-1", userPrincipalName: "Op01@contoso.test", deviceName: expect.stringMatching(/^HOLOLENS-[0-9A-F]{6}$/) });
    expect(store.get<AutopilotIdentityDoc>("windowsAutopilotDeviceIdentities", sim.autopilotDeviceId)?.enrollmentState).toBe("enrolled");
    expect(errorOf(() => enrollSimDevice(store, enrolled, NOW))?.status).toBe(409);
  });

  it("enrolled in the same call as registered, takes the name template of the profile assigned to its dynamic group", () => {
    store.put("groups", {
      id: "g-hl",
      displayName: "HoloLens",
      groupTypes: ["DynamicMembership"],
      membershipRule: '(device.devicePhysicalIds -any _ -eq "[OrderID]:HL-TAG")',
      membershipRuleProcessingState: "On",
      _members: [],
    });
    store.put("windowsAutopilotDeploymentProfiles", { id: "p-1", deviceType: "holoLens", deviceNameTemplate: "HL-%RAND:4%" });
    store.put(PROFILE_ASSIGNMENTS_KIND, { id: "p-1_g-hl", target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: "g-hl" }, _profileId: "p-1" });
    const tagged = registerSimDevice(store, { serialNumber: "SN1", osVersion: "10.0.22621.1266", groupTag: "HL-TAG", enroll: true }, NOW);
    expect(store.get<ManagedDeviceDoc>("managedDevices", tagged.managedDeviceId!)?.deviceName).toMatch(/^HL-\d{4}$/);
    // Enrolment takes the profile assignment as processed: the device shows its profile as assigned.
    expect(store.get<AutopilotIdentityDoc>("windowsAutopilotDeviceIdentities", tagged.autopilotDeviceId)?._beta).toMatchObject({ deploymentProfileAssignmentStatus: "assignedInSync", deploymentProfileAssignedDateTime: NOW.toISOString() });
    const other = registerSimDevice(store, { serialNumber: "SN2", osVersion: "10.0.22621.1266", groupTag: "OTHER", enroll: true }, NOW);
    expect(store.get<ManagedDeviceDoc>("managedDevices", other.managedDeviceId!)?.deviceName).toMatch(/^HOLOLENS-[0-9A-F]{6}$/);
  });

  it("validates input", () => {
    expect(errorOf(() => registerSimDevice(store, { osVersion: "10.0.22621.1266" }, NOW))?.status).toBe(400);
    expect(errorOf(() => registerSimDevice(store, { serialNumber: "S", osVersion: "10.0.22621.1266", enroll: "yes" }, NOW))?.status).toBe(400);
    expect(errorOf(() => registerSimDevice(store, { serialNumber: "S", osVersion: "10.0.22621.1266", groupTag: 5 }, NOW))?.status).toBe(400);
  });

  it("refuses a hash Autopilot already has (as the real registration would: 806)", () => {
    registerSimDevice(store, { serialNumber: "SN1", osVersion: "10.0.22621.1266", hardwareHash: "AAECAwQF" }, NOW);
    const err = errorOf(() => registerSimDevice(store, { serialNumber: "SN2", osVersion: "10.0.22621.1266", hardwareHash: "AAECAwQF" }, NOW));
    expect(err?.status).toBe(409);
    expect(err?.message).toContain("806");
  });

  it("serial and hash of an imported registration → attaches to it, no second registration, and enrolls", () => {
    const hash = normaliseHardwareHash(simulatedHardwareHash("IMPORTED-1"));
    if (!hash.ok) throw new Error(hash.reason);
    const { identity } = registerAutopilotDevice(store, { serialNumber: "IMPORTED-1", hardwareIdentifier: hash.base64, fingerprint: fingerprintOf(hash.base64), groupTag: "CFS-HL2" }, NOW);
    const before = store.list("windowsAutopilotDeviceIdentities").length;
    const sim = registerSimDevice(store, { serialNumber: "IMPORTED-1", hardwareHash: hash.base64, osVersion: "10.0.22621.1266", enroll: true }, NOW);
    expect(store.list("windowsAutopilotDeviceIdentities")).toHaveLength(before);
    expect(sim.autopilotDeviceId).toBe(identity.id);
    expect(sim.groupTag).toBe("CFS-HL2");
    expect(sim.state).toBe("enrolled");
    // The same hash under another serial is still another device: 806.
    expect(errorOf(() => registerSimDevice(store, { serialNumber: "OTHER", hardwareHash: hash.base64, osVersion: "10.0.22621.1266" }, NOW))?.message).toContain("806");
  });
});

describe("syncSimDevice", () => {
  it("applies profiles through the user's group and allLicensedUsers, and reports them", () => {
    const sim = registerSimDevice(store, { serialNumber: "SN1", osVersion: "10.0.22621.1266", enroll: true, primaryUserPrincipalName: "op01@contoso.test" }, NOW);
    store.put("groups", { id: "g-users", displayName: "users", groupTypes: [], _members: ["u-1"] });
    const viaGroup = createConfigurationDoc({ "@odata.type": "#microsoft.graph.windowsUpdateForBusinessConfiguration", displayName: "ring" }, { version: "v1.0", id: "c-1", now: NOW });
    const viaLicence = createConfigurationDoc({ "@odata.type": "#microsoft.graph.windows10CustomConfiguration", displayName: "custom", omaSettings: [] }, { version: "v1.0", id: "c-2", now: NOW });
    store.put("deviceConfigurations", viaGroup);
    store.put("deviceConfigurations", viaLicence);
    store.put(CONFIGURATION_ASSIGNMENTS_KIND, { id: "c-1_g-users", target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: "g-users" }, _configurationId: "c-1" });
    store.put(CONFIGURATION_ASSIGNMENTS_KIND, { id: "c-2_acac", target: { "@odata.type": "#microsoft.graph.allLicensedUsersAssignmentTarget" }, _configurationId: "c-2" });
    const result = syncSimDevice(store, sim.id, NOW);
    expect(result.profiles.map((p) => [p.id, p.state])).toEqual([["c-1", "compliant"], ["c-2", "compliant"]]);
    expect(result.device.lastSyncDateTime).toBe(NOW.toISOString());
  });

  it("a device on 2004 reports the guide's 20H2 settings (global kiosk, tenant lockdown, page visibility, ppkg) as errors; on 20H2 they succeed", () => {
    const kiosk = `<AssignedAccessConfiguration xmlns="http://schemas.microsoft.com/AssignedAccess/2017/config" xmlns:v3="http://schemas.microsoft.com/AssignedAccess/2020/config"><Profiles><Profile Id="{1}"/></Profiles><Configs><v3:GlobalProfile Id="{1}"/></Configs></AssignedAccessConfiguration>`;
    const lockdown = createConfigurationDoc({
      "@odata.type": "#microsoft.graph.windows10CustomConfiguration",
      displayName: "external client",
      omaSettings: [
        { "@odata.type": "#microsoft.graph.omaSettingString", displayName: "kiosk", omaUri: "./Device/Vendor/MSFT/AssignedAccess/Configuration", value: kiosk },
        { "@odata.type": "#microsoft.graph.omaSettingBoolean", displayName: "tenant lock", omaUri: "./Vendor/MSFT/TenantLockdown/RequireNetworkInOOBE", value: true },
        { "@odata.type": "#microsoft.graph.omaSettingString", displayName: "pages", omaUri: "./Device/Vendor/MSFT/Policy/Config/Settings/PageVisibilityList", value: "showonly:network-wifi" },
        { "@odata.type": "#microsoft.graph.omaSettingInteger", displayName: "ppkg", omaUri: "./Device/Vendor/MSFT/Policy/Config/Security/AllowAddProvisioningPackage", value: 0 },
      ],
    }, { version: "v1.0", id: "c-ext", now: NOW });
    store.put("deviceConfigurations", lockdown);
    store.put(CONFIGURATION_ASSIGNMENTS_KIND, { id: "c-ext_acacacac", target: { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" }, _configurationId: "c-ext" });
    const old = registerSimDevice(store, { serialNumber: "SN-2004", osVersion: "10.0.19041.1103", enroll: true }, NOW);
    const current = registerSimDevice(store, { serialNumber: "SN-20H2", osVersion: "10.0.19041.1128", enroll: true }, NOW);
    const onOld = syncSimDevice(store, old.id, NOW).profiles[0]!;
    expect(onOld.state).toBe("error");
    expect(onOld.settings.map((x) => x.state)).toEqual(["error", "error", "error", "error"]);
    const onCurrent = syncSimDevice(store, current.id, NOW).profiles[0]!;
    expect(onCurrent.state).toBe("compliant");
    expect(onCurrent.settings.map((x) => x.state)).toEqual(["compliant", "compliant", "compliant", "compliant"]);
  });

  it("refuses unknown and unenrolled devices", () => {
    expect(errorOf(() => syncSimDevice(store, "nope", NOW))?.status).toBe(404);
    const sim = registerSimDevice(store, { serialNumber: "SN1", osVersion: "10.0.22621.1266" }, NOW);
    expect(errorOf(() => syncSimDevice(store, sim.id, NOW))?.status).toBe(409);
  });
});
