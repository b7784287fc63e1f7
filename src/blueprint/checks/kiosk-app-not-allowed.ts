/** HF2015: an app that cannot be a kiosk app (e.g. Mixed Reality Home; hololens-kiosk-reference.md). */
import { findApp } from "../../catalog/index.ts";
import { finding, type BlueprintCheck } from "./finding.ts";

export const kioskAppNotAllowed: BlueprintCheck = (bp, src) =>
  bp.devices.kiosk.apps.flatMap((id, i) => {
    const app = findApp(id);
    if (!app || app.kioskAllowed) return [];
    return [
      finding(src, ["devices", "kiosk", "apps", i], "HF2015", "error", {
        message: `\`${id}\` (${app.displayName}) cannot be used as a kiosk app`,
        fix: `Remove \`${id}\` from devices.kiosk.apps.`,
      }),
    ];
  });
