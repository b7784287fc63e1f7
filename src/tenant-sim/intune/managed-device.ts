/**
 * The Intune `managedDevice` of an enrolled HoloLens 2 (full v1.0 property set; unset date-times
 * are Intune's `0001-01-01T00:00:00Z`), and the wipe lifecycle: `POST …/wipe` queues the action
 * (`managementState: wipePending`, a pending `deviceActionResults` entry, graph-facts §6); when the
 * device next reaches the service it resets, and Intune drops the record.
 */
import type { SimTicker, SimStore } from "../framework.ts";
import { HOLOLENS_MANUFACTURER, HOLOLENS_MODEL, NEVER, type AutopilotIdentityDoc } from "./autopilot-registration.ts";

/** Store kind of the `/_sim/devices` records (internal, not Graph). */
export const SIM_DEVICES_KIND = "_simDevices";

/** How long a queued wipe takes to reach a simulated device (real devices: next check-in). */
export const WIPE_DELAY_MS = 10_000;

export interface ManagedDeviceDoc {
  id: string;
  deviceName: string;
  managementState: string;
  deviceActionResults: { actionName: string; actionState: string; startDateTime: string; lastUpdatedDateTime: string }[];
  azureADDeviceId: string;
  serialNumber: string;
  osVersion: string;
  userPrincipalName: string | null;
  userId: string | null;
  lastSyncDateTime: string;
  /** Per-profile reports of the last check-in (`deviceConfigurationStates`). */
  _configurationStates: unknown[];
  _autopilotId: string;
  _entraObjectId: string;
  _wipeQueuedAt?: string;
  [property: string]: unknown;
}

export interface EnrolledDeviceInput {
  id: string;
  deviceName: string;
  serialNumber: string;
  osVersion: string;
  azureADDeviceId: string;
  autopilotId: string;
  entraObjectId: string;
  user: { id: string; userPrincipalName: string; displayName: string | null; mail: string | null } | null;
  now: Date;
}

/**
 * Intune's generated `managedDeviceName`, `<user>_<platform>_<M/D/YYYY>_<h:mm AM|PM>` (UTC here);
 * a device without a user gets `userless` in the user's place (simulated).
 */
export function managedDeviceNameFor(userPrincipalName: string | null, at: Date): string {
  const hours = at.getUTCHours();
  const time = `${hours % 12 === 0 ? 12 : hours % 12}:${String(at.getUTCMinutes()).padStart(2, "0")} ${hours < 12 ? "AM" : "PM"}`;
  return `${userPrincipalName?.split("@")[0] ?? "userless"}_Windows_${at.getUTCMonth() + 1}/${at.getUTCDate()}/${at.getUTCFullYear()}_${time}`;
}

export function buildManagedDevice(input: EnrolledDeviceInput): ManagedDeviceDoc {
  const now = input.now.toISOString();
  return {
    id: input.id,
    activationLockBypassCode: null,
    androidSecurityPatchLevel: null,
    azureADDeviceId: input.azureADDeviceId,
    azureADRegistered: true,
    complianceGracePeriodExpirationDateTime: "9999-12-31T23:59:59Z",
    complianceState: "unknown",
    configurationManagerClientEnabledFeatures: null,
    deviceActionResults: [],
    deviceCategoryDisplayName: "Unknown",
    deviceEnrollmentType: "windowsAzureADJoin",
    deviceHealthAttestationState: null,
    deviceName: input.deviceName,
    deviceRegistrationState: "registered",
    easActivated: false,
    easActivationDateTime: NEVER,
    easDeviceId: null,
    emailAddress: input.user?.mail ?? null,
    enrolledDateTime: now,
    enrollmentProfileName: null,
    ethernetMacAddress: null,
    exchangeAccessState: "none",
    exchangeAccessStateReason: "none",
    exchangeLastSuccessfulSyncDateTime: NEVER,
    freeStorageSpaceInBytes: 0,
    iccid: null,
    imei: null,
    isEncrypted: true,
    isSupervised: false,
    jailBroken: "Unknown",
    lastSyncDateTime: now,
    managedDeviceName: managedDeviceNameFor(input.user?.userPrincipalName ?? null, input.now),
    managedDeviceOwnerType: "company",
    managementAgent: "mdm",
    managementCertificateExpirationDate: new Date(input.now.getTime() + 365 * 86_400_000).toISOString(),
    managementState: "managed",
    manufacturer: HOLOLENS_MANUFACTURER,
    meid: null,
    model: HOLOLENS_MODEL,
    notes: null,
    // HoloLens runs Windows Holographic; Intune reports it as the Windows platform (graph-facts §14 open point).
    operatingSystem: "Windows",
    osVersion: input.osVersion,
    partnerReportedThreatState: "unknown",
    phoneNumber: null,
    physicalMemoryInBytes: 0,
    remoteAssistanceSessionErrorDetails: null,
    remoteAssistanceSessionUrl: null,
    requireUserEnrollmentApproval: null,
    serialNumber: input.serialNumber,
    subscriberCarrier: null,
    totalStorageSpaceInBytes: 0,
    udid: null,
    userDisplayName: input.user?.displayName ?? null,
    userId: input.user?.id ?? null,
    userPrincipalName: input.user?.userPrincipalName ?? null,
    wiFiMacAddress: null,
    _configurationStates: [],
    _autopilotId: input.autopilotId,
    _entraObjectId: input.entraObjectId,
  };
}

/** The device after `POST …/wipe`; a second wipe while one is pending changes nothing. */
export function queueWipe(device: ManagedDeviceDoc, now: Date): ManagedDeviceDoc {
  if (device._wipeQueuedAt) return device;
  const at = now.toISOString();
  return {
    ...device,
    managementState: "wipePending",
    deviceActionResults: [...device.deviceActionResults, { actionName: "wipe", actionState: "pending", startDateTime: at, lastUpdatedDateTime: at }],
    _wipeQueuedAt: at,
  };
}

/** Carries out wipes whose delay has passed: the device resets and Intune removes its record. */
export function completeDueWipes(store: SimStore, now: Date): string[] {
  const done: string[] = [];
  for (const device of store.list<ManagedDeviceDoc>("managedDevices")) {
    if (!device._wipeQueuedAt || now.getTime() - Date.parse(device._wipeQueuedAt) < WIPE_DELAY_MS) continue;
    store.delete("managedDevices", device.id);
    forgetDeviceStatuses(store, device.id);
    const identity = store.get<AutopilotIdentityDoc>("windowsAutopilotDeviceIdentities", device._autopilotId);
    if (identity) {
      // The Autopilot registration survives a wipe: the device is back in OOBE, not yet re-enrolled.
      store.put("windowsAutopilotDeviceIdentities", { ...identity, enrollmentState: "notContacted", managedDeviceId: "00000000-0000-0000-0000-000000000000" });
    }
    // The simulated device (simulated-device.ts) now sits in OOBE again.
    for (const sim of store.list<{ id: string; managedDeviceId: string | null; state: string }>(SIM_DEVICES_KIND)) {
      if (sim.managedDeviceId === device.id) store.put(SIM_DEVICES_KIND, { ...sim, state: "wiped", managedDeviceId: null });
    }
    done.push(device.id);
  }
  return done;
}

/** Drops a removed device from every profile's `deviceStatuses`, as Intune's reports do. */
export function forgetDeviceStatuses(store: SimStore, managedDeviceId: string): void {
  for (const config of store.list<{ id: string; _deviceStatuses?: Record<string, unknown> }>("deviceConfigurations")) {
    if (!config._deviceStatuses || !(managedDeviceId in config._deviceStatuses)) continue;
    const { [managedDeviceId]: _gone, ...rest } = config._deviceStatuses;
    store.put("deviceConfigurations", { ...config, _deviceStatuses: rest });
  }
}

export const wipeTicker: SimTicker = {
  name: "managed-device-wipe",
  tick: (store, now) => {
    completeDueWipes(store, now);
  },
};
