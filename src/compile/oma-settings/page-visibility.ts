/**
 * Guide §GR-9: show only the network pages of Settings so clients can join guest Wi-Fi at their site.
 * `Settings/PageVisibilityList` (chr): `showonly:` or `hide:` followed by `;`-separated page ids, each
 * the `ms-settings:` URI without its scheme (`policy-csp-settings.md`, hololens-facts §11).
 */
import type { DevicesSection } from "../../blueprint/types.ts";
import { omaString, POLICY_CONFIG, type SourcedOmaSetting } from "./oma-setting.ts";

export const PAGE_VISIBILITY_URI = `${POLICY_CONFIG}/Settings/PageVisibilityList`;

/** The policy value; pages are de-duplicated and sorted because their order means nothing to Settings. */
export function pageVisibilityValue(mode: "showonly" | "hide", pages: readonly string[]): string {
  return `${mode}:${[...new Set(pages)].sort().join(";")}`;
}

export function pageVisibilitySettings(devices: DevicesSection): SourcedOmaSetting[] {
  const { mode, pages } = devices.settingsPages;
  // `hide:` with nothing to hide is a no-op, and Settings rejects an empty list; leave it unmanaged.
  if (pages.length === 0 && mode === "hide") return [];
  return [
    {
      path: ["devices", "settingsPages"],
      setting: omaString(
        "Settings pages",
        mode === "showonly"
          ? "Only these Settings pages are visible; by default the network pages clients need for guest Wi-Fi (guide §GR-9)."
          : "These Settings pages are hidden.",
        PAGE_VISIBILITY_URI,
        pageVisibilityValue(mode, pages),
      ),
    },
  ];
}
