/**
 * HF2010: the OS baseline is older than a feature the blueprint uses (hololens-facts §3 "feature
 * minimums": global assigned access, PageVisibilityList and TenantLockdown need 20H2, captive portal 22H2,
 * RequirePrivateStoreOnly 21H2, …), including settings pages with a minimum build (e.g. appupdate, 23H1).
 * Features the file asks for are reported at their key; features that defaults switch on have no key, so
 * they are reported together, once, at devices.osBaseline, with the oldest release that has them all.
 */
import { compareBuilds, findSettingsPage, osReleases } from "../../catalog/index.ts";
import { buildBelow, featuresAboveBuild } from "../../guide/os-features.ts";
import type { Blueprint, BlueprintSourceMap } from "../types.ts";
import { defineCheck, finding } from "./finding.ts";

interface FeatureUse {
  feature: string;
  path: (string | number)[];
}

/** Which catalog features the compiled artifacts of this blueprint rely on, and the key that asks for each. */
export function featuresUsed(bp: Pick<Blueprint, "devices">): FeatureUse[] {
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

/** `20H2 (19041.1128)` when the build starts a release in the catalog, else the build alone. */
function describeBuild(build: string): string {
  const release = osReleases.find((r) => r.build === build);
  return release ? `${release.name} (${build})` : build;
}

interface TooOld {
  what: string;
  minBuild: string;
  path: (string | number)[];
}

/**
 * Every subsection `featuresUsed` and the settings pages read: the verdict "older than the defaults use"
 * needs them all, so an error in any of them waits for its fix rather than give a partial list.
 */
const READS = [
  "devices.osBaseline",
  "devices.autopilot",
  "devices.tenantLockdown",
  "devices.kiosk",
  "devices.usb",
  "devices.settingsPages",
  "devices.updateRing",
  "devices.restrictions",
] as const;

export const osBaselineTooOld = defineCheck(READS, ["HF2010"], (bp, src) => {
  const baseline = bp.devices.osBaseline;
  const tooOld = (minBuild: string) => buildBelow(baseline.build, minBuild);
  const why = "Devices on the baseline ignore or reject settings their OS does not have, so the deployment would not be what the blueprint says.";

  const problems: TooOld[] = featuresAboveBuild(baseline.build, featuresUsed(bp)).map(({ minimum, path }) => ({
    what: minimum.description,
    minBuild: minimum.minBuild,
    path,
  }));
  bp.devices.settingsPages.pages.forEach((id, i) => {
    const page = findSettingsPage(id);
    if (page?.minBuild && tooOld(page.minBuild)) {
      problems.push({ what: `settings page \`${id}\``, minBuild: page.minBuild, path: ["devices", "settingsPages", "pages", i] });
    }
  });

  const written = problems.filter((p) => isWritten(src, p.path));
  const byDefault = problems.filter((p) => !isWritten(src, p.path));
  const found = written.map((p) =>
    finding(src, p.path, "HF2010", "error", {
      message: `${p.what} needs OS build ${describeBuild(p.minBuild)}; devices.osBaseline is ${baseline.requested} (${baseline.build})`,
      why,
      fix: `Raise devices.osBaseline to ${describeBuild(p.minBuild)} or newer (latest-known is the default), or remove this setting.`,
    }),
  );
  if (byDefault.length > 0) {
    const needed = byDefault.reduce((max, p) => (compareBuilds(p.minBuild, max) > 0 ? p.minBuild : max), byDefault[0]!.minBuild);
    const list = byDefault.map((p) => `${p.what} (${p.minBuild})`).join("; ");
    found.push(
      finding(src, ["devices", "osBaseline"], "HF2010", "error", {
        message: `devices.osBaseline ${baseline.requested} (${baseline.build}) is older than ${byDefault.length === 1 ? "a feature" : `${byDefault.length} features`} holofleet's defaults use: ${list}`,
        why,
        fix: `Raise devices.osBaseline to ${describeBuild(needed)} or newer (latest-known is the default): holofleet's recommended posture needs every one of these.`,
      }),
    );
  }
  return found;
});

/** A key written in the file; a feature switched on by a default has none. */
function isWritten(src: BlueprintSourceMap, path: (string | number)[]): boolean {
  return src.has?.(path) !== false;
}
