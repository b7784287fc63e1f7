/**
 * Guide §GR-11: the common device restrictions the blueprint sets (MDM unenrollment, Microsoft accounts,
 * Bluetooth, VPN, Wi-Fi, date and time, storage cards, …) are in force on each device. The expected values
 * are exactly what the compiler writes for the blueprint (`restrictionSettings`), so the two cannot drift.
 */
import { restrictionSettings } from "../../../compile/oma-settings/restrictions.ts";
import { defineRule, deviceOutcome } from "../define-rule.ts";
import { GUIDE, LINKS, READS, valueText } from "../support.ts";

export default defineRule({
  id: "device-restrictions/require-restrictions",
  meta: {
    title: "The program's device restrictions are in force",
    concern: "device-restrictions",
    severity: "medium",
    criticality: "should",
    version: 1,
    stage: "preview",
    guide: GUIDE.restrictions,
    rationale: "Each restriction closes one way for a client to change the device: unenrolling it from Intune, adding a personal account, changing the clock to dodge expiry. One that is not in force is an open door the report would otherwise hide.",
    remediation: "Apply the blueprint's `devices.restrictions` (the restrictions profile) and remove other profiles that set the same policies differently.",
    blueprintKey: "devices.restrictions",
    references: [LINKS.restrictions],
    evidence: [READS.deviceConfigurations],
    messages: {
      pass: "{device}: all {count} restrictions as the program sets them",
      differs: "{device}: {problems}",
    },
  },
  check(ctx) {
    const expected = restrictionSettings(ctx.bp.devices);
    return ctx.posture.devices.map((d) => {
      const problems = expected.flatMap(({ setting, path }) => {
        const v = d.config.value(setting.omaUri);
        if (v.state === "set" && String(v.value) === String(setting.value)) return [];
        const name = setting.omaUri.split("/").slice(-2).join("/");
        return [{ text: `${name} is ${valueText(v)}, the program sets ${JSON.stringify(setting.value)} (${path.join(".")})`, omaUri: setting.omaUri }];
      });
      if (problems.length === 0) return deviceOutcome(ctx, d, "pass", "pass", { count: expected.length });
      return deviceOutcome(ctx, d, "fail", "differs", { problems: problems.map((p) => p.text).join("; ") }, { differing: problems.map((p) => p.omaUri) });
    });
  },
});
