/**
 * Guide §GR-4, tenant lock: `TenantLockdown/RequireNetworkInOOBE` (bool). `true` makes OOBE wait for the
 * tenant's Autopilot profile, even after a reflash; `false` is how the docs say to unset it
 * (hololens-facts §6), so the setting is emitted both ways.
 */
import type { DevicesSection } from "../../blueprint/types.ts";
import { omaBoolean, type SourcedOmaSetting } from "./oma-setting.ts";

export const TENANT_LOCKDOWN_URI = "./Vendor/MSFT/TenantLockdown/RequireNetworkInOOBE";

export function tenantLockdownSettings(devices: DevicesSection): SourcedOmaSetting[] {
  return [
    {
      path: ["devices", "tenantLockdown"],
      setting: omaBoolean(
        "Tenant lockdown: require network in OOBE",
        devices.tenantLockdown
          ? "Devices can only be set up by joining this tenant through Autopilot (guide §GR-4). Survives reset and reflash."
          : "Tenant lockdown off; setting false is how a locked device is released (guide §GR-4).",
        TENANT_LOCKDOWN_URI,
        devices.tenantLockdown,
      ),
    },
  ];
}
