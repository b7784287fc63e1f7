/** Two profiles that reach one device and set one OMA-URI node (either form) to different values: Intune applies neither reliably. */
import { defineRule, deviceOutcome, listText } from "../define-rule.ts";
import { GUIDE, LINKS, READS } from "../support.ts";

export default defineRule({
  id: "mdm-targeting/no-conflicting-settings",
  meta: {
    title: "No two profiles fight over one setting on a device",
    concern: "mdm-targeting",
    severity: "high",
    criticality: "shall",
    version: 1,
    stage: "preview",
    guide: GUIDE.targeting,
    rationale: "When two profiles set one node to different values, Intune reports a conflict and the device keeps whichever value arrived last, so a later sync can turn USB, the kiosk or app control back off without anyone changing the program.",
    remediation: "Remove the setting from one of the profiles, or stop assigning the other profile to the HoloLens device group; the blueprint's value (its key in `devices`) is the one to keep.",
    blueprintKey: "devices",
    references: [LINKS.guide],
    evidence: [READS.deviceConfigurations, READS.managedDevices],
    messages: {
      pass: "{device}: no setting is set by two profiles with different values",
      conflict: "{device}: {settings}",
    },
  },
  check(ctx) {
    return ctx.posture.devices.map((d) => {
      const conflicts = d.config.conflicts;
      if (conflicts.length === 0) return deviceOutcome(ctx, d, "pass", "pass");
      const settings = conflicts.map((c) => `${c.omaUri} is set by ${listText(c.sources.map((s) => `${s.profileName} (${JSON.stringify(s.value)})`))}`);
      return deviceOutcome(ctx, d, "fail", "conflict", { settings: settings.join("; ") }, { conflicts: conflicts.map((c) => ({ omaUri: c.omaUri, sources: c.sources })) });
    });
  },
});
