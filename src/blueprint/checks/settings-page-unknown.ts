/** HF2008: a settings page id that is not a HoloLens 2 Settings URI (settings-uri-list.md). */
import { findSettingsPage, settingsPages } from "../../catalog/index.ts";
import { didYouMean } from "../suggest.ts";
import { defineCheck, finding } from "./finding.ts";

/** Page ids, reachable also by their URI and their names ("ms-settings:network-vpn", "Airplane Mode"). */
const candidates = settingsPages.map((p) => ({ name: p.id, aliases: [`ms-settings:${p.id}`, p.displayName] }));

export const settingsPageUnknown = defineCheck(["devices.settingsPages"], ["HF2008"], (bp, src) =>
  bp.devices.settingsPages.pages.flatMap((page, i) =>
    findSettingsPage(page)
      ? []
      : [
          finding(src, ["devices", "settingsPages", "pages", i], "HF2008", "error", {
            message: `unknown settings page \`${page}\`.${didYouMean(page, candidates)}`,
            why: "HoloLens ignores page ids it does not know, so the page list would not do what it says.",
            fix: `Use an ms-settings: id without the prefix; network pages: ${settingsPages
              .filter((p) => p.network)
              .map((p) => p.id)
              .join(", ")}.`,
          }),
        ],
  ),
);
