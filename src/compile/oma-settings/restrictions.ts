/**
 * Guide §GR-11, common device restrictions (`hololens-common-device-restrictions.md`, hololens-facts §13).
 * Every value is the Policy CSP value from the DDF; note `Connectivity/AllowBluetooth` uses 0 (deny)
 * and 2 (allow), not 1, and the Privacy policies 0/1/2. Nullable keys are only emitted when the blueprint
 * configures them. One table row per blueprint key drives the single builder below.
 */
import type { AppAccess, DevicesSection, RestrictionSettings } from "../../blueprint/types.ts";
import type { OmaSetting } from "../types.ts";
import { allowInt, omaInteger, omaString, POLICY_CONFIG, type SourcedOmaSetting } from "./oma-setting.ts";

export const RESTRICTION_URIS = {
  manualMdmUnenrollment: `${POLICY_CONFIG}/Experience/AllowManualMDMUnenrollment`,
  microsoftAccount: `${POLICY_CONFIG}/Accounts/AllowMicrosoftAccountConnection`,
  bluetooth: `${POLICY_CONFIG}/Connectivity/AllowBluetooth`,
  vpn: `${POLICY_CONFIG}/Settings/AllowVPN`,
  manualWifi: `${POLICY_CONFIG}/Wifi/AllowManualWiFiConfiguration`,
  dateTime: `${POLICY_CONFIG}/Settings/AllowDateTime`,
  privateStoreOnly: `${POLICY_CONFIG}/ApplicationManagement/RequirePrivateStoreOnly`,
  captivePortal: `${POLICY_CONFIG}/MixedReality/AllowCaptivePortalBeforeLogon`,
  wifi: `${POLICY_CONFIG}/Wifi/AllowWiFi`,
  camera: `${POLICY_CONFIG}/Privacy/LetAppsAccessCamera`,
  microphone: `${POLICY_CONFIG}/Privacy/LetAppsAccessMicrophone`,
  displayOffOnBattery: `${POLICY_CONFIG}/Power/DisplayOffTimeoutOnBattery`,
  standbyOnBattery: `${POLICY_CONFIG}/Power/StandbyTimeoutOnBattery`,
  displayOffPluggedIn: `${POLICY_CONFIG}/Power/DisplayOffTimeoutPluggedIn`,
  standbyPluggedIn: `${POLICY_CONFIG}/Power/StandbyTimeoutPluggedIn`,
  storageCard: `${POLICY_CONFIG}/System/AllowStorageCard`,
} as const;

/** `Connectivity/AllowBluetooth`: 0 = disallow, 2 = allow (the DDF's only two values). */
export const BLUETOOTH_DENY = 0;
export const BLUETOOTH_ALLOW = 2;

/** Privacy/LetAppsAccess*: 0 user in control, 1 force allow, 2 force deny (Privacy DDF). */
export const APP_ACCESS_VALUES: Readonly<Record<AppAccess, number>> = { "user-in-control": 0, "force-allow": 1, "force-deny": 2 };

/**
 * The ADMX `<data id>` of each power timeout, as the HoloLens 20H2 release notes give them for Windows
 * Configuration Designer (hololens-release-notes-2004.md, "New power policies for HoloLens 2").
 */
export const POWER_DATA_IDS = {
  displayOffOnBattery: "EnterVideoDCPowerDownTimeOut",
  standbyOnBattery: "EnterDCStandbyTimeOut",
  displayOffPluggedIn: "EnterVideoACPowerDownTimeOut",
  standbyPluggedIn: "EnterACStandbyTimeOut",
} as const;

/** An ADMX-backed policy value that enables the policy with one `<data>` element. */
export function admxEnabled(dataId: string, value: number): string {
  return `<enabled/><data id="${dataId}" value="${value}"/>`;
}

/** How one `devices.restrictions` key becomes settings: none when the value is null (not configured). */
type RestrictionRows = { [K in RestrictionKey]: (value: RestrictionSettings[K]) => OmaSetting[] };

/** `allowRemoveProvisioningPackage` is emitted with the other provisioning-package policy (usb.ts). */
type RestrictionKey = Exclude<keyof RestrictionSettings, "allowRemoveProvisioningPackage">;

/** An allow/deny policy: its integer for true and false, and what each means on the device. */
function allowRow(
  displayName: string,
  omaUri: string,
  description: { whenTrue: string; whenFalse: string },
  toInteger: (allowed: boolean) => number = allowInt,
): (value: boolean | null) => OmaSetting[] {
  return (value) =>
    value === null ? [] : [omaInteger(displayName, value ? description.whenTrue : description.whenFalse, omaUri, toInteger(value))];
}

/** A Privacy/LetAppsAccess* policy for one device capability the calling app uses. */
function appAccessRow(displayName: string, omaUri: string, capability: string): (value: AppAccess | null) => OmaSetting[] {
  const meaning: Record<AppAccess, string> = {
    "user-in-control": `The user decides which apps use the ${capability}.`,
    "force-allow": `Every app may use the ${capability}, including the calling app.`,
    "force-deny": `No app may use the ${capability}: the calling app cannot make calls with it.`,
  };
  return (value) => (value === null ? [] : [omaInteger(displayName, meaning[value], omaUri, APP_ACCESS_VALUES[value])]);
}

/**
 * A display-off timeout and its standby twin. The 20H2 release notes ask for both with the same value
 * "for consistent experience on HoloLens 2", so one blueprint key sets the pair.
 */
function displayTimeoutRow(
  power: "OnBattery" | "PluggedIn",
  display: { uri: string; dataId: string },
  standby: { uri: string; dataId: string },
): (value: number | null) => OmaSetting[] {
  const when = power === "OnBattery" ? "on battery" : "while charging";
  return (value) =>
    value === null
      ? []
      : [
          omaString(`Display off timeout (${when})`, `The display turns off, and the device locks, after ${value} s without use ${when}.`, display.uri, admxEnabled(display.dataId, value)),
          omaString(`Standby timeout (${when})`, `Standby after ${value} s ${when}, the same as the display timeout (HoloLens 20H2 release notes).`, standby.uri, admxEnabled(standby.dataId, value)),
        ];
}

/**
 * One row per blueprint key, in the order of the `devices.restrictions` schema (the settings list
 * follows it; the profile body is sorted by OMA-URI later). Keyed by the blueprint key so the compiler
 * proves every restriction has a row.
 */
const RESTRICTION_ROWS: RestrictionRows = {
  allowManualMdmUnenrollment: allowRow("Manual MDM unenrollment", RESTRICTION_URIS.manualMdmUnenrollment, {
    whenTrue: "Users may remove the work account.",
    whenFalse: "Clients cannot unenroll the device from Intune.",
  }),
  allowMicrosoftAccount: allowRow("Microsoft account connection", RESTRICTION_URIS.microsoftAccount, {
    whenTrue: "Personal Microsoft accounts may be added.",
    whenFalse: "No personal Microsoft accounts on the device.",
  }),
  allowBluetooth: allowRow(
    "Bluetooth",
    RESTRICTION_URIS.bluetooth,
    { whenTrue: "Bluetooth allowed (headsets for calls).", whenFalse: "Bluetooth off." },
    (allowed) => (allowed ? BLUETOOTH_ALLOW : BLUETOOTH_DENY),
  ),
  allowVpn: allowRow("VPN settings", RESTRICTION_URIS.vpn, {
    whenTrue: "Users may change VPN settings.",
    whenFalse: "Users cannot change VPN settings.",
  }),
  allowManualWifiConfiguration: allowRow("Manual Wi-Fi configuration", RESTRICTION_URIS.manualWifi, {
    whenTrue: "Clients can join their own (guest) Wi-Fi networks (guide §GR-9).",
    whenFalse: "Only Wi-Fi networks provisioned by MDM can be used.",
  }),
  allowDateTimeChange: allowRow("Date and time changes", RESTRICTION_URIS.dateTime, {
    whenTrue: "Users may change date and time.",
    whenFalse: "Users cannot change date and time.",
  }),
  requirePrivateStoreOnly: allowRow("Private store only", RESTRICTION_URIS.privateStoreOnly, {
    whenTrue: "Only the organisation's private store is available.",
    whenFalse: "Both public and private store.",
  }),
  captivePortalBeforeLogon: allowRow("Captive portal on the sign-in screen", RESTRICTION_URIS.captivePortal, {
    whenTrue: "Guest networks with a captive portal can be joined from the sign-in screen (useful at client sites).",
    whenFalse: "No captive portal before sign-in.",
  }),
  allowWifi: allowRow("Wi-Fi", RESTRICTION_URIS.wifi, {
    whenTrue: "Wi-Fi on: the device reaches the tenant and the experts.",
    whenFalse: "Wi-Fi off: only a USB Ethernet adapter can connect the device.",
  }),
  letAppsAccessCamera: appAccessRow("Apps' access to the camera", RESTRICTION_URIS.camera, "camera"),
  letAppsAccessMicrophone: appAccessRow("Apps' access to the microphone", RESTRICTION_URIS.microphone, "microphone"),
  displayOffTimeoutOnBattery: displayTimeoutRow(
    "OnBattery",
    { uri: RESTRICTION_URIS.displayOffOnBattery, dataId: POWER_DATA_IDS.displayOffOnBattery },
    { uri: RESTRICTION_URIS.standbyOnBattery, dataId: POWER_DATA_IDS.standbyOnBattery },
  ),
  displayOffTimeoutPluggedIn: displayTimeoutRow(
    "PluggedIn",
    { uri: RESTRICTION_URIS.displayOffPluggedIn, dataId: POWER_DATA_IDS.displayOffPluggedIn },
    { uri: RESTRICTION_URIS.standbyPluggedIn, dataId: POWER_DATA_IDS.standbyPluggedIn },
  ),
  allowStorageCard: allowRow("Storage cards and USB drives", RESTRICTION_URIS.storageCard, {
    whenTrue: "Storage cards and USB drives can be used (provisioning packages on USB stay readable).",
    whenFalse: "No storage cards or USB drives: provisioning packages on USB can no longer be read; Ethernet adapters still work.",
  }),
};

/** The restriction settings the blueprint configures; a null value is left unmanaged. */
export function restrictionSettings(devices: DevicesSection): SourcedOmaSetting[] {
  const rows = RESTRICTION_ROWS as Record<RestrictionKey, (value: unknown) => OmaSetting[]>;
  return (Object.keys(RESTRICTION_ROWS) as RestrictionKey[]).flatMap((key) =>
    rows[key](devices.restrictions[key]).map((setting) => ({ path: ["devices", "restrictions", key], setting })),
  );
}
