/**
 * Guide §CC chat history (and the note under §CC isolation): with single sign-on, a client who opens a
 * browser can use Teams on the web and read your call and chat history, so every browser must be blocked by
 * app control on every device a client account uses. The same judgment as HF2003 (`guide/browsers.ts`).
 */
import { openBrowsers } from "../../../guide/browsers.ts";
import { appName } from "../../effective/device-config.ts";
import { defineRule, deviceOutcome, listText } from "../define-rule.ts";
import { GUIDE, LINKS, READS } from "../support.ts";

export default defineRule({
  id: "chat-history/no-browser-with-sso",
  meta: {
    title: "No browser can start while clients sign in with single sign-on",
    concern: "chat-history",
    severity: "high",
    criticality: "shall",
    version: 1,
    stage: "preview",
    guide: GUIDE.chatHistory,
    rationale: "Remote Assist clears its chat after each call, but Teams keeps it: through a browser and Teams on the web, a client signed in with single sign-on reads your organisation's call and chat history.",
    remediation: "Keep `devices.appControl.blockBrowser: true` (the default) with app control assigned to every device, or accept the risk with `acknowledge: [browser-allowed]`.",
    blueprintKey: "devices.appControl.blockBrowser",
    acknowledgement: "browser-allowed",
    references: [LINKS.guide, LINKS.wdac],
    evidence: [READS.deviceConfigurations, READS.managedDevices],
    messages: {
      pass: "{device}: every browser is blocked",
      open: "{device}: {browsers} can start, and client accounts sign in with single sign-on",
      accepted: "{device}: {browsers} can start, accepted in the blueprint (acknowledge: browser-allowed)",
      unknown: "{device}: {browsers} not blocked by any readable policy, and a policy cannot be read",
    },
  },
  check(ctx) {
    return ctx.posture.devices.map((d) => {
      const open = openBrowsers(d.config.appControl.blocked);
      if (open.length === 0) return deviceOutcome(ctx, d, "pass", "pass");
      const browsers = listText(open.map(appName));
      if (ctx.acknowledged("browser-allowed")) return deviceOutcome(ctx, d, "pass", "accepted", { browsers }, { open, acknowledged: "browser-allowed" });
      if (d.config.appControl.hasOpaque) return deviceOutcome(ctx, d, "manual", "unknown", { browsers }, { open });
      return deviceOutcome(ctx, d, "fail", "open", { browsers }, { open });
    });
  },
});
