/**
 * `devices.restrictions`: common device restrictions (guide §GR-11, hololens-common-device-restrictions.md).
 * Defaults lock what clients need not change and keep what they need at a client site (Wi‑Fi, Bluetooth).
 */
import { z } from "zod";
import { documented } from "../common.ts";

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
  }),
  { description: "Common device restrictions.", guide: "§GR-11" },
);
