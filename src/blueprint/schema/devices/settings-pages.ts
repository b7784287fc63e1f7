/**
 * `devices.settingsPages`: Settings/PageVisibilityList (guide §GR-9: all pages hidden except network).
 * The default page list depends on the OS baseline, so it is filled in by the blueprint's normalization
 * (`defaultSettingsPages`), never by the schema: a default must never name a page the baseline lacks.
 */
import { z } from "zod";
import { compareBuilds, settingsPages } from "../../../catalog/index.ts";
import { catalogId, documented, uniqueList } from "../common.ts";

/**
 * hololens-facts §11 suggested value for "all pages except network settings", in its order; network
 * pages the catalog has beyond these (`network-proxy`, before 21H1) follow in id order.
 */
const SUGGESTED_ORDER = [
  "network-wifi",
  "network-wifisettings",
  "network-status",
  "wifi-provisioning",
  "network-vpn",
  "network-airplanemode",
];

/** Whether a page exists at `build`: from its minimum build (e.g. 21H1 pages) until it is deprecated. */
export function settingsPageExistsAt(page: { minBuild: string | null; deprecatedFromBuild: string | null }, build: string): boolean {
  if (page.minBuild !== null && compareBuilds(build, page.minBuild) < 0) return false;
  return page.deprecatedFromBuild === null || compareBuilds(build, page.deprecatedFromBuild) < 0;
}

/**
 * The default `showonly` list at an OS build: every catalog network page that exists at that build.
 * At 20H2 that is the Wi‑Fi and VPN pages plus `network-proxy` (deprecated from 21H1) and without
 * `network-airplanemode` (21H1+), as hololens-facts §11 advises.
 */
export function defaultSettingsPages(build: string): string[] {
  const rank = (id: string) => {
    const i = SUGGESTED_ORDER.indexOf(id);
    return i < 0 ? SUGGESTED_ORDER.length : i;
  };
  return settingsPages
    .filter((page) => page.network && settingsPageExistsAt(page, build))
    .map((page) => page.id)
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

export const settingsPagesSchema = documented(
  z.strictObject({
    mode: documented(z.enum(["showonly", "hide"]).default("showonly"), {
      description: "`showonly`: only the listed pages are visible; `hide`: the listed pages are hidden.",
      guide: "§GR-9",
    }),
    // Whether the catalog has a page id (some have capitals, e.g. privacy-graphicsCaptureProgrammatic) is a
    // semantic check, which suggests the id for a URI or a page name.
    pages: documented(uniqueList(catalogId).optional(), {
      description:
        "Page ids (`ms-settings:` URI without the prefix). Default: every network page that exists at devices.osBaseline — network-wifi, network-wifisettings, network-status, wifi-provisioning, network-vpn, plus network-airplanemode from 21H1, or network-proxy before 21H1.",
      guide: "§GR-9",
    }),
  }),
  { description: "Which Settings pages clients see.", guide: "§GR-9" },
);
