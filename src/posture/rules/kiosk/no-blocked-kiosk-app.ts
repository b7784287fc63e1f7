/**
 * Guide §CC hidden or restricted apps: the kiosk hides, app control blocks. A kiosk app that app control
 * blocks is a tile that never opens — the same judgment as the blueprint's HF2001 (`guide/kiosk-apps.ts`),
 * asked of the device's real kiosk and the policies that really reach it.
 */
import { blockedKioskApps } from "../../../guide/kiosk-apps.ts";
import { appName } from "../../effective/device-config.ts";
import { defineRule, deviceOutcome, listText } from "../define-rule.ts";
import { GUIDE, LINKS, READS } from "../support.ts";

export default defineRule({
  id: "kiosk/no-blocked-kiosk-app",
  meta: {
    title: "No kiosk app is blocked by app control",
    concern: "kiosk",
    severity: "medium",
    criticality: "shall",
    version: 1,
    stage: "preview",
    guide: GUIDE.restrictedApps,
    rationale: "App control blocks the launch without telling the user, so a blocked kiosk app is a tile that never opens — usually a sign that the kiosk and the deny list drifted apart.",
    remediation: "Remove the app from `devices.kiosk.apps` or from `devices.appControl.blockApps` (and from any other WDAC policy that reaches the device).",
    blueprintKey: "devices.kiosk.apps",
    references: [LINKS.kiosk, LINKS.wdac],
    evidence: [READS.deviceConfigurations],
    messages: {
      pass: "{device}: every kiosk app can start",
      blocked: "{device}: kiosk app(s) {apps} are blocked by app control",
      noKiosk: "{device}: no readable global kiosk",
    },
  },
  check(ctx) {
    return ctx.posture.devices.map((d) => {
      const k = d.config.kiosk;
      if (k.state !== "set" || k.globalApps === null) return deviceOutcome(ctx, d, "not_applicable", "noKiosk");
      const ids = k.globalApps.flatMap((a) => (a.appId ? [a.appId] : []));
      const blocked = blockedKioskApps(ids, d.config.appControl.blocked, ctx.bp.devices.kiosk.callingApp);
      if (blocked.length === 0) return deviceOutcome(ctx, d, "pass", "pass");
      return deviceOutcome(ctx, d, "fail", "blocked", { apps: listText(blocked.map((b) => appName(b.app))) }, { blocked: blocked.map((b) => b.app) });
    });
  },
});
