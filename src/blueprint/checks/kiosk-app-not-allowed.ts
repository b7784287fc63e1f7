/** HF2015: an app that cannot be a kiosk app (e.g. Mixed Reality Home; hololens-kiosk-reference.md). */
import { apps, findApp } from "../../catalog/index.ts";
import { defineCheck, finding } from "./finding.ts";

export const kioskAppNotAllowed = defineCheck(["devices.kiosk"], ["HF2015"], (bp, src) =>
  bp.devices.kiosk.apps.flatMap((id, i) => {
    const app = findApp(id);
    if (!app || app.kioskAllowed) return [];
    return [
      finding(src, ["devices", "kiosk", "apps", i], "HF2015", "error", {
        message: `\`${id}\` (${app.displayName}) cannot be used as a kiosk app`,
        why: app.aumid
          ? "Microsoft's HoloLens kiosk reference says this app cannot be a kiosk app."
          : "AssignedAccess lists kiosk apps by AppUserModelId, and Microsoft's HoloLens kiosk reference gives none for this app.",
        fix: `Remove \`${id}\` from devices.kiosk.apps; kiosk apps are ${apps
          .filter((a) => a.kioskAllowed)
          .map((a) => a.id)
          .join(", ")}.`,
      }),
    ];
  }),
);
