/** What the device itself reported: a profile whose settings failed to apply (SyncML errors) or conflict on the device. */
import { defineRule, deviceOutcome } from "../define-rule.ts";
import { GUIDE, LINKS, READS } from "../support.ts";

export default defineRule({
  id: "mdm-targeting/no-profile-errors",
  meta: {
    title: "Devices report every profile as applied",
    concern: "mdm-targeting",
    severity: "medium",
    criticality: "shall",
    version: 1,
    stage: "preview",
    guide: GUIDE.targeting,
    rationale: "A profile that reaches a device is only in force when the device reports it applied; an error (a node the build lacks, a malformed value) leaves that part of the posture missing on the device.",
    remediation: "Open the device's configuration report in Intune, fix the failing setting at its key under `devices` in the blueprint, or update the device when the node needs a newer build (`devices.osBaseline`).",
    blueprintKey: "devices",
    references: [LINKS.guide],
    evidence: [READS.managedDevices],
    messages: {
      pass: "{device} reports every profile as applied",
      errors: "{device} reports problems: {problems}",
      silent: "{device} has not reported any profile yet",
    },
  },
  check(ctx) {
    return ctx.posture.devices.map((d) => {
      if (d.reported.length === 0 && d.profiles.length > 0) return deviceOutcome(ctx, d, "manual", "silent");
      const bad = d.reported.filter((r) => r.state === "error" || r.state === "conflict" || r.problems.length > 0);
      if (bad.length === 0) return deviceOutcome(ctx, d, "pass", "pass");
      const problems = bad.map((r) => `${r.displayName} ${r.state}${r.problems.length ? ` (${r.problems.map((p) => `${p.setting}: ${p.state}${p.errorCode ? ` ${p.errorCode}` : ""}`).join(", ")})` : ""}`);
      return deviceOutcome(ctx, d, "fail", "errors", { problems: problems.join("; ") }, { reported: bad });
    });
  },
});
