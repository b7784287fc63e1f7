/** HF2011: an app id that is not in the catalog (kiosk apps, auto-launch, blockApps), with suggestions. */
import { apps, findApp } from "../../catalog/index.ts";
import { didYouMean } from "../suggest.ts";
import { finding, type BlueprintCheck } from "./finding.ts";

export const unknownApp: BlueprintCheck = (bp, src) => {
  const { kiosk, appControl } = bp.devices;
  const known = apps.map((a) => a.id);
  const refs: { id: string; path: (string | number)[] }[] = [
    ...kiosk.apps.map((id, i) => ({ id, path: ["devices", "kiosk", "apps", i] })),
    ...(kiosk.autoLaunch ? [{ id: kiosk.autoLaunch, path: ["devices", "kiosk", "autoLaunch"] }] : []),
    ...appControl.blockApps.map((id, i) => ({ id, path: ["devices", "appControl", "blockApps", i] })),
  ];
  return refs
    .filter((ref) => !findApp(ref.id))
    .map((ref) =>
      finding(src, ref.path, "HF2011", "error", {
        message: `unknown app \`${ref.id}\`.${didYouMean(ref.id, known)}`,
        fix: `Known apps: ${known.join(", ")}.`,
      }),
    );
};
