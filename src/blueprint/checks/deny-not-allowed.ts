/** HF2016: an app app control must never deny (e.g. Remote Assist, windows-defender-application-control-wdac.md). */
import { findApp } from "../../catalog/index.ts";
import { defineCheck, finding } from "./finding.ts";

export const denyNotAllowed = defineCheck(["devices.kiosk", "devices.appControl"], ["HF2016"], (bp, src) =>
  bp.devices.appControl.blockApps.flatMap((id, i) => {
    const app = findApp(id);
    // The calling app has its own, more specific finding (HF2002).
    if (!app || app.denyAllowed || id === bp.devices.kiosk.callingApp) return [];
    return [
      finding(src, ["devices", "appControl", "blockApps", i], "HF2016", "error", {
        message: `\`${id}\` (${app.displayName}) must not be denied by app control`,
        why: "Microsoft's HoloLens WDAC guidance marks this package as never to deny; clients rely on it to reach your experts.",
        fix: `Remove \`${id}\` from devices.appControl.blockApps.`,
      }),
    ];
  }),
);
