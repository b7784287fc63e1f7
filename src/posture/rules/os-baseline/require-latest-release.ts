/** The guide's step 1 asks for the latest HoloLens release as the baseline: a device behind the newest build the catalog knows. */
import { compareBuilds, latestKnownBuild } from "../../../catalog/index.ts";
import { defineRule, deviceOutcome } from "../define-rule.ts";
import { GUIDE, LINKS, READS } from "../support.ts";

export default defineRule({
  id: "os-baseline/require-latest-release",
  meta: {
    title: "Devices run the latest HoloLens release",
    concern: "os-baseline",
    severity: "low",
    criticality: "should",
    version: 1,
    stage: "preview",
    guide: GUIDE.baseline,
    rationale: "The guide's baseline is the latest release: it carries the security fixes and the newest policies. The latest known build is the newest in the release notes holofleet's catalog was built from; a newer one may exist.",
    remediation: "Let the update ring install the latest release (`devices.updateRing`), or raise `devices.osBaseline` to `latest-known`.",
    blueprintKey: "devices.osBaseline",
    references: [LINKS.releaseNotes],
    evidence: [READS.managedDevices],
    messages: {
      pass: "{device} runs {build}, the latest known release ({latest}) or newer",
      behind: "{device} runs {build}; the latest known release is {latest}",
      unknown: "{device} reports no HoloLens build",
    },
  },
  check(ctx) {
    const latest = latestKnownBuild();
    return ctx.posture.devices.map((d) => {
      if (d.build === null) return deviceOutcome(ctx, d, "manual", "unknown");
      const behind = compareBuilds(d.build, latest) < 0;
      return deviceOutcome(ctx, d, behind ? "fail" : "pass", behind ? "behind" : "pass", { build: d.build, latest }, { actual: d.build, expected: latest });
    });
  },
});
