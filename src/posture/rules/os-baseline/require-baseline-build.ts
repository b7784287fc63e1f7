/** A HoloLens device running a build older than the program's OS baseline (guide §GR-1). */
import { buildBelow } from "../../../guide/os-features.ts";
import { defineRule, deviceOutcome } from "../define-rule.ts";
import { GUIDE, LINKS, READS } from "../support.ts";

export default defineRule({
  id: "os-baseline/require-baseline-build",
  meta: {
    title: "Devices run the OS baseline build or newer",
    concern: "os-baseline",
    severity: "high",
    criticality: "shall",
    version: 1,
    stage: "preview",
    guide: GUIDE.baseline,
    rationale: "Every setting the program relies on is checked against the baseline; a device below it ignores or rejects some of them, so its posture is not the one the blueprint describes.",
    remediation: "Update the device (Settings > Update, or reflash with the Advanced Recovery Companion) to the baseline or newer, or lower `devices.osBaseline` only if every setting still applies.",
    blueprintKey: "devices.osBaseline",
    references: [LINKS.guide, LINKS.releaseNotes],
    evidence: [READS.managedDevices],
    messages: {
      pass: "{device} runs {build}, at or above the baseline {baseline}",
      below: "{device} runs {build}, below the baseline {baseline}",
      unknown: "{device} reports OS version \"{osVersion}\", which is not a HoloLens build; check it on the device (Settings > System > About)",
    },
  },
  check(ctx) {
    const baseline = ctx.bp.devices.osBaseline.build;
    return ctx.posture.devices.map((d) => {
      if (d.build === null) return deviceOutcome(ctx, d, "manual", "unknown", { osVersion: d.managed.osVersion ?? "" }, { actual: d.managed.osVersion, expected: baseline });
      const below = buildBelow(d.build, baseline);
      return deviceOutcome(ctx, d, below ? "fail" : "pass", below ? "below" : "pass", { build: d.build, baseline }, { actual: d.build, expected: `≥ ${baseline}` });
    });
  },
});
