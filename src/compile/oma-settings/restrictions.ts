/**
 * Guide §GR-11, common device restrictions (`hololens-common-device-restrictions.md`, hololens-facts §13).
 * Every value is the Policy CSP integer from the DDF; note `Connectivity/AllowBluetooth` uses 0 (deny)
 * and 2 (allow), not 1. The two newer policies are only emitted when the blueprint configures them.
 */
import type { DevicesSection } from "../../blueprint/types.ts";
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

const R = ["devices", "restrictions"] as const;

export function restrictionSettings(devices: DevicesSection): SourcedOmaSetting[] {
  const r = devices.restrictions;
  const out: SourcedOmaSetting[] = [
    {
      path: [...R, "allowManualMdmUnenrollment"],
      setting: omaInteger(
        "Manual MDM unenrollment",
        r.allowManualMdmUnenrollment ? "Users may remove the work account." : "Clients cannot unenroll the device from Intune.",
        RESTRICTION_URIS.manualMdmUnenrollment,
        allowInt(r.allowManualMdmUnenrollment),
      ),
    },
    {
      path: [...R, "allowMicrosoftAccount"],
      setting: omaInteger(
        "Microsoft account connection",
        r.allowMicrosoftAccount ? "Personal Microsoft accounts may be added." : "No personal Microsoft accounts on the device.",
        RESTRICTION_URIS.microsoftAccount,
        allowInt(r.allowMicrosoftAccount),
      ),
    },
    {
      path: [...R, "allowBluetooth"],
      setting: omaInteger(
        "Bluetooth",
        r.allowBluetooth ? "Bluetooth allowed (headsets for calls)." : "Bluetooth off.",
        RESTRICTION_URIS.bluetooth,
        r.allowBluetooth ? BLUETOOTH_ALLOW : BLUETOOTH_DENY,
      ),
    },
    {
      path: [...R, "allowVpn"],
      setting: omaInteger(
        "VPN settings",
        r.allowVpn ? "Users may change VPN settings." : "Users cannot change VPN settings.",
        RESTRICTION_URIS.vpn,
        allowInt(r.allowVpn),
      ),
    },
    {
      path: [...R, "allowManualWifiConfiguration"],
      setting: omaInteger(
        "Manual Wi-Fi configuration",
        r.allowManualWifiConfiguration
          ? "Clients can join their own (guest) Wi-Fi networks (guide §GR-9)."
          : "Only Wi-Fi networks provisioned by MDM can be used.",
        RESTRICTION_URIS.manualWifi,
        allowInt(r.allowManualWifiConfiguration),
      ),
    },
    {
      path: [...R, "allowDateTimeChange"],
      setting: omaInteger(
        "Date and time changes",
        r.allowDateTimeChange ? "Users may change date and time." : "Users cannot change date and time.",
        RESTRICTION_URIS.dateTime,
        allowInt(r.allowDateTimeChange),
      ),
    },
  ];
  if (r.requirePrivateStoreOnly !== null) {
    out.push({
      path: [...R, "requirePrivateStoreOnly"],
      setting: omaInteger(
        "Private store only",
        r.requirePrivateStoreOnly ? "Only the organisation's private store is available." : "Both public and private store.",
        RESTRICTION_URIS.privateStoreOnly,
        allowInt(r.requirePrivateStoreOnly),
      ),
    });
  }
  if (r.captivePortalBeforeLogon !== null) {
    out.push({
      path: [...R, "captivePortalBeforeLogon"],
      setting: omaInteger(
        "Captive portal on the sign-in screen",
        r.captivePortalBeforeLogon
          ? "Guest networks with a captive portal can be joined from the sign-in screen (useful at client sites)."
          : "No captive portal before sign-in.",
        RESTRICTION_URIS.captivePortal,
        allowInt(r.captivePortalBeforeLogon),
      ),
    });
  }
  return out;
}
