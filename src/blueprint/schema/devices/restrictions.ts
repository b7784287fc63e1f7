/**
 * `devices.restrictions`: common device restrictions (guide §GR-11, hololens-common-device-restrictions.md).
 * Defaults lock what clients need not change and keep what they need at a client site (Wi‑Fi, Bluetooth,
 * the camera and microphone the calling app uses); the hardware and power policies of that page that the
 * guide does not ask for are left unmanaged (null) until the file sets them.
 */
import { z } from "zod";
import { documented } from "../common.ts";

/** Privacy/LetAppsAccessCamera and …Microphone: the DDF's three values (0, 1, 2), by name. */
const appAccess = z.enum(["user-in-control", "force-allow", "force-deny"]).nullable().default(null);

/**
 * Power display timeouts are ADMX `decimal` values in seconds (policy-csp-power), stored as a DWORD.
 * At least one second: turning the display off is what locks the device (hololens-common-device-restrictions).
 */
const displayTimeoutSeconds = z.number().int().min(1).max(4294967295).nullable().default(null);

export const restrictionsSchema = documented(
  z.strictObject({
    allowManualMdmUnenrollment: documented(z.boolean().default(false), {
      description: "Experience/AllowManualMDMUnenrollment. Default false: clients cannot unenroll.",
      guide: "§GR-11",
    }),
    allowMicrosoftAccount: documented(z.boolean().default(false), {
      description: "Accounts/AllowMicrosoftAccountConnection. Default false: no personal Microsoft accounts.",
      guide: "§GR-11",
    }),
    allowBluetooth: documented(z.boolean().default(true), {
      description: "Connectivity/AllowBluetooth. Default true: Remote Assist works with Bluetooth headsets.",
      guide: "§GR-11",
    }),
    allowVpn: documented(z.boolean().default(true), {
      description: "Settings/AllowVPN. Default true, matching the network-vpn page the default settings list shows.",
      guide: "§GR-11",
    }),
    allowManualWifiConfiguration: documented(z.boolean().default(true), {
      description:
        "Wifi/AllowManualWiFiConfiguration. Must stay true so clients can join guest Wi‑Fi at their site (§GR-9).",
      guide: "§GR-11",
    }),
    allowDateTimeChange: documented(z.boolean().default(false), {
      description: "Settings/AllowDateTime. Default false: the clock follows the network.",
      guide: "§GR-11",
    }),
    requirePrivateStoreOnly: documented(z.boolean().nullable().default(null), {
      description:
        "ApplicationManagement/RequirePrivateStoreOnly (21H2+); null = not configured (app control already blocks the Store).",
      guide: "§GR-11",
    }),
    captivePortalBeforeLogon: documented(z.boolean().nullable().default(null), {
      description:
        "MixedReality/AllowCaptivePortalBeforeLogon (22H2+): show guest-network captive portals on the sign-in screen; null = not configured.",
      guide: "§GR-11",
    }),
    allowRemoveProvisioningPackage: documented(z.boolean().default(false), {
      description: "Security/AllowRemoveProvisioningPackage (20H2+). Default false.",
      guide: "§GR-11",
    }),
    allowWifi: documented(z.boolean().default(true), {
      description:
        "Wifi/AllowWiFi (20H2+). Default true: Wi‑Fi is how a loaned device reaches the tenant, Intune and the experts; false is an error unless acknowledged (`wifi-off`), since only a USB Ethernet adapter could then connect it.",
      guide: "§GR-11",
    }),
    letAppsAccessCamera: documented(appAccess, {
      description:
        "Privacy/LetAppsAccessCamera: `user-in-control` (0), `force-allow` (1) or `force-deny` (2); null = not configured. The calling app needs the camera, so `force-deny` is an error unless acknowledged (`calling-app-capability-denied`).",
      guide: "§GR-11",
    }),
    letAppsAccessMicrophone: documented(appAccess, {
      description:
        "Privacy/LetAppsAccessMicrophone, same values as letAppsAccessCamera; null = not configured. The calling app needs the microphone, so `force-deny` is an error unless acknowledged (`calling-app-capability-denied`).",
      guide: "§GR-11",
    }),
    displayOffTimeoutOnBattery: documented(displayTimeoutSeconds, {
      description:
        "Power/DisplayOffTimeoutOnBattery (20H2+), seconds of inactivity before the display turns off and the device locks; null = not configured. Power/StandbyTimeoutOnBattery gets the same value, as the HoloLens 20H2 release notes ask.",
      guide: "§GR-11",
    }),
    displayOffTimeoutPluggedIn: documented(displayTimeoutSeconds, {
      description:
        "Power/DisplayOffTimeoutPluggedIn (20H2+), seconds, as displayOffTimeoutOnBattery but while charging; Power/StandbyTimeoutPluggedIn gets the same value. null = not configured.",
      guide: "§GR-11",
    }),
    allowStorageCard: documented(z.boolean().default(true), {
      description:
        "System/AllowStorageCard. Default true. False also disables USB drives: once it applies, provisioning packages can no longer be read from USB (during OOBE, no later package on the same drive), which is a warning while devices.usb still allows packages. Ethernet adapters keep working.",
      guide: "§GR-11",
    }),
  }),
  { description: "Common device restrictions.", guide: "§GR-11" },
);
