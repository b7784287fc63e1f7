/**
 * HF2010: the OS baseline is older than a feature the blueprint uses (hololens-facts §3 "feature
 * minimums": global assigned access, PageVisibilityList and TenantLockdown need 20H2, captive portal 22H2,
 * RequirePrivateStoreOnly 21H2, …), including settings pages with a minimum build (e.g. appupdate, 23H1).
 */
import { compareBuilds, findFeatureMinimum, findSettingsPage } from "../../catalog/index.ts";
import type { Blueprint } from "../types.ts";
import { finding, type BlueprintCheck } from "./finding.ts";

interface FeatureUse {
  feature: string;
  path: (string | number)[];
}

/** Which catalog features the compiled artifacts of this blueprint rely on, and the key that asks for each. */
export function featuresUsed(bp: Blueprint): FeatureUse[] {
  const d = bp.devices;
  const uses: FeatureUse[] = [];
  const use = (on: boolean, feature: string, path: (string | number)[]) => {
    if (on) uses.push({ feature, path });
  };
  use(d.kiosk.enabled, "global-assigned-access", ["devices", "kiosk", "mode"]);
  use(d.kiosk.enabled && d.kiosk.exclusions.length > 0, "kiosk-exclusions", ["devices", "kiosk", "exclusions"]);
  use(true, "page-visibility-list", ["devices", "settingsPages"]);
  use(d.tenantLockdown, "tenant-lockdown", ["devices", "tenantLockdown"]);
  use(d.usb === "off-allow-provisioning-packages", "provisioning-package-policies", ["devices", "usb"]);
  use(true, "provisioning-package-policies", ["devices", "restrictions", "allowRemoveProvisioningPackage"]);
  use(d.autopilot.enabled, "autopilot", ["devices", "autopilot", "enabled"]);
  use(d.restrictions.requirePrivateStoreOnly !== null, "require-private-store-only", [
    "devices",
    "restrictions",
    "requirePrivateStoreOnly",
  ]);
  use(d.restrictions.captivePortalBeforeLogon !== null, "captive-portal-before-logon", [
    "devices",
    "restrictions",
    "captivePortalBeforeLogon",
  ]);
  use(d.updateRing.enabled, "wufb", ["devices", "updateRing", "enabled"]);
  use(d.updateRing.enabled, "active-hours", ["devices", "updateRing", "activeHoursStart"]);
  use(d.updateRing.enabled && !d.updateRing.allowPause, "pause-ux", ["devices", "updateRing", "allowPause"]);
  return uses;
}

export const osBaselineTooOld: BlueprintCheck = (bp, src) => {
  const baseline = bp.devices.osBaseline;
  const tooOld = (minBuild: string) => compareBuilds(baseline.build, minBuild) < 0;
  const fix = (minBuild: string, what: string) =>
    `Raise devices.osBaseline to ${minBuild} or newer (latest-known is the default), or stop using ${what}.`;

  // A feature switched on by a default has no key in the file: point at the baseline instead.
  const where = (path: (string | number)[]) => (src.has?.(path) === false ? ["devices", "osBaseline"] : path);
  const seen = new Set<string>();
  const fromFeatures = featuresUsed(bp).flatMap(({ feature, path }) => {
    const minimum = findFeatureMinimum(feature);
    if (!minimum || seen.has(feature) || !tooOld(minimum.minBuild)) return [];
    seen.add(feature);
    return [
      finding(src, where(path), "HF2010", "error", {
        message: `${minimum.description} needs OS build ${minimum.minBuild}; devices.osBaseline is ${baseline.requested} (${baseline.build})`,
        why: "Devices on the baseline would ignore or reject the setting.",
        fix: fix(minimum.minBuild, "it"),
      }),
    ];
  });
  const fromPages = bp.devices.settingsPages.pages.flatMap((id, i) => {
    const page = findSettingsPage(id);
    if (!page?.minBuild || !tooOld(page.minBuild)) return [];
    return [
      finding(src, where(["devices", "settingsPages", "pages", i]), "HF2010", "error", {
        message: `settings page \`${id}\` exists from OS build ${page.minBuild}; devices.osBaseline is ${baseline.requested} (${baseline.build})`,
        fix: fix(page.minBuild, `\`${id}\``),
      }),
    ];
  });
  return [...fromFeatures, ...fromPages];
};
