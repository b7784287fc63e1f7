/** HF2014: the auto-launch app must be one of the kiosk apps (AssignedAccess `rs5:AutoLaunch` on an allowed app). */
import { findApp } from "../../catalog/index.ts";
import { defineCheck, finding } from "./finding.ts";

export const autoLaunchNotInKiosk = defineCheck(["devices.kiosk"], ["HF2014"], (bp, src) => {
  const { kiosk } = bp.devices;
  if (!kiosk.enabled || kiosk.autoLaunch === null || kiosk.apps.includes(kiosk.autoLaunch)) return [];
  // An unknown id is reported once, by unknown-app (HF2011), at the same key; a calling app missing from
  // the kiosk once, by calling-app-not-in-kiosk (HF2025), whose fix settles this too.
  if (!findApp(kiosk.autoLaunch) || kiosk.autoLaunch === kiosk.callingApp) return [];
  return [
    finding(src, ["devices", "kiosk", "autoLaunch"], "HF2014", "error", {
      message: `devices.kiosk.autoLaunch \`${kiosk.autoLaunch}\` is not one of the kiosk apps (${kiosk.apps.join(", ")})`,
      why: "AssignedAccess marks the auto-launch app with rs5:AutoLaunch on an entry of the allowed apps list, so it must be one of them.",
      fix: `Add \`${kiosk.autoLaunch}\` to devices.kiosk.apps, set autoLaunch to one of ${kiosk.apps.join(", ")}, or set it to null.`,
    }),
  ];
});
