/** HF2025: the kiosk does not list the calling app, so clients have no way to call an expert. */
import { findApp } from "../../catalog/index.ts";
import { suggest } from "../suggest.ts";
import { defineCheck, finding } from "./finding.ts";

export const callingAppNotInKiosk = defineCheck(["devices.kiosk"], ["HF2025"], (bp, src) => {
  const { kiosk } = bp.devices;
  if (!kiosk.enabled || kiosk.apps.includes(kiosk.callingApp)) return [];
  // A misspelt calling app (`Remote Assist`) is reported once, by unknown-app (HF2011), with the right id.
  if (kiosk.apps.some((id) => !findApp(id) && suggest(id, [kiosk.callingApp]).length > 0)) return [];
  return [
    finding(src, ["devices", "kiosk", "apps"], "HF2025", "error", {
      message: `devices.kiosk.apps (${kiosk.apps.join(", ")}) does not include the calling app \`${kiosk.callingApp}\``,
      why: "With global assigned access, clients can only start the kiosk apps (guide §GR-5), so they could not call an expert.",
      fix: `Add \`${kiosk.callingApp}\` to devices.kiosk.apps, or set devices.kiosk.callingApp to the app the kiosk lists.`,
    }),
  ];
});
