/** HF2001: a kiosk app that app control denies — it shows in the kiosk but never starts (guide §CC-apps). */
import { blockedKioskApps } from "../../guide/kiosk-apps.ts";
import { blockedApps, defineCheck, finding } from "./finding.ts";

export const kioskAppBlocked = defineCheck(["devices.kiosk", "devices.appControl"], ["HF2001"], (bp, src) => {
  const { kiosk } = bp.devices;
  if (!kiosk.enabled) return [];
  // The calling app has its own, more specific finding (HF2002).
  return blockedKioskApps(kiosk.apps, blockedApps(bp), kiosk.callingApp).map(({ app, index }) =>
    finding(src, ["devices", "kiosk", "apps", index], "HF2001", "error", {
      message: `kiosk app \`${app}\` is also in devices.appControl.blockApps`,
      why: "App control blocks the launch without telling the user, so the kiosk shows an app that never opens.",
      fix: `Remove \`${app}\` from the kiosk apps or from appControl.blockApps.`,
    }),
  );
});
