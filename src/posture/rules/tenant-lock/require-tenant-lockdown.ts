/** Guide §GR-4: `TenantLockdown/RequireNetworkInOOBE` true on every device, so it can only be set up in this tenant (survives reset and reflash). */
import { defineRule, deviceOutcome } from "../define-rule.ts";
import { boolValue, GUIDE, LINKS, READS, valueText } from "../support.ts";

const NODE = "./Vendor/MSFT/TenantLockdown/RequireNetworkInOOBE";

export default defineRule({
  id: "tenant-lock/require-tenant-lockdown",
  meta: {
    title: "Devices are tenant-locked",
    concern: "tenant-lock",
    severity: "high",
    criticality: "shall",
    version: 1,
    stage: "preview",
    guide: GUIDE.tenantLock,
    rationale: "Without tenant lockdown, anyone who resets a device at a client's site can join it to another tenant or set it up with a local account, and the device leaves your management.",
    remediation: "Set `devices.tenantLockdown: true` (the default) and assign the restrictions profile to the device group; devices apply it at the next sync.",
    blueprintKey: "devices.tenantLockdown",
    references: [LINKS.tenantLockdown, LINKS.autopilot],
    evidence: [READS.deviceConfigurations],
    messages: {
      pass: "{device}: RequireNetworkInOOBE is true",
      off: "{device}: RequireNetworkInOOBE is {value}",
      unknown: "{device}: RequireNetworkInOOBE is {value}",
    },
  },
  check(ctx) {
    return ctx.posture.devices.map((d) => {
      const v = d.config.value(NODE);
      const value = valueText(v);
      if (v.state === "opaque") return deviceOutcome(ctx, d, "manual", "unknown", { value });
      return boolValue(v) === true ? deviceOutcome(ctx, d, "pass", "pass") : deviceOutcome(ctx, d, "fail", "off", { value }, { actual: value, expected: true });
    });
  },
});
