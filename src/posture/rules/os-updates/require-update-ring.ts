/** Guide §GR-10: exactly one Windows Update for Business ring reaches each device (two rings conflict; none leaves updates uncontrolled). */
import { defineRule, deviceOutcome, listText } from "../define-rule.ts";
import { GUIDE, LINKS, READS } from "../support.ts";

export default defineRule({
  id: "os-updates/require-update-ring",
  meta: {
    title: "One update ring reaches every device",
    concern: "os-updates",
    severity: "medium",
    criticality: "should",
    version: 1,
    stage: "preview",
    guide: GUIDE.osUpdates,
    rationale: "Devices at client sites update on their own schedule; without a ring there are no deferrals or install times, and with two rings the device reports a conflict and keeps whichever settings it had.",
    remediation: "Keep `devices.updateRing.enabled: true` and assign only holofleet's ring to the device group; remove other rings from HoloLens groups.",
    blueprintKey: "devices.updateRing",
    references: [LINKS.updates],
    evidence: [READS.deviceConfigurations],
    messages: {
      pass: "{device}: update ring {ring}",
      none: "{device}: no update ring reaches it",
      several: "{device}: {count} update rings reach it: {rings}",
      off: "{device}: the blueprint leaves updates to flow freely (no ring)",
    },
  },
  check(ctx) {
    return ctx.posture.devices.map((d) => {
      const rings = d.updateRings;
      if (rings.length === 1) return deviceOutcome(ctx, d, "pass", "pass", { ring: rings[0]!.displayName });
      if (rings.length > 1) return deviceOutcome(ctx, d, "fail", "several", { count: rings.length, rings: listText(rings.map((r) => r.displayName)) });
      return ctx.bp.devices.updateRing.enabled ? deviceOutcome(ctx, d, "fail", "none") : deviceOutcome(ctx, d, "not_applicable", "off");
    });
  },
});
