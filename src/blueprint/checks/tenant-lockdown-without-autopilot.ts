/**
 * HF2060: tenant lockdown on while Autopilot is off. Once RequireNetworkInOOBE is true, OOBE "waits
 * indefinitely for Autopilot profile" and refuses local users and Entra joins through runtime
 * provisioning; the value survives reset and reflash (hololens2-autopilot.md, "Tenant lockdown CSP and
 * Autopilot"). Without an Autopilot profile a device reset at a client site can never be set up again.
 */
import { defineCheck, finding } from "./finding.ts";

export const tenantLockdownWithoutAutopilot = defineCheck(["devices.autopilot", "devices.tenantLockdown"], ["HF2060"], (bp, src) => {
  if (!bp.devices.tenantLockdown || bp.devices.autopilot.enabled) return [];
  // Point at the key the file wrote: Autopilot switched off is the usual cause, the lockdown default is not written.
  const path = src.has?.(["devices", "tenantLockdown"]) ? ["devices", "tenantLockdown"] : ["devices", "autopilot", "enabled"];
  return [
    finding(src, path, "HF2060", "error", {
      message: "devices.tenantLockdown is on but devices.autopilot.enabled is false: a reset device would wait for an Autopilot profile forever",
      why: "With TenantLockdown/RequireNetworkInOOBE true, OOBE waits indefinitely for an Autopilot profile and refuses local users and Entra joins through provisioning; the setting survives reset and reflash (hololens2-autopilot.md, Tenant lockdown CSP and Autopilot).",
      fix: "Keep devices.autopilot.enabled: true (register the devices with the group tag) so a reset device gets its profile back, or set devices.tenantLockdown: false.",
    }),
  ];
});
