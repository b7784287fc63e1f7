/**
 * Checks the page ids of `Settings/PageVisibilityList` against the catalog's HoloLens Settings URIs
 * (`settings-uri-list.md`): an unknown id is an error (Settings ignores it, so the page the admin meant
 * stays hidden or visible); a page newer than the baseline or deprecated by it (e.g. `network-proxy`
 * from 21H1) is a warning.
 */
import type { DevicesSection } from "../../blueprint/types.ts";
import type { Diagnostic } from "../../diag/diagnostic.ts";
import type { CompileCatalog } from "../catalog-port.ts";

export function checkSettingsPages(devices: DevicesSection, catalog: Pick<CompileCatalog, "findSettingsPage" | "compareBuilds">): Diagnostic[] {
  const build = devices.osBaseline.build;
  const diags: Diagnostic[] = [];
  devices.settingsPages.pages.forEach((id, index) => {
    const path = ["devices", "settingsPages", "pages", index];
    const page = catalog.findSettingsPage(id);
    if (!page) {
      diags.push({ severity: "error", code: "HF3206", message: `unknown Settings page "${id}"`, fix: "use a page id from the HoloLens Settings URI list, e.g. network-wifi", path });
    } else if (page.minBuild !== null && catalog.compareBuilds(build, page.minBuild) < 0) {
      diags.push({ severity: "warning", code: "HF3207", message: `Settings page "${id}" needs OS build ${page.minBuild}; the baseline is ${build}`, path });
    } else if (page.deprecatedFromBuild !== null && catalog.compareBuilds(build, page.deprecatedFromBuild) >= 0) {
      diags.push({ severity: "warning", code: "HF3207", message: `Settings page "${id}" is deprecated from build ${page.deprecatedFromBuild}; the baseline is ${build}`, path });
    }
  });
  return diags;
}
