/** HF2026: `blockBrowser: false` contradicts a browser listed in blockApps; say which one wins. */
import { findApp } from "../../catalog/index.ts";
import { finding, type BlueprintCheck } from "./finding.ts";

export const browserListedButAllowed: BlueprintCheck = (bp, src) => {
  const { appControl } = bp.devices;
  if (appControl.blockBrowser) return [];
  return appControl.blockApps.flatMap((id, i) =>
    findApp(id)?.browser
      ? [
          finding(src, ["devices", "appControl", "blockApps", i], "HF2026", "warning", {
            message: `blockBrowser is false but blockApps lists the browser \`${id}\`; the browser will be blocked`,
            fix: "Set blockBrowser: true (the default) or remove the browser from blockApps.",
          }),
        ]
      : [],
  );
};
