/**
 * The HoloLens catalog: facts as data (CSP nodes, apps, settings pages, OS releases, SKUs, feature
 * minimums), generated from the reference folder into `generated/` by `npm run catalog`, plus the
 * lookups the blueprint checks and the compiler use. Pure: no I/O, reads only the generated modules.
 */
import type { CatalogApp, CspNode, FeatureMinimum, LicenceNeed, LicenceNeedId, OsRelease, ServicePlan, SettingsPage, Sku } from "./types.ts";
import { compareBuilds } from "./builds.ts";
import { indexCspNodes } from "./csp-lookup.ts";
import { apps as generatedApps } from "./generated/apps.ts";
import { cspNodes as generatedCspNodes } from "./generated/csp-nodes.ts";
import { featureMinimums as generatedFeatureMinimums } from "./generated/feature-minimums.ts";
import {
  companyResourcePlans as generatedCompanyPlans,
  informationBarrierCapableSkus as generatedIbSkus,
  licenceNeeds as generatedLicenceNeeds,
  skus as generatedSkus,
} from "./generated/licensing.ts";
import { osReleases as generatedOsReleases } from "./generated/os-releases.ts";
import { settingsPages as generatedSettingsPages } from "./generated/settings-pages.ts";

export type * from "./types.ts";
export { compareBuilds, normalizeBuild, parseBuild } from "./builds.ts";
export { mailboxPlans } from "./mailbox-plans.ts";

export const apps: readonly CatalogApp[] = generatedApps;
export const cspNodes: readonly CspNode[] = generatedCspNodes;
export const settingsPages: readonly SettingsPage[] = generatedSettingsPages;
export const osReleases: readonly OsRelease[] = generatedOsReleases;
export const skus: readonly Sku[] = generatedSkus;
export const featureMinimums: readonly FeatureMinimum[] = generatedFeatureMinimums;
/** Service plans clients must not get (Exchange, SharePoint/OneDrive, Office, Yammer/Viva Engage, …); never TEAMS1. */
export const companyResourcePlans: readonly string[] = generatedCompanyPlans;
/** skuPartNumbers whose service plans include INFORMATION_BARRIERS. */
export const informationBarrierCapableSkus: readonly string[] = generatedIbSkus;
/** What the program needs licensed, each with the service plans it keeps on: the allow-list behind `disabledPlans`. */
export const licenceNeeds: readonly LicenceNeed[] = generatedLicenceNeeds;

const appsById = new Map(apps.map((a) => [a.id, a]));
const pagesById = new Map(settingsPages.map((p) => [p.id, p]));
const featuresById = new Map(featureMinimums.map((f) => [f.id, f]));
const cspIndex = indexCspNodes(cspNodes);

/** An app by friendly id (`remote-assist`, `settings`, `edge`, …). */
export function findApp(id: string): CatalogApp | undefined {
  return appsById.get(id);
}

/**
 * The CSP node a concrete OMA-URI sets: `./Vendor/MSFT/Policy/Config/…` and `./Device/Vendor/MSFT/…`
 * resolve to the device-scope node, `./User/Vendor/MSFT/…` to the user-scope one; a dynamic segment
 * (`{PolicyGUID}`, `{SSID}`) matches any one segment. Undefined when HoloLens 2 has no such node.
 */
export function findCspNode(omaUri: string): CspNode | undefined {
  return cspIndex.find(omaUri);
}

/** A Settings page by id (the URI without `ms-settings:`, e.g. `network-wifi`). */
export function findSettingsPage(id: string): SettingsPage | undefined {
  return pagesById.get(id);
}

const latest = osReleases.reduce<string | undefined>((max, r) => (max === undefined || compareBuilds(r.build, max) > 0 ? r.build : max), undefined);

/** The newest build in the release notes the catalog was generated from (`latest-known` in blueprints). */
export function latestKnownBuild(): string {
  if (latest === undefined) throw new Error("the catalog has no OS releases; run `npm run catalog`");
  return latest;
}

/**
 * The build of a release: `20H2` → `19041.1128` (feature releases), `23H2 – March 2024` or
 * `23H2 - March 2024` → `22621.1266` (monthly updates). `Windows Holographic, version ` may prefix it.
 */
export function buildOfRelease(name: string): string | undefined {
  const wanted = name
    .trim()
    .replace(/^Windows Holographic,?\s+version\s+/i, "")
    .replace(/\s+[-–]\s+/, " – ")
    .replace(/\s+Update$/i, "")
    .toLowerCase();
  return osReleases.find((r) => r.name.toLowerCase() === wanted)?.build;
}

const skusByPart = new Map<string, Sku>();
for (const sku of skus) if (!skusByPart.has(sku.skuPartNumber)) skusByPart.set(sku.skuPartNumber, sku);
const plansByName = new Map<string, ServicePlan>();
for (const sku of skus) for (const plan of sku.servicePlans) if (!plansByName.has(plan.name)) plansByName.set(plan.name, plan);

/**
 * A SKU by skuPartNumber (`MICROSOFT_REMOTE_ASSIST`), exact case. One part number in the CSV (`MCOPSTN5`)
 * names two products; the one with the lower skuId is returned.
 */
export function findSku(skuPartNumber: string): Sku | undefined {
  return skusByPart.get(skuPartNumber);
}

/** A service plan by name (`TEAMS1`), as listed in the first SKU (by skuPartNumber) that carries it. */
export function findServicePlan(name: string): ServicePlan | undefined {
  return plansByName.get(name);
}

const needsById = new Map(licenceNeeds.map((n) => [n.id, n]));

/** A licence need by id (`remote-assist`, `guides`, `intune`, …). */
export function findLicenceNeed(id: LicenceNeedId): LicenceNeed | undefined {
  return needsById.get(id);
}

/** A feature's minimum build by id (`global-assigned-access`, `tenant-lockdown`, …). */
export function findFeatureMinimum(id: string): FeatureMinimum | undefined {
  return featuresById.get(id);
}

/** True when `build` (a baseline such as `22621.1266`) is at or above the feature's minimum. */
export function buildSupports(build: string, minBuild: string | null): boolean {
  return minBuild === null || compareBuilds(build, minBuild) >= 0;
}
