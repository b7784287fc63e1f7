/**
 * What a HoloLens 2 reports after a check-in, per configuration profile that reaches it: the
 * `deviceConfigurationState` (with `settingStates`) listed under the managed device, and the
 * `deviceConfigurationDeviceStatus` listed under the profile (CSDL navigations
 * `managedDevice.deviceConfigurationStates`, `deviceConfiguration.deviceStatuses`). Pure.
 * - A custom OMA-URI the device does not have, or not yet on its build (Policy CSP, TenantLockdown,
 *   RemoteLock) → `error`, SyncML 404; an Exec-only node (RemoteLock/Lock) → `error`, SyncML 405
 *   (hololens-policies.ts).
 * - A WDAC policy node whose value is not a policy binary → `error`, SyncML 400
 *   (app-control-policy-check.ts).
 * - An AssignedAccess configuration that is not well-formed XML, or a global assigned access
 *   profile on a build before 20H2 → `error`, SyncML 400 (assigned-access-check.ts).
 * - An update ring reports one setting per Update Policy CSP node it sets (update-ring-policies.ts):
 *   a node the build lacks is an `error` (SyncML 404), a ring setting HoloLens has no node for is
 *   `notApplicable`.
 * - Two profiles setting one OMA-URI (or two update rings) to different values → `conflict` on both.
 * - A profile with an error and a conflict reports `error`; otherwise `compliant` ("Succeeded").
 */
import { appControlPolicyProblem, isAppControlPolicyNode } from "./app-control-policy-check.ts";
import { assignedAccessProblem, assignedAccessXmlOf, isAssignedAccessConfigurationNode } from "./assigned-access-check.ts";
import { CUSTOM_CONFIGURATION, updateRingSettingNames, UPDATE_RING, type DeviceConfigurationDoc } from "./device-configuration-body.ts";
import { holoLensOmaUriSupport } from "./hololens-policies.ts";
import { omaValueKind, type StoredOmaSetting } from "./oma-settings.ts";
import { ringPolicySettings } from "./update-ring-policies.ts";

/**
 * -2016345708 = 0x87D10194, "SyncML(404): The requested target was not found": what Intune shows
 * when the device has no such CSP node (call4cloud.nl "health-attestation-issue-2016345708-404").
 */
export const SYNCML_404 = { code: -2016345708, description: "SyncML(404): The requested target was not found." } as const;

/**
 * -2016345712 = 0x87D10190: the same 0x87D1xxxx family with SyncML status 400, "Bad request" (OMA
 * SyncML status codes), which a CSP answers for data it cannot take. Simulated: no captured report of
 * the exact code for a malformed WDAC policy was found.
 */
export const SYNCML_400 = { code: -2016345712, description: "SyncML(400): The requested command could not be performed because of malformed syntax in the command." } as const;

/**
 * -2016345707 = 0x87D10195: SyncML status 405, "Command not allowed" (OMA SyncML status codes), what
 * a CSP answers for a Replace on a node whose access type has no Replace (an Exec node). Simulated
 * from the same 0x87D1xxxx family as SYNCML_404; no captured Intune report of it was found.
 */
export const SYNCML_405 = { code: -2016345707, description: "SyncML(405): The requested command is not allowed on the target." } as const;

/** Intune's value for a date-time that does not apply. */
const NEVER = "0001-01-01T00:00:00Z";

export type ComplianceStatus = "unknown" | "notApplicable" | "compliant" | "remediated" | "nonCompliant" | "error" | "conflict" | "notAssigned";

export interface SyncingDevice {
  managedDeviceId: string;
  deviceName: string;
  model: string;
  osVersion: string;
  userId: string | null;
  userPrincipalName: string | null;
  userDisplayName: string | null;
}

export interface SettingState {
  setting: string;
  settingName: string;
  instanceDisplayName: string | null;
  state: ComplianceStatus;
  errorCode: number;
  errorDescription: string | null;
  currentValue: string | null;
  userId: string | null;
  userName: string | null;
  userEmail: string | null;
  userPrincipalName: string | null;
  sources: { id: string; displayName: string; sourceType: "deviceConfiguration" }[];
}

export interface DeviceConfigurationStateEntity {
  id: string;
  displayName: string;
  version: number;
  platformType: "windows10AndLater";
  state: ComplianceStatus;
  settingCount: number;
  settingStates: SettingState[];
}

export interface DeviceConfigurationDeviceStatusEntity {
  id: string;
  deviceDisplayName: string;
  deviceModel: string;
  userName: string | null;
  userPrincipalName: string | null;
  status: ComplianceStatus;
  lastReportedDateTime: string;
  complianceGracePeriodExpirationDateTime: string;
}

export interface ProfileReport {
  configurationId: string;
  configurationState: DeviceConfigurationStateEntity;
  deviceStatus: DeviceConfigurationDeviceStatusEntity;
}

/** `./Device/Vendor/MSFT/X` and `./Vendor/MSFT/X` address one device-scope node. */
export function omaUriKey(omaUri: string): string {
  return omaUri.replace(/^\.\/Device\//, "./");
}

function valueIdentity(type: string, value: unknown): string {
  return `${type.replace(/^#/, "")}|${JSON.stringify(value)}`;
}

function updateRingIdentity(doc: DeviceConfigurationDoc): string {
  return JSON.stringify(updateRingSettingNames().map((n) => [n, doc[n] ?? null]));
}

function ringValueText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Why the device refuses the value of a setting whose node it has (a SyncML 400), or null. */
export function settingValueProblem(setting: Pick<StoredOmaSetting, "@odata.type" | "omaUri" | "value">, osVersion: string): string | null {
  if (isAppControlPolicyNode(setting.omaUri)) return appControlPolicyProblem(setting.value);
  if (isAssignedAccessConfigurationNode(setting.omaUri)) {
    const xml = assignedAccessXmlOf(omaValueKind(setting), setting.value);
    return xml === null ? "the AssignedAccess configuration must be a String or String (XML file) value" : assignedAccessProblem(xml, osVersion);
  }
  return null;
}

/** Computes the report of every applicable profile for one device check-in. */
export function computeDeviceReports(device: SyncingDevice, profiles: readonly DeviceConfigurationDoc[], now: Date): ProfileReport[] {
  // OMA-URI → the distinct values profiles set it to, and which profiles set it.
  const byUri = new Map<string, { identities: Set<string>; sources: { id: string; displayName: string }[] }>();
  const custom = profiles.filter((p) => p["@odata.type"].replace(/^#/, "") === CUSTOM_CONFIGURATION);
  for (const p of custom) {
    for (const s of p.omaSettings ?? []) {
      const key = omaUriKey(s.omaUri);
      const entry = byUri.get(key) ?? { identities: new Set<string>(), sources: [] };
      entry.identities.add(valueIdentity(s["@odata.type"], s.value));
      if (!entry.sources.some((x) => x.id === p.id)) entry.sources.push({ id: p.id, displayName: p.displayName });
      byUri.set(key, entry);
    }
  }
  const rings = profiles.filter((p) => p["@odata.type"].replace(/^#/, "") === UPDATE_RING);
  const ringsConflict = new Set(rings.map(updateRingIdentity)).size > 1;

  const user = {
    userId: device.userId,
    userName: device.userDisplayName,
    userEmail: device.userPrincipalName,
    userPrincipalName: device.userPrincipalName,
  };
  const reportedAt = now.toISOString();

  return profiles.map((p) => {
    const type = p["@odata.type"].replace(/^#/, "");
    const settingStates: SettingState[] = [];
    if (type === CUSTOM_CONFIGURATION) {
      for (const s of p.omaSettings ?? []) {
        const shared = byUri.get(omaUriKey(s.omaUri))!;
        const support = holoLensOmaUriSupport(s.omaUri, device.osVersion);
        const conflicting = shared.identities.size > 1;
        const syncError = !support.supported ? (support.syncMlStatus === 405 ? SYNCML_405 : SYNCML_404) : settingValueProblem(s, device.osVersion) ? SYNCML_400 : null;
        const state: ComplianceStatus = syncError ? "error" : conflicting ? "conflict" : "compliant";
        settingStates.push({
          setting: s.omaUri,
          settingName: s.displayName,
          instanceDisplayName: null,
          state,
          errorCode: syncError?.code ?? 0,
          errorDescription: syncError?.description ?? null,
          // String values are secrets as far as reports go: never echo them.
          currentValue: state === "compliant" && omaValueKind(s) !== "string" ? String(s.value) : null,
          ...user,
          sources: (conflicting ? shared.sources : [{ id: p.id, displayName: p.displayName }]).map((x) => ({ ...x, sourceType: "deviceConfiguration" as const })),
        });
      }
    }
    if (type === UPDATE_RING) {
      for (const r of ringPolicySettings(p, device.osVersion)) {
        const state: ComplianceStatus = r.state === "unsupported" ? "error" : r.state === "notApplicable" ? "notApplicable" : ringsConflict ? "conflict" : "compliant";
        settingStates.push({
          setting: r.omaUri ?? `${UPDATE_RING}.${r.property}`,
          settingName: r.property,
          instanceDisplayName: null,
          state,
          errorCode: state === "error" ? SYNCML_404.code : 0,
          errorDescription: state === "error" ? SYNCML_404.description : null,
          currentValue: state === "compliant" ? ringValueText(r.value) : null,
          ...user,
          sources: (ringsConflict ? rings : [p]).map((x) => ({ id: x.id, displayName: x.displayName, sourceType: "deviceConfiguration" as const })),
        });
      }
    }
    let state: ComplianceStatus;
    if (type === UPDATE_RING && ringsConflict) state = "conflict";
    else if (settingStates.some((s) => s.state === "error")) state = "error";
    else if (settingStates.some((s) => s.state === "conflict")) state = "conflict";
    else state = "compliant";

    return {
      configurationId: p.id,
      configurationState: {
        id: p.id,
        displayName: p.displayName,
        version: p.version,
        platformType: "windows10AndLater",
        state,
        settingCount: settingStates.length,
        settingStates,
      },
      deviceStatus: {
        id: device.managedDeviceId,
        deviceDisplayName: device.deviceName,
        deviceModel: device.model,
        userName: device.userDisplayName,
        userPrincipalName: device.userPrincipalName,
        status: state,
        lastReportedDateTime: reportedAt,
        complianceGracePeriodExpirationDateTime: NEVER,
      },
    };
  });
}
