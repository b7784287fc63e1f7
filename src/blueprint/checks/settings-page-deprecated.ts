/** HF2009 (warning): a settings page deprecated at the OS baseline, e.g. `network-proxy` from 21H1. */
import { compareBuilds, findSettingsPage } from "../../catalog/index.ts";
import { defineCheck, finding } from "./finding.ts";

export const settingsPageDeprecated = defineCheck(["devices.osBaseline", "devices.settingsPages"], ["HF2009"], (bp, src) => {
  const baseline = bp.devices.osBaseline;
  return bp.devices.settingsPages.pages.flatMap((id, i) => {
    const page = findSettingsPage(id);
    if (!page?.deprecatedFromBuild || compareBuilds(baseline.build, page.deprecatedFromBuild) < 0) return [];
    return [
      finding(src, ["devices", "settingsPages", "pages", i], "HF2009", "warning", {
        message: `settings page \`${id}\` is deprecated from build ${page.deprecatedFromBuild}; devices.osBaseline is ${baseline.requested} (${baseline.build})`,
        why: "A deprecated page no longer exists on the device, so listing it has no effect.",
        fix: `Remove \`${id}\`${id === "network-proxy" ? " (proxy settings moved to the Wi‑Fi and Ethernet properties, hololens-facts §11)" : ""}.`,
      }),
    ];
  });
});
