/** HF2011: an app id that is not in the catalog (kiosk apps, auto-launch, blockApps), with suggestions. */
import { apps, findApp } from "../../catalog/index.ts";
import { didYouMean } from "../suggest.ts";
import { defineCheck, finding } from "./finding.ts";

/** App ids, reachable also by their display names ("Microsoft Store" → `store`). */
const candidates = apps.map((a) => ({ name: a.id, aliases: [a.displayName] }));

export const unknownApp = defineCheck(["devices.kiosk", "devices.appControl"], ["HF2011"], (bp, src) => {
  const { kiosk, appControl } = bp.devices;
  const refs: { id: string; path: (string | number)[] }[] = [
    ...kiosk.apps.map((id, i) => ({ id, path: ["devices", "kiosk", "apps", i] })),
    ...(kiosk.autoLaunch ? [{ id: kiosk.autoLaunch, path: ["devices", "kiosk", "autoLaunch"] }] : []),
    ...appControl.blockApps.map((id, i) => ({ id, path: ["devices", "appControl", "blockApps", i] })),
  ];
  return refs
    .filter((ref) => !findApp(ref.id))
    .map((ref) =>
      finding(src, ref.path, "HF2011", "error", {
        message: `unknown app \`${ref.id}\`.${didYouMean(ref.id, candidates)}`,
        why: "holofleet needs the app's AppUserModelId (kiosk) and package family name (app control) from its catalog of HoloLens 2 apps.",
        fix: `Use a catalog app id: ${apps.map((a) => a.id).join(", ")}.`,
      }),
    );
});
