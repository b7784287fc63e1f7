/**
 * A setting that reaches a device whose build is older than the feature it needs (hololens-facts §3 feature
 * minimums): the device ignores it or reports an error. The same judgment as the blueprint's HF2010, asked of
 * a real device (`guide/os-features.ts`).
 */
import { featureOfOmaUri, featuresAboveBuild } from "../../../guide/os-features.ts";
import type { DeviceConfig } from "../../effective/device-config.ts";
import { defineRule, deviceOutcome, listText } from "../define-rule.ts";
import { GUIDE, LINKS, READS } from "../support.ts";

export default defineRule({
  id: "os-baseline/no-setting-above-build",
  meta: {
    title: "No setting needs a newer build than the device runs",
    concern: "os-baseline",
    severity: "medium",
    criticality: "shall",
    version: 1,
    stage: "preview",
    guide: GUIDE.baseline,
    rationale: "A device older than a feature's minimum build does not apply that setting: the kiosk, tenant lock or page list that the report shows as configured would not be in force on it.",
    remediation: "Update the device to the build the feature needs (the baseline in `devices.osBaseline` covers every feature holofleet configures).",
    blueprintKey: "devices.osBaseline",
    references: [LINKS.releaseNotes],
    evidence: [READS.managedDevices, READS.deviceConfigurations],
    messages: {
      pass: "{device} runs {build}, new enough for every setting that reaches it",
      tooOld: "{device} runs {build}, older than {features} need",
      unknown: "{device} reports no HoloLens build, so which settings it can apply is unknown",
    },
  },
  check(ctx) {
    // Devices share a handful of configurations and builds: work out each pair once.
    const memo = new Map<DeviceConfig, Map<string, ReturnType<typeof featuresAboveBuild<{ feature: string; omaUri: string }>>>>();
    const aboveFor = (config: DeviceConfig, build: string) => {
      let byBuild = memo.get(config);
      if (!byBuild) memo.set(config, (byBuild = new Map()));
      let above = byBuild.get(build);
      if (!above) {
        const uses = [...config.settings.values()].flatMap((s) => {
          const feature = featureOfOmaUri(s.omaUri);
          return feature ? [{ feature, omaUri: s.omaUri }] : [];
        });
        byBuild.set(build, (above = featuresAboveBuild(build, uses)));
      }
      return above;
    };
    return ctx.posture.devices.map((d) => {
      if (d.build === null) return deviceOutcome(ctx, d, "manual", "unknown");
      const above = aboveFor(d.config, d.build);
      if (above.length === 0) return deviceOutcome(ctx, d, "pass", "pass", { build: d.build });
      const features = above.map((a) => `${a.minimum.description} (${a.minimum.minBuild})`);
      return deviceOutcome(ctx, d, "fail", "tooOld", { build: d.build, features: listText(features) }, { actual: d.build, settings: above.map((a) => ({ omaUri: a.omaUri, minBuild: a.minimum.minBuild })) });
    });
  },
});
