/**
 * HF2029 (warning): manual Wi‑Fi configuration blocked. Clients must join guest networks at their site
 * (guide §GR-9); hololens-facts §11: do not set Wifi/AllowManualWiFiConfiguration to 0 in that case.
 */
import { defineCheck, finding } from "./finding.ts";

export const wifiConfigurationBlocked = defineCheck(["devices.restrictions"], ["HF2029"], (bp, src) =>
  bp.devices.restrictions.allowManualWifiConfiguration
    ? []
    : [
        finding(src, ["devices", "restrictions", "allowManualWifiConfiguration"], "HF2029", "warning", {
          message: "allowManualWifiConfiguration is false: only Wi‑Fi networks pushed by Intune can be used",
          why: "Clients connect to guest networks at their own site; the guide keeps the network settings for that.",
          fix: "Set allowManualWifiConfiguration: true (the default) unless every client network is provisioned through Intune.",
        }),
      ],
);
