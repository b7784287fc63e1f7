/**
 * Guide §GR-8: keep Remote Assist current. `ApplicationManagement/AllowAppStoreAutoUpdate`, int —
 * 0 not allowed, 1 allowed, 2 not configured (default in the 2026 CSP page). The guide relies on the
 * OS default; holofleet sets 1 explicitly so a stray policy cannot turn updates off (hololens-facts §10).
 */
import type { DevicesSection } from "../../blueprint/types.ts";
import { allowInt, omaInteger, POLICY_CONFIG, type SourcedOmaSetting } from "./oma-setting.ts";

export const APP_STORE_AUTO_UPDATE_URI = `${POLICY_CONFIG}/ApplicationManagement/AllowAppStoreAutoUpdate`;

export function storeAutoUpdateSettings(devices: DevicesSection): SourcedOmaSetting[] {
  return [
    {
      path: ["devices", "storeAutoUpdate"],
      setting: omaInteger(
        "Store app auto-update",
        devices.storeAutoUpdate
          ? "Remote Assist and other Store apps update automatically while the device is plugged in (guide §GR-8)."
          : "Store apps do not update automatically.",
        APP_STORE_AUTO_UPDATE_URI,
        allowInt(devices.storeAutoUpdate),
      ),
    },
  ];
}
