/** HF2014: the auto-launch app must be one of the kiosk apps (AssignedAccess `rs5:AutoLaunch` on an allowed app). */
import { finding, type BlueprintCheck } from "./finding.ts";

export const autoLaunchNotInKiosk: BlueprintCheck = (bp, src) => {
  const { kiosk } = bp.devices;
  if (!kiosk.enabled || kiosk.autoLaunch === null || kiosk.apps.includes(kiosk.autoLaunch)) return [];
  return [
    finding(src, ["devices", "kiosk", "autoLaunch"], "HF2014", "error", {
      message: `devices.kiosk.autoLaunch \`${kiosk.autoLaunch}\` is not one of the kiosk apps (${kiosk.apps.join(", ")})`,
      why: "Only an allowed kiosk app can be launched at sign-in.",
      fix: `Add \`${kiosk.autoLaunch}\` to devices.kiosk.apps or choose one of the kiosk apps.`,
    }),
  ];
};
