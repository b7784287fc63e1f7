/**
 * Guide §GR-7: an enforced WDAC policy reaches every device. A policy in audit mode only logs; one that does
 * not decode (or that Graph masked) may block anything, so its effect is unknown.
 */
import { defineRule, deviceOutcome, listText } from "../define-rule.ts";
import { GUIDE, LINKS, READS } from "../support.ts";

export default defineRule({
  id: "app-control/require-enforced-policy",
  meta: {
    title: "An enforced app control policy reaches every device",
    concern: "app-control",
    severity: "high",
    criticality: "shall",
    version: 1,
    stage: "preview",
    guide: GUIDE.appControl,
    rationale: "App control is what actually stops an app: the kiosk only hides it. Without an enforced policy, a client can start the browser or mail by other routes.",
    remediation: "Keep `devices.appControl.enabled: true`; assign the app-control profile to the device group; a policy built in audit mode must be rebuilt without `Enabled:Audit Mode`.",
    blueprintKey: "devices.appControl.enabled",
    references: [LINKS.wdac],
    evidence: [READS.deviceConfigurations],
    messages: {
      pass: "{device}: {count} enforced policy(ies): {policies}",
      none: "{device}: no app control policy reaches it",
      auditOnly: "{device}: only audit-mode policies ({policies}): nothing is blocked",
      opaque: "{device}: policy {policies} cannot be read ({problem})",
      off: "{device}: app control is off in the blueprint",
    },
  },
  check(ctx) {
    return ctx.posture.devices.map((d) => {
      const ac = d.config.appControl;
      const enforced = ac.policies.filter((p) => p.status === "enforced");
      if (enforced.length) return deviceOutcome(ctx, d, "pass", "pass", { count: enforced.length, policies: listText(enforced.map((p) => p.policyId)) }, { policies: ac.policies });
      if (!ctx.bp.devices.appControl.enabled && ac.policies.length === 0) return deviceOutcome(ctx, d, "not_applicable", "off");
      const opaque = ac.policies.find((p) => p.status === "opaque" || p.status === "conflict");
      if (opaque) return deviceOutcome(ctx, d, "manual", "opaque", { policies: opaque.policyId, problem: opaque.problem ?? opaque.status });
      if (ac.policies.length) return deviceOutcome(ctx, d, "fail", "auditOnly", { policies: listText(ac.policies.map((p) => p.policyId)) }, { policies: ac.policies });
      return deviceOutcome(ctx, d, "fail", "none");
    });
  },
});
