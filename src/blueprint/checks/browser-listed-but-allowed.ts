/** HF2026 (warning): `blockBrowser: false` contradicts a browser listed in blockApps; say which one wins. */
import { findApp } from "../../catalog/index.ts";
import { defineCheck, finding } from "./finding.ts";

export const browserListedButAllowed = defineCheck(["devices.appControl"], ["HF2026"], (bp, src) => {
  const { appControl } = bp.devices;
  if (appControl.blockBrowser) return [];
  return appControl.blockApps.flatMap((id, i) =>
    findApp(id)?.browser
      ? [
          finding(src, ["devices", "appControl", "blockApps", i], "HF2026", "warning", {
            message: `blockBrowser is false but blockApps lists the browser \`${id}\`; the browser will be blocked`,
            why: "Every app in blockApps gets a deny rule, so the listed browser stays blocked and blockBrowser: false only leaves the other browser open.",
            fix: `To block the browsers, set blockBrowser: true (the default); to allow them, remove \`${id}\` from blockApps.`,
          }),
        ]
      : [],
  );
});
