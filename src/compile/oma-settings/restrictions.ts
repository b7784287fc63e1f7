/**
 * Guide §GR-11, common device restrictions (`hololens-common-device-restrictions.md`, hololens-facts §13).
 * Every value is the Policy CSP integer from the DDF; note `Connectivity/AllowBluetooth` uses 0 (deny)
 * and 2 (allow), not 1. The two newer policies are only emitted when the blueprint configures them.
 * One table row per blueprint key drives the single builder below.
 */
import type { DevicesSection, RestrictionSettings } from "../../blueprint/types.ts";
import { allowInt, omaInteger, POLICY_CONFIG, type SourcedOmaSetting } from "./oma-setting.ts";

export const RESTRICTION_URIS = {
  manualMdmUnenrollment: `${POLICY_CONFIG}/Experience/AllowManualMDMUnenrollment`,
  microsoftAccount: `${POLICY_CONFIG}/Accounts/AllowMicrosoftAccountConnection`,
  bluetooth: `${POLICY_CONFIG}/Connectivity/AllowBluetooth`,
  vpn: `${POLICY_CONFIG}/Settings/AllowVPN`,
  manualWifi: `${POLICY_CONFIG}/Wifi/AllowManualWiFiConfiguration`,
  dateTime: `${POLICY_CONFIG}/Settings/AllowDateTime`,
  privateStoreOnly: `${POLICY_CONFIG}/ApplicationManagement/RequirePrivateStoreOnly`,
  captivePortal: `${POLICY_CONFIG}/MixedReality/AllowCaptivePortalBeforeLogon`,
} as const;

/** `Connectivity/AllowBluetooth`: 0 = disallow, 2 = allow (the DDF's only two values). */
export const BLUETOOTH_DENY = 0;
export const BLUETOOTH_ALLOW = 2;

/** One common restriction: the Policy CSP node a `devices.restrictions` key sets, and how. */
interface RestrictionPolicy {
  displayName: string;
  omaUri: string;
  /** The profile's description of the setting, for the blueprint value true and for false. */
  description: { whenTrue: string; whenFalse: string };
  /** The policy's integer for the blueprint value (DDF allowed values). */
  toInteger: (value: boolean) => number;
}

/** `allowRemoveProvisioningPackage` is emitted with the other provisioning-package policy (usb.ts). */
type RestrictionKey = Exclude<keyof RestrictionSettings, "allowRemoveProvisioningPackage">;

/**
 * One row per blueprint key, in the order of the `devices.restrictions` schema (the settings list
 * follows it; the profile body is sorted by OMA-URI later). Keyed by the blueprint key so the compiler
 * proves every restriction has a row.
 */
const RESTRICTION_POLICIES: Record<RestrictionKey, RestrictionPolicy> = {
  allowManualMdmUnenrollment: {
    displayName: "Manual MDM unenrollment",
    omaUri: RESTRICTION_URIS.manualMdmUnenrollment,
    description: { whenTrue: "Users may remove the work account.", whenFalse: "Clients cannot unenroll the device from Intune." },
    toInteger: allowInt,
  },
  allowMicrosoftAccount: {
    displayName: "Microsoft account connection",
    omaUri: RESTRICTION_URIS.microsoftAccount,
    description: { whenTrue: "Personal Microsoft accounts may be added.", whenFalse: "No personal Microsoft accounts on the device." },
    toInteger: allowInt,
  },
  allowBluetooth: {
    displayName: "Bluetooth",
    omaUri: RESTRICTION_URIS.bluetooth,
    description: { whenTrue: "Bluetooth allowed (headsets for calls).", whenFalse: "Bluetooth off." },
    toInteger: (allowed) => (allowed ? BLUETOOTH_ALLOW : BLUETOOTH_DENY),
  },
  allowVpn: {
    displayName: "VPN settings",
    omaUri: RESTRICTION_URIS.vpn,
    description: { whenTrue: "Users may change VPN settings.", whenFalse: "Users cannot change VPN settings." },
    toInteger: allowInt,
  },
  allowManualWifiConfiguration: {
    displayName: "Manual Wi-Fi configuration",
    omaUri: RESTRICTION_URIS.manualWifi,
    description: {
      whenTrue: "Clients can join their own (guest) Wi-Fi networks (guide §GR-9).",
      whenFalse: "Only Wi-Fi networks provisioned by MDM can be used.",
    },
    toInteger: allowInt,
  },
  allowDateTimeChange: {
    displayName: "Date and time changes",
    omaUri: RESTRICTION_URIS.dateTime,
    description: { whenTrue: "Users may change date and time.", whenFalse: "Users cannot change date and time." },
    toInteger: allowInt,
  },
  requirePrivateStoreOnly: {
    displayName: "Private store only",
    omaUri: RESTRICTION_URIS.privateStoreOnly,
    description: { whenTrue: "Only the organisation's private store is available.", whenFalse: "Both public and private store." },
    toInteger: allowInt,
  },
  captivePortalBeforeLogon: {
    displayName: "Captive portal on the sign-in screen",
    omaUri: RESTRICTION_URIS.captivePortal,
    description: {
      whenTrue: "Guest networks with a captive portal can be joined from the sign-in screen (useful at client sites).",
      whenFalse: "No captive portal before sign-in.",
    },
    toInteger: allowInt,
  },
};

/** The restriction settings the blueprint configures; a null value (the newer policies) is left unmanaged. */
export function restrictionSettings(devices: DevicesSection): SourcedOmaSetting[] {
  const out: SourcedOmaSetting[] = [];
  for (const key of Object.keys(RESTRICTION_POLICIES) as RestrictionKey[]) {
    const value = devices.restrictions[key];
    if (value === null) continue;
    const policy = RESTRICTION_POLICIES[key];
    out.push({
      path: ["devices", "restrictions", key],
      setting: omaInteger(
        policy.displayName,
        value ? policy.description.whenTrue : policy.description.whenFalse,
        policy.omaUri,
        policy.toInteger(value),
      ),
    });
  }
  return out;
}
