/**
 * Guide §CC hidden or restricted apps and §CC company resources ("block apps such as email"): every app the
 * program blocks (`devices.appControl.blockApps`) is denied by an enforced WDAC policy on each device.
 */
import { appName } from "../../effective/device-config.ts";
import { defineRule, deviceOutcome, listText } from "../define-rule.ts";
import { GUIDE, LINKS, READS } from "../support.ts";

export default defineRule({
  id: "restricted-apps/require-blocked-apps",
  meta: {
    title: "The apps the program blocks are blocked on every device",
    concern: "restricted-apps",
    severity: "high",
    criticality: "shall",
    version: 1,
    stage: "preview",
    guide: GUIDE.restrictedApps,
    rationale: "The kiosk only hides apps; an app app control does not deny can still be started (from a notification, a link, a file). Mail, the Store and OneDrive reach company resources or install what no one reviewed.",
    remediation: "Keep the apps in `devices.appControl.blockApps` and the app-control profile assigned to the device group; a policy that does not decode must be replaced with holofleet's compiled one.",
    blueprintKey: "devices.appControl.blockApps",
    references: [LINKS.wdac],
    evidence: [READS.deviceConfigurations],
    messages: {
      pass: "{device}: {count} listed app(s) blocked",
      open: "{device}: not blocked: {apps}",
      unknown: "{device}: {apps} not blocked by any readable policy, and a policy cannot be read",
      off: "{device}: the blueprint blocks no app",
    },
  },
  check(ctx) {
    const wanted = ctx.bp.devices.appControl.enabled ? ctx.bp.devices.appControl.blockApps.filter((id) => !ctx.bp.devices.appControl.blockBrowser || !["edge", "edge-legacy"].includes(id)) : [];
    return ctx.posture.devices.map((d) => {
      if (wanted.length === 0) return deviceOutcome(ctx, d, "not_applicable", "off");
      const open = wanted.filter((id) => !d.config.appControl.blocked.has(id));
      if (open.length === 0) return deviceOutcome(ctx, d, "pass", "pass", { count: wanted.length });
      const apps = listText(open.map(appName));
      return deviceOutcome(ctx, d, d.config.appControl.hasOpaque ? "manual" : "fail", d.config.appControl.hasOpaque ? "unknown" : "open", { apps }, { open, expected: wanted });
    });
  },
});
