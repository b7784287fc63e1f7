/** Guide §GR-5: a global assigned access kiosk reaches every device, so every user who signs in gets the kiosk. */
import { defineRule, deviceOutcome, listText } from "../define-rule.ts";
import { GUIDE, LINKS, READS } from "../support.ts";

export default defineRule({
  id: "kiosk/require-global-kiosk",
  meta: {
    title: "A global kiosk applies to every device",
    concern: "kiosk",
    severity: "high",
    criticality: "shall",
    version: 1,
    stage: "preview",
    guide: GUIDE.kiosk,
    rationale: "The kiosk is the first layer that hides apps from clients; without a global profile, a user who is not named in the configuration gets the full HoloLens shell.",
    remediation: "Keep `devices.kiosk.enabled: true` and assign the kiosk profile to the device group; fix the AssignedAccess XML if the device rejects it.",
    blueprintKey: "devices.kiosk",
    references: [LINKS.kiosk],
    evidence: [READS.deviceConfigurations],
    messages: {
      pass: "{device}: global kiosk with {count} app(s) from {profiles}",
      none: "{device}: no kiosk configuration reaches it",
      notGlobal: "{device}: the kiosk from {profiles} has no global profile; users it does not name get the full shell",
      invalid: "{device}: the kiosk XML from {profiles} cannot be read: {error}",
      unreadable: "{device}: the kiosk from {profiles} is {state}",
      off: "{device}: the blueprint has no kiosk",
    },
  },
  check(ctx) {
    return ctx.posture.devices.map((d) => {
      if (!ctx.bp.devices.kiosk.enabled) return deviceOutcome(ctx, d, "not_applicable", "off");
      const k = d.config.kiosk;
      if (k.state === "unset") return deviceOutcome(ctx, d, "fail", "none");
      const profiles = listText(k.profileNames);
      if (k.state === "invalid") return deviceOutcome(ctx, d, "fail", "invalid", { profiles, error: k.error });
      if (k.state === "conflict") return deviceOutcome(ctx, d, "fail", "unreadable", { profiles, state: "set twice with different XML" });
      if (k.state !== "set") return deviceOutcome(ctx, d, "manual", "unreadable", { profiles, state: "masked by Graph" });
      if (k.globalApps === null) return deviceOutcome(ctx, d, "fail", "notGlobal", { profiles });
      return deviceOutcome(ctx, d, "pass", "pass", { profiles, count: k.globalApps.length }, { apps: k.globalApps });
    });
  },
});
