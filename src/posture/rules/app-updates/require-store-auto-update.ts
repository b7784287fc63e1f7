/**
 * Guide §GR-8: Remote Assist stays current through Store auto-update
 * (`ApplicationManagement/AllowAppStoreAutoUpdate`, enabled by default per the guide; 0 turns it off).
 */
import { defineRule, deviceOutcome } from "../define-rule.ts";
import { GUIDE, intValue, LINKS, READS, valueText } from "../support.ts";

const NODE = "./Device/Vendor/MSFT/Policy/Config/ApplicationManagement/AllowAppStoreAutoUpdate";

export default defineRule({
  id: "app-updates/require-store-auto-update",
  meta: {
    title: "Store apps update automatically",
    concern: "app-updates",
    severity: "medium",
    criticality: "should",
    version: 1,
    stage: "preview",
    guide: GUIDE.appUpdates,
    rationale: "A Remote Assist that never updates misses fixes and eventually stops working with the service; devices at client sites rarely come back to be updated by hand.",
    remediation: "Set `devices.storeAutoUpdate: true` (the default) so the restrictions profile sets AllowAppStoreAutoUpdate to 1; keep devices plugged in to receive updates.",
    blueprintKey: "devices.storeAutoUpdate",
    references: [LINKS.storeAutoUpdate],
    evidence: [READS.deviceConfigurations],
    messages: {
      pass: "{device}: AllowAppStoreAutoUpdate is {value}",
      off: "{device}: AllowAppStoreAutoUpdate is {value}: Store apps, Remote Assist included, do not update",
      unknown: "{device}: AllowAppStoreAutoUpdate is {value}",
    },
  },
  check(ctx) {
    return ctx.posture.devices.map((d) => {
      const v = d.config.value(NODE);
      const value = valueText(v);
      if (v.state === "opaque" || v.state === "conflict") return deviceOutcome(ctx, d, v.state === "conflict" ? "fail" : "manual", "unknown", { value });
      // Not configured (unset, or 2 in the newest CSP page) keeps the OS default, which the guide says is enabled.
      return intValue(v) === 0 ? deviceOutcome(ctx, d, "fail", "off", { value }, { actual: 0, expected: 1 }) : deviceOutcome(ctx, d, "pass", "pass", { value });
    });
  },
});
