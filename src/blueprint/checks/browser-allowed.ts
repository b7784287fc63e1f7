/**
 * HF2003: the browser stays available while client accounts sign in with single sign-on. The guide
 * (§CC-isolation note, §CC-chat-history): a client who opens the browser can use Teams on the web and
 * read the organisation's call and chat history. Accept on purpose with `acknowledge: [browser-allowed]`.
 */
import { openBrowsers } from "../../guide/browsers.ts";
import { blockedApps, defineCheck, finding } from "./finding.ts";

export const browserAllowed = defineCheck(["devices.appControl", "clients"], ["HF2003"], (bp, src) => {
  const accounts = bp.clients.reduce((n, c) => n + c.accounts.length, 0);
  if (accounts === 0) return [];
  const { appControl } = bp.devices;
  const open = openBrowsers(blockedApps(bp));
  if (open.length === 0) return [];
  const [path, fix] = !appControl.enabled
    ? [["devices", "appControl", "enabled"], "Set devices.appControl.enabled: true (the default)"]
    : !appControl.blockBrowser
      ? [["devices", "appControl", "blockBrowser"], "Set devices.appControl.blockBrowser: true (the default)"]
      : [["devices", "appControl", "blockApps"], `Add ${open.join(", ")} to devices.appControl.blockApps`];
  return [
    finding(src, path, "HF2003", "error", {
      message: `the browser (${open.join(", ")}) is not blocked while ${accounts} client account(s) sign in with single sign-on`,
      why: "A client who opens the browser can use Teams on the web and see your call and chat history (guide: ensure clients won't have access to chat history).",
      fix: `${fix}, or accept the risk with \`acknowledge: [browser-allowed]\`.`,
    }),
  ];
});
