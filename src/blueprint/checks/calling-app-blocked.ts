/** HF2002: the calling app (Remote Assist or Guides) denied by app control — clients could not call anyone. */
import { blockedApps, defineCheck, finding } from "./finding.ts";

export const callingAppBlocked = defineCheck(["devices.kiosk", "devices.appControl"], ["HF2002"], (bp, src) => {
  const { appControl, kiosk } = bp.devices;
  if (!blockedApps(bp).has(kiosk.callingApp)) return [];
  const i = appControl.blockApps.indexOf(kiosk.callingApp);
  return [
    finding(src, ["devices", "appControl", "blockApps", i], "HF2002", "error", {
      message: `the calling app \`${kiosk.callingApp}\` (devices.kiosk.callingApp) is blocked by app control`,
      why: "Clients reach experts only through the calling app (guide: external clients use Remote Assist to contact your experts), and WDAC blocks its launch without telling the user.",
      fix: `Remove \`${kiosk.callingApp}\` from devices.appControl.blockApps.`,
    }),
  ];
});
