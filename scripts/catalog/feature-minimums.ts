/**
 * Minimum OS builds of the features a blueprint can use. Each is read from the sentence or table row
 * of the HoloLens page that states it (the list in hololens-facts §3 names the pages), or from the
 * HoloLens 2 minimum of the CSP node or settings page the feature writes.
 */
import type { CspNode, FeatureMinimum, OsRelease, SettingsPage } from "../../src/catalog/types.ts";
import { normalizeBuild } from "../../src/catalog/builds.ts";
import { ReferenceFormatError, sourceOf, type ReferenceFile } from "./reference.ts";
import { compareText } from "./sort.ts";

interface DocFeature {
  id: string;
  description: string;
  file: string;
  /** Finds the line that states the minimum. */
  line: RegExp;
}

/** Features whose minimum a HoloLens page states in prose or in a table row. */
export const DOC_FEATURES: readonly DocFeature[] = [
  { id: "global-assigned-access", description: "Kiosk for every user through a global assigned access profile", file: "docs/hololens-kiosk.md", line: /Every user who signs in gets kiosk experience\. \|/ },
  { id: "kiosk-exclusions", description: "Global assigned access profile that excludes device owners", file: "docs/hololens-kiosk.md", line: /Every user who signs in gets kiosk experience except certain users/ },
  { id: "autopilot", description: "Windows Autopilot self-deploying mode (profile over Ethernet)", file: "docs/hololens2-autopilot.md", line: /Self-deploying scenario of Autopilot on HoloLens 2/ },
  { id: "autopilot-wifi", description: "Autopilot profile download over Wi-Fi during OOBE", file: "docs/hololens2-autopilot.md", line: /Downloading autopilot profile over Wi-Fi/ },
  { id: "tenant-lockdown", description: "TenantLockdown CSP (RequireNetworkInOOBE) keeps the device on the tenant", file: "docs/hololens2-autopilot.md", line: /support TenantLockdown CSP as of/ },
  { id: "wufb", description: "Windows Update for Business (update rings)", file: "docs/hololens-updates.md", line: /Windows Holographic for Business build [\d.]+ or a later build/ },
  { id: "active-hours", description: "Update active hours (Update/ActiveHoursStart, ActiveHoursEnd, ActiveHoursMaxRange)", file: "docs/hololens-updates.md", line: /an IT Admin can specify the active hours range/ },
  { id: "pause-ux", description: "Hide the Pause updates option (Update/SetDisablePauseUXAccess)", file: "docs/hololens-updates.md", line: /this pause updates function can be managed/ },
];

/** Features that are exactly one policy or page: their minimum is that node's or page's. */
export const NODE_FEATURES = [
  { id: "page-visibility-list", description: "Settings/PageVisibilityList limits the Settings pages", path: "./Device/Vendor/MSFT/Policy/Config/Settings/PageVisibilityList" },
  { id: "provisioning-package-policies", description: "Security/AllowAddProvisioningPackage and AllowRemoveProvisioningPackage", path: "./Device/Vendor/MSFT/Policy/Config/Security/AllowAddProvisioningPackage" },
  { id: "require-private-store-only", description: "ApplicationManagement/RequirePrivateStoreOnly", path: "./Device/Vendor/MSFT/Policy/Config/ApplicationManagement/RequirePrivateStoreOnly" },
  { id: "captive-portal-before-logon", description: "MixedReality/AllowCaptivePortalBeforeLogon shows captive portals on the sign-in screen", path: "./Device/Vendor/MSFT/Policy/Config/MixedReality/AllowCaptivePortalBeforeLogon" },
] as const;

export const PAGE_FEATURES = [{ id: "appupdate-page", description: "Settings > Apps > App updates (ms-settings:appupdate) to update Store apps by hand", page: "appupdate" }] as const;

/** The build a line states: `(build 19041.1103)`, `build 10.0.18362.1042`, or a `Windows Holographic, version X` name. */
export function buildStatedIn(line: string, releases: readonly OsRelease[]): string | undefined {
  const explicit = /build\s+((?:10\.0\.)?\d{5}\.\d+)/i.exec(line);
  // hololens-kiosk.md says "requires [20H2 and newer builds](…)" without the product name.
  const named = /Windows Holographic,? version\s+([0-9A-Za-z]+)/i.exec(line) ?? /requires \[?(\d{2}H\d|\d{4}) and newer builds/i.exec(line);
  const fromName = named ? releases.find((r) => r.kind === "feature" && r.name === named[1])?.build : undefined;
  const fromBuild = explicit ? normalizeBuild(explicit[1] ?? "") : undefined;
  if (fromName && fromBuild && fromName !== fromBuild) return undefined;
  return fromBuild ?? fromName;
}

export function parseDocFeatureMinimums(read: (path: string) => ReferenceFile, releases: readonly OsRelease[]): FeatureMinimum[] {
  return DOC_FEATURES.map((feature) => {
    const file = read(feature.file);
    const lines = file.text.split(/\r?\n/);
    const index = lines.findIndex((l) => feature.line.test(l));
    if (index < 0) throw new ReferenceFormatError(file.path, null, `${feature.id}: no line matches ${feature.line}`);
    const minBuild = buildStatedIn(lines[index] ?? "", releases);
    if (!minBuild) throw new ReferenceFormatError(file.path, index + 1, `${feature.id}: the line states no known build, or two that disagree`);
    return { id: feature.id, description: feature.description, minBuild, source: sourceOf(file) };
  });
}

export function derivedFeatureMinimums(nodes: readonly CspNode[], pages: readonly SettingsPage[], supportedPolicies: ReferenceFile): FeatureMinimum[] {
  const out: FeatureMinimum[] = [];
  for (const feature of NODE_FEATURES) {
    const node = nodes.find((n) => n.path === feature.path);
    if (!node?.hololens2.minBuild) throw new Error(`${feature.id}: ${feature.path} has no HoloLens 2 minimum build`);
    out.push({ id: feature.id, description: feature.description, minBuild: node.hololens2.minBuild, source: sourceOf(supportedPolicies) });
  }
  for (const feature of PAGE_FEATURES) {
    const page = pages.find((p) => p.id === feature.page);
    if (!page?.minBuild) throw new Error(`${feature.id}: settings page ${feature.page} has no minimum build`);
    out.push({ id: feature.id, description: feature.description, minBuild: page.minBuild, source: page.source });
  }
  return out;
}

export function sortFeatureMinimums(features: FeatureMinimum[]): FeatureMinimum[] {
  return features.sort((a, b) => compareText(a.id, b.id));
}
