/**
 * Simulated HoloLens 2 devices (`/_sim/devices`, not Graph): register one with Autopilot as the
 * hardware vendor would, enroll it (Entra join + Intune MDM, as self-deploying Autopilot does), and
 * let it check in — it receives the configuration profiles assigned to its groups and its primary
 * user's groups, and reports per-profile states the way Intune shows them.
 */
import { randomUUID } from "node:crypto";
import type { SimStore } from "../framework.ts";
import { recomputeDynamicGroups } from "../directory/dynamic-membership.ts";
import { transitiveGroupIds } from "../directory/membership.ts";
import { assignmentsApply, type AssignmentLike, type DeviceTargeting } from "./assignment-resolution.ts";
import { fingerprintOf, registerAutopilotDevice, type AutopilotIdentityDoc, type EntraDeviceDoc } from "./autopilot-registration.ts";
import { computeDeviceReports, type ProfileReport } from "./configuration-state.ts";
import { UPDATE_RING, type DeviceConfigurationDoc } from "./device-configuration-body.ts";
import { normaliseHardwareHash, simulatedHardwareHash } from "./hardware-hash.ts";
import { parseHolographicBuild } from "./hololens-policies.ts";
import { buildManagedDevice, SIM_DEVICES_KIND, type ManagedDeviceDoc } from "./managed-device.ts";
import { intendedProfileOf, settleProfileAssignmentNow } from "./profile-assignment.ts";
import { ringPolicySettings } from "./update-ring-policies.ts";

/** Intune's first-party MDM application id, which Entra records on MDM-managed devices. */
export const INTUNE_MDM_APP_ID = "0000000a-0000-0000-c000-000000000000";

export const CONFIGURATION_ASSIGNMENTS_KIND = "deviceConfigurationAssignments";
export { PROFILE_ASSIGNMENTS_KIND } from "./profile-assignment.ts";

export interface SimDeviceDoc {
  id: string;
  serialNumber: string;
  osVersion: string;
  groupTag: string | null;
  purchaseOrderId: string | null;
  state: "registered" | "enrolled" | "wiped";
  autopilotDeviceId: string;
  entraObjectId: string;
  azureADDeviceId: string;
  managedDeviceId: string | null;
  primaryUserPrincipalName: string | null;
  lastSyncDateTime: string | null;
  /** The Windows Update policy the device runs with since its last check-in (null: no ring reaches it). */
  updatePolicy?: DeviceUpdatePolicy | null;
}

/**
 * The update ring as the device holds it: the Update Policy CSP nodes the ring set (OMA-URI → the
 * ring's value). Two rings that disagree leave the device's previous policy in place, as a conflict
 * does on a real device.
 */
export interface DeviceUpdatePolicy {
  ringIds: string[];
  state: "compliant" | "error" | "conflict";
  nodes: Record<string, unknown>;
  appliedDateTime: string;
}

/** A control-route input problem: answered as `{ error: { code, message } }` with `status`. */
export class SimDeviceError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

interface UserDoc {
  id: string;
  userPrincipalName: string;
  displayName?: string | null;
  mail?: string | null;
  assignedLicenses?: unknown[];
}

export interface RegisterSimDeviceInput {
  serialNumber?: unknown;
  hardwareHash?: unknown;
  osVersion?: unknown;
  groupTag?: unknown;
  purchaseOrderId?: unknown;
  enroll?: unknown;
  primaryUserPrincipalName?: unknown;
}

function optionalText(body: RegisterSimDeviceInput, key: keyof RegisterSimDeviceInput): string | null {
  const v = body[key];
  if (v === undefined || v === null || v === "") return null;
  if (typeof v !== "string") throw new SimDeviceError(400, "invalidRequest", `${key} must be a string`);
  return v;
}

function findUser(store: SimStore, upn: string): UserDoc | undefined {
  const wanted = upn.toLowerCase();
  return store.list<UserDoc>("users").find((u) => u.userPrincipalName?.toLowerCase() === wanted);
}

/** `%SERIAL%` and `%RAND:n%` macros of `deviceNameTemplate`, at most 15 characters (graph-facts §5.1). */
export function expandDeviceNameTemplate(template: string, serialNumber: string, random: () => number = Math.random): string {
  const name = template
    .replace(/%SERIAL%/gi, serialNumber.replace(/[^A-Za-z0-9-]/g, ""))
    .replace(/%RAND:(\d+)%/gi, (_, n: string) => Array.from({ length: Number(n) }, () => Math.floor(random() * 10)).join(""));
  return name.slice(0, 15);
}

/** The name a device takes at enrolment: its Autopilot profile's template, else HoloLens' default pattern. */
function deviceNameFor(store: SimStore, entraObjectId: string, serialNumber: string): string {
  const profile = intendedProfileOf(store, { _entraObjectId: entraObjectId });
  if (profile?.deviceNameTemplate) return expandDeviceNameTemplate(profile.deviceNameTemplate, serialNumber);
  // Simulated default: HOLOLENS- plus six characters derived from the serial number.
  const suffix = normaliseHardwareHash(simulatedHardwareHash(serialNumber));
  return `HOLOLENS-${suffix.ok ? suffix.fingerprint.slice(0, 6).toUpperCase() : "000000"}`;
}

/** The Autopilot registration of a hardware hash, if the tenant has one. */
function registeredIdentity(store: SimStore, fingerprint: string): AutopilotIdentityDoc | undefined {
  return store.list<AutopilotIdentityDoc>("windowsAutopilotDeviceIdentities").find((d) => d._hardwareFingerprint === fingerprint);
}

/**
 * Registers (and with `enroll`, enrolls) a simulated HoloLens 2. Given the serial number and hardware
 * hash of a device already registered (an Autopilot import), it attaches to that registration instead.
 */
export function registerSimDevice(store: SimStore, body: RegisterSimDeviceInput, now: Date): SimDeviceDoc {
  const serialNumber = optionalText(body, "serialNumber");
  if (!serialNumber) throw new SimDeviceError(400, "invalidRequest", "serialNumber is required");
  const osVersion = optionalText(body, "osVersion");
  if (!osVersion) throw new SimDeviceError(400, "invalidRequest", "osVersion is required (a Windows Holographic build, e.g. 10.0.22621.1266)");
  const build = parseHolographicBuild(osVersion);
  if (!build) throw new SimDeviceError(400, "invalidRequest", `osVersion '${osVersion}' is not a Windows Holographic build such as 10.0.22621.1266`);
  const normalisedOs = `10.0.${build[0]}.${build[1]}`;
  const groupTag = optionalText(body, "groupTag");
  const purchaseOrderId = optionalText(body, "purchaseOrderId");
  const upn = optionalText(body, "primaryUserPrincipalName");
  if (body.enroll !== undefined && typeof body.enroll !== "boolean") throw new SimDeviceError(400, "invalidRequest", "enroll must be a boolean");
  const hashText = optionalText(body, "hardwareHash") ?? simulatedHardwareHash(serialNumber);
  const hash = normaliseHardwareHash(hashText);
  if (!hash.ok) throw new SimDeviceError(400, "invalidRequest", `hardwareHash: ${hash.reason}`);

  return store.tx(() => {
    if (store.list<SimDeviceDoc>(SIM_DEVICES_KIND).some((d) => d.serialNumber === serialNumber)) {
      throw new SimDeviceError(409, "conflict", `a simulated device with serial number ${serialNumber} exists`);
    }
    const user = upn ? findUser(store, upn) : undefined;
    if (upn && !user) throw new SimDeviceError(400, "invalidRequest", `no user ${upn} in the tenant`);
    const existing = registeredIdentity(store, hash.fingerprint);
    if (existing && existing.serialNumber !== serialNumber) {
      throw new SimDeviceError(409, "conflict", "this hardware hash is already registered with Autopilot in the tenant (806 ZtdDeviceAlreadyAssigned)");
    }
    // The serial and hash of a registration made by an import: the simulated HoloLens is that device, so it
    // attaches to the registration (no second one), and can then enroll, sync and be wiped like the others.
    const registered = existing ? { identity: existing, entraDevice: store.get<EntraDeviceDoc>("devices", existing._entraObjectId) } : null;
    if (registered && !registered.entraDevice) throw new SimDeviceError(409, "conflict", "the Autopilot registration of this hardware hash has no Entra device any more");
    const { identity, entraDevice } = registered ? { identity: registered.identity, entraDevice: registered.entraDevice! } : registerAutopilotDevice(store, {
      serialNumber,
      hardwareIdentifier: hash.base64,
      fingerprint: fingerprintOf(hash.base64),
      groupTag,
      purchaseOrderIdentifier: purchaseOrderId,
      operatingSystemVersion: normalisedOs,
    }, now);
    const sim: SimDeviceDoc = {
      id: randomUUID(),
      serialNumber,
      osVersion: normalisedOs,
      groupTag: groupTag ?? (existing?.groupTag || null),
      purchaseOrderId,
      state: "registered",
      autopilotDeviceId: identity.id,
      entraObjectId: entraDevice.id,
      azureADDeviceId: entraDevice.deviceId,
      managedDeviceId: null,
      primaryUserPrincipalName: user?.userPrincipalName ?? null,
      lastSyncDateTime: null,
    };
    store.put(SIM_DEVICES_KIND, sim);
    return body.enroll === true ? enrollSimDevice(store, sim, now) : sim;
  });
}

/** Whether the Autopilot profile assigned to an identity is self-deploying (`deviceUsageType` shared, graph-facts §5). */
function selfDeploying(store: SimStore, identityId: string): boolean {
  const identity = store.get<AutopilotIdentityDoc & { _deploymentProfileId?: string | null }>("windowsAutopilotDeviceIdentities", identityId);
  const profile = identity?._deploymentProfileId ? store.get<Record<string, unknown>>("windowsAutopilotDeploymentProfiles", identity._deploymentProfileId) : undefined;
  const oobe = (profile?.outOfBoxExperienceSetting ?? profile?.outOfBoxExperienceSettings) as { deviceUsageType?: string } | undefined;
  return oobe?.deviceUsageType === "shared";
}

/** Entra join + Intune enrolment of a registered (or wiped) simulated device. */
export function enrollSimDevice(store: SimStore, sim: SimDeviceDoc, now: Date): SimDeviceDoc {
  if (sim.state === "enrolled") throw new SimDeviceError(409, "conflict", "the device is already enrolled");
  const identity = store.get<AutopilotIdentityDoc>("windowsAutopilotDeviceIdentities", sim.autopilotDeviceId);
  const entra = store.get<EntraDeviceDoc>("devices", sim.entraObjectId);
  if (!identity || !entra) throw new SimDeviceError(409, "conflict", "the device is no longer registered with Autopilot");
  const user = sim.primaryUserPrincipalName ? findUser(store, sim.primaryUserPrincipalName) : undefined;
  // A device powers on once its Autopilot profile shows as assigned (hololens2-autopilot.md step 8),
  // i.e. after Entra grouped its device object; a device registered in this same call has not been
  // through the per-request dynamic-membership ticker yet, so evaluate the rules now.
  recomputeDynamicGroups(store);
  settleProfileAssignmentNow(store, identity.id, now);
  const managedDeviceId = randomUUID();
  const deviceName = deviceNameFor(store, entra.id, sim.serialNumber);
  const managed = buildManagedDevice({
    id: managedDeviceId,
    deviceName,
    serialNumber: sim.serialNumber,
    osVersion: sim.osVersion,
    azureADDeviceId: entra.deviceId,
    autopilotId: identity.id,
    entraObjectId: entra.id,
    user: user ? { id: user.id, userPrincipalName: user.userPrincipalName, displayName: user.displayName ?? null, mail: user.mail ?? null } : null,
    now,
  });
  store.put("managedDevices", managed);
  store.put("devices", {
    ...entra,
    displayName: deviceName,
    operatingSystemVersion: sim.osVersion,
    isManaged: true,
    isCompliant: false,
    mdmAppId: INTUNE_MDM_APP_ID,
    managementType: "MDM",
    approximateLastSignInDateTime: now.toISOString(),
    // The account that joins a device to Entra becomes its registered owner; self-deploying Autopilot joins
    // with the device's own identity and leaves no user owner (security-adminless-os.md).
    _registeredOwners: user && !selfDeploying(store, identity.id) ? [user.id] : [],
  });
  // Re-read: settling the profile assignment above rewrote the identity.
  const assigned = store.get<AutopilotIdentityDoc>("windowsAutopilotDeviceIdentities", identity.id) ?? identity;
  store.put("windowsAutopilotDeviceIdentities", {
    ...assigned,
    enrollmentState: "enrolled",
    managedDeviceId,
    lastContactedDateTime: now.toISOString(),
    _beta: { ...assigned._beta, deviceFriendlyName: deviceName },
  });
  const enrolled: SimDeviceDoc = { ...sim, state: "enrolled", managedDeviceId };
  store.put(SIM_DEVICES_KIND, enrolled);
  return enrolled;
}

export interface SyncResult {
  device: SimDeviceDoc;
  profiles: { id: string; displayName: string; state: string; settings: { omaUri: string; state: string; errorCode: number; errorDescription: string | null }[] }[];
}

/** Assignments of one configuration (stored with `_configurationId`). */
export function configurationAssignments(store: SimStore, configurationId: string): AssignmentLike[] {
  return store.list<AssignmentLike & { _configurationId: string }>(CONFIGURATION_ASSIGNMENTS_KIND).filter((a) => a._configurationId === configurationId);
}

/** The device's update policy after a check-in that received `applicable` (pure). */
export function updatePolicyAfterSync(sim: SimDeviceDoc, applicable: readonly DeviceConfigurationDoc[], reports: readonly ProfileReport[], at: string): DeviceUpdatePolicy | null {
  const rings = applicable.filter((c) => c["@odata.type"].replace(/^#/, "") === UPDATE_RING);
  if (rings.length === 0) return null;
  const ringIds = rings.map((r) => r.id);
  const states = reports.filter((r) => ringIds.includes(r.configurationId)).map((r) => r.configurationState.state);
  if (states.includes("conflict")) return { ringIds, state: "conflict", nodes: sim.updatePolicy?.nodes ?? {}, appliedDateTime: sim.updatePolicy?.appliedDateTime ?? at };
  const nodes: Record<string, unknown> = {};
  for (const s of ringPolicySettings(rings[0]!, sim.osVersion)) if (s.state === "applied" && s.omaUri) nodes[s.omaUri] = s.value;
  return { ringIds, state: states.includes("error") ? "error" : "compliant", nodes, appliedDateTime: at };
}

/** One check-in: applicable profiles → reports on the managed device and on each profile. */
export function syncSimDevice(store: SimStore, id: string, now: Date): SyncResult {
  return store.tx(() => {
    const sim = store.get<SimDeviceDoc>(SIM_DEVICES_KIND, id);
    if (!sim) throw new SimDeviceError(404, "notFound", `no simulated device ${id}`);
    const managed = sim.managedDeviceId ? store.get<ManagedDeviceDoc>("managedDevices", sim.managedDeviceId) : undefined;
    if (!managed) throw new SimDeviceError(409, "conflict", `the device is ${sim.state === "wiped" ? "wiped" : "not enrolled"}; it has nothing to check in to`);
    const user = sim.primaryUserPrincipalName ? findUser(store, sim.primaryUserPrincipalName) : undefined;
    const targeting: DeviceTargeting = {
      deviceGroupIds: new Set(transitiveGroupIds(store, sim.entraObjectId)),
      userGroupIds: new Set(user ? transitiveGroupIds(store, user.id) : []),
      primaryUserLicensed: (user?.assignedLicenses ?? []).length > 0,
    };
    const configurations = store.list<DeviceConfigurationDoc>("deviceConfigurations");
    const applicable = configurations.filter((c) => assignmentsApply(configurationAssignments(store, c.id), targeting));
    const reports: ProfileReport[] = computeDeviceReports({
      managedDeviceId: managed.id,
      deviceName: managed.deviceName,
      model: String(managed.model ?? ""),
      osVersion: sim.osVersion,
      userId: user?.id ?? null,
      userPrincipalName: user?.userPrincipalName ?? null,
      userDisplayName: user?.displayName ?? null,
    }, applicable, now);

    const at = now.toISOString();
    // The tenant has no compliance policies; Intune's default "Mark devices with no compliance
    // policy assigned as Compliant" then makes a device that checked in compliant.
    store.put("managedDevices", { ...managed, lastSyncDateTime: at, complianceState: "compliant", _configurationStates: reports.map((r) => r.configurationState) });
    const entra = store.get<EntraDeviceDoc>("devices", sim.entraObjectId);
    if (entra) store.put("devices", { ...entra, isCompliant: true, approximateLastSignInDateTime: at });
    for (const c of configurations) {
      const report = reports.find((r) => r.configurationId === c.id);
      const statuses = { ...((c._deviceStatuses as Record<string, unknown> | undefined) ?? {}) };
      if (report) statuses[managed.id] = report.deviceStatus;
      else if (!(managed.id in statuses)) continue;
      else delete statuses[managed.id];
      store.put("deviceConfigurations", { ...c, _deviceStatuses: statuses });
    }
    const identity = store.get<AutopilotIdentityDoc>("windowsAutopilotDeviceIdentities", sim.autopilotDeviceId);
    if (identity) store.put("windowsAutopilotDeviceIdentities", { ...identity, lastContactedDateTime: at });
    const synced: SimDeviceDoc = { ...sim, lastSyncDateTime: at, updatePolicy: updatePolicyAfterSync(sim, applicable, reports, at) };
    store.put(SIM_DEVICES_KIND, synced);
    return {
      device: synced,
      profiles: reports.map((r) => ({
        id: r.configurationId,
        displayName: r.configurationState.displayName,
        state: r.configurationState.state,
        settings: r.configurationState.settingStates.map((s) => ({ omaUri: s.setting, state: s.state, errorCode: s.errorCode, errorDescription: s.errorDescription })),
      })),
    };
  });
}
