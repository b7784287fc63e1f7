/**
 * Guide §GR-6.1: `ApplicationManagement/AllowDeveloperUnlock` 0 on every device. The same judgment as the
 * blueprint's HF2022 (`guide/developer-mode.ts`): only an explicit deny closes developer mode.
 */
import { developerModeAllowed } from "../../../guide/developer-mode.ts";
import { defineRule, deviceOutcome } from "../define-rule.ts";
import { GUIDE, intValue, LINKS, READS, valueText } from "../support.ts";

const NODE = "./Device/Vendor/MSFT/Policy/Config/ApplicationManagement/AllowDeveloperUnlock";

export default defineRule({
  id: "developer-mode/no-developer-unlock",
  meta: {
    title: "Developer mode is disabled",
    concern: "developer-mode",
    severity: "high",
    criticality: "shall",
    version: 1,
    stage: "preview",
    guide: GUIDE.developerMode,
    rationale: "Developer mode allows sideloading apps and the device portal: a client could install what app control does not know about and reach the device's files over the network.",
    remediation: "Set `devices.developerMode: false` (the default) so the restrictions profile sets AllowDeveloperUnlock to 0, or acknowledge `developer-mode` in the blueprint.",
    blueprintKey: "devices.developerMode",
    acknowledgement: "developer-mode",
    references: [LINKS.developerUnlock],
    evidence: [READS.deviceConfigurations],
    messages: {
      pass: "{device}: AllowDeveloperUnlock is 0",
      allowed: "{device}: AllowDeveloperUnlock is {value}, so developer mode can be turned on",
      accepted: "{device}: developer mode allowed, accepted in the blueprint (acknowledge: developer-mode)",
      unknown: "{device}: AllowDeveloperUnlock is {value}",
    },
  },
  check(ctx) {
    return ctx.posture.devices.map((d) => {
      const v = d.config.value(NODE);
      if (v.state === "opaque") return deviceOutcome(ctx, d, "manual", "unknown", { value: valueText(v) });
      if (!developerModeAllowed(intValue(v))) return deviceOutcome(ctx, d, "pass", "pass");
      if (ctx.acknowledged("developer-mode")) return deviceOutcome(ctx, d, "pass", "accepted", {}, { acknowledged: "developer-mode" });
      return deviceOutcome(ctx, d, "fail", "allowed", { value: valueText(v) }, { actual: valueText(v), expected: 0 });
    });
  },
});
