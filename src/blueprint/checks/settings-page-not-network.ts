/**
 * HF2007 (warning): the guide (§GR-9) disables every settings page except the network pages. Warns for a
 * non-network page in a `showonly` list, and for `hide` mode, which leaves unlisted pages visible.
 */
import { findSettingsPage } from "../../catalog/index.ts";
import { defineCheck, finding } from "./finding.ts";

export const settingsPageNotNetwork = defineCheck(["devices.settingsPages"], ["HF2007"], (bp, src) => {
  const { mode, pages } = bp.devices.settingsPages;
  if (mode === "hide") {
    return [
      finding(src, ["devices", "settingsPages", "mode"], "HF2007", "warning", {
        message: "settingsPages.mode is hide: every page not listed stays visible",
        why: "The guide disables all settings pages except the network settings (§GR-9).",
        fix: "Use mode showonly (the default) with network pages, or acknowledge non-network-settings-page.",
      }),
    ];
  }
  return pages.flatMap((id, i) => {
    const page = findSettingsPage(id);
    if (!page || page.network) return [];
    return [
      finding(src, ["devices", "settingsPages", "pages", i], "HF2007", "warning", {
        message: `settings page \`${id}\` (${page.group} > ${page.displayName}) is not a network page`,
        why: "The guide disables all settings pages except the network settings clients need for guest networks (§GR-9).",
        fix: `Remove \`${id}\` or acknowledge non-network-settings-page.`,
      }),
    ];
  });
});
