/**
 * The calling app (Remote Assist or Guides) is the one app the program exists for: it must be in the kiosk
 * and no app control policy may block it (guide §GR-5, §GR-7; the blueprint's HF2002 and HF2025).
 */
import { appName } from "../../effective/device-config.ts";
import { defineRule, deviceOutcome } from "../define-rule.ts";
import { GUIDE, LINKS, READS } from "../support.ts";

export default defineRule({
  id: "kiosk/require-calling-app",
  meta: {
    title: "The calling app is in the kiosk and not blocked",
    concern: "kiosk",
    severity: "high",
    criticality: "shall",
    version: 1,
    stage: "preview",
    guide: GUIDE.kiosk,
    rationale: "Clients use the device to call your experts; a kiosk without the calling app, or app control that blocks it, leaves them with a device that cannot do its job.",
    remediation: "Keep the calling app (`devices.kiosk.callingApp`) in `devices.kiosk.apps` and out of `devices.appControl.blockApps`, and remove any other WDAC policy that denies it.",
    blueprintKey: "devices.kiosk.callingApp",
    references: [LINKS.kiosk, LINKS.wdac],
    evidence: [READS.deviceConfigurations],
    messages: {
      pass: "{device}: {app} is in the kiosk and not blocked",
      missing: "{device}: {app} is not in the kiosk",
      blocked: "{device}: app control blocks {app}",
      unknownBlock: "{device}: {app} is in the kiosk, but a WDAC policy cannot be read, so whether it blocks the app is unknown",
      noKiosk: "{device}: no readable global kiosk; see kiosk/require-global-kiosk",
    },
  },
  check(ctx) {
    const calling = ctx.bp.devices.kiosk.callingApp;
    const app = appName(calling);
    return ctx.posture.devices.map((d) => {
      const blocked = d.config.appControl.blocked.has(calling);
      if (blocked) return deviceOutcome(ctx, d, "fail", "blocked", { app }, { policies: d.config.appControl.policies.map((p) => p.policyId) });
      const k = d.config.kiosk;
      if (k.state !== "set" || k.globalApps === null) return deviceOutcome(ctx, d, ctx.bp.devices.kiosk.enabled ? "fail" : "not_applicable", "noKiosk", { app });
      if (!k.globalApps.some((a) => a.appId === calling)) return deviceOutcome(ctx, d, "fail", "missing", { app }, { kioskApps: k.globalApps.map((a) => a.appId ?? a.aumid) });
      if (d.config.appControl.hasOpaque) return deviceOutcome(ctx, d, "manual", "unknownBlock", { app });
      return deviceOutcome(ctx, d, "pass", "pass", { app });
    });
  },
});
