/**
 * Guide §GR-3 via `hololens2-autopilot.md` step 7: an Enrollment Status Page configuration assigned to the
 * device group, so a device shows setup progress and is not handed over half configured. The compiler does
 * not emit an ESP yet (issue 7); until it does, this rule checks that one is assigned, not its settings.
 */
import { defineRule, deviceOutcome } from "../define-rule.ts";
import { GUIDE, LINKS, READS } from "../support.ts";

export default defineRule({
  id: "autopilot/require-enrollment-status-page",
  meta: {
    title: "An Enrollment Status Page is assigned to the devices",
    concern: "autopilot",
    severity: "low",
    criticality: "should",
    version: 1,
    stage: "preview",
    guide: GUIDE.autopilot,
    rationale: "Without an ESP assigned to the device group, only Intune's default applies: setup can finish before the kiosk, tenant lock and app control arrive, and the client may use the device in between.",
    remediation: "Create an Enrollment Status Page configuration as the HoloLens Autopilot guide shows and assign it to the device group (`devices.autopilot`).",
    blueprintKey: "devices.autopilot",
    references: [LINKS.autopilot],
    evidence: [READS.deviceEnrollmentConfigurations],
    messages: {
      pass: "{device}: Enrollment Status Page {esp} applies",
      onlyDefault: "{device}: only the default Enrollment Status Page applies",
      none: "{device}: no Enrollment Status Page applies",
      off: "{device}: Autopilot is off in the blueprint",
    },
  },
  check(ctx) {
    return ctx.posture.devices.map((d) => {
      if (!ctx.bp.devices.autopilot.enabled) return deviceOutcome(ctx, d, "not_applicable", "off");
      if (!d.esp) return deviceOutcome(ctx, d, "fail", "none");
      const isDefault = (d.esp.deviceEnrollmentConfigurationType ?? "").toLowerCase().startsWith("default");
      // A default ESP is what every tenant has; the guide asks for one assigned to the device group.
      return isDefault ? deviceOutcome(ctx, d, "fail", "onlyDefault", {}, { esp: d.esp.displayName }) : deviceOutcome(ctx, d, "pass", "pass", { esp: d.esp.displayName ?? d.esp.id });
    });
  },
});
