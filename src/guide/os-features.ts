/**
 * Guide §GR-1 (the latest OS as baseline) and the features the posture relies on: a device older than a
 * feature's minimum build ignores or rejects its setting (hololens-facts §3, "feature minimums"). The
 * blueprint check (HF2010) asks this of the baseline and the features the blueprint uses; the audit asks it
 * of each device's build and the features its effective settings use.
 */
import { compareBuilds, findFeatureMinimum, type FeatureMinimum } from "../catalog/index.ts";
import { omaNodeKey } from "./oma-uri.ts";

/** Whether `build` is older than `minBuild` (both `major.minor`, or `10.0.major.minor`). */
export function buildBelow(build: string, minBuild: string): boolean {
  return compareBuilds(build, minBuild) < 0;
}

/**
 * The uses whose feature needs a newer build than `build`, each feature once (the first use names it),
 * with the feature's minimum. Uses of unknown features are ignored (the catalog test holds the ids).
 */
export function featuresAboveBuild<T extends { feature: string }>(build: string, uses: readonly T[]): (T & { minimum: FeatureMinimum })[] {
  const seen = new Set<string>();
  const out: (T & { minimum: FeatureMinimum })[] = [];
  for (const use of uses) {
    const minimum = findFeatureMinimum(use.feature);
    if (!minimum || seen.has(use.feature) || !buildBelow(build, minimum.minBuild)) continue;
    seen.add(use.feature);
    out.push({ ...use, minimum });
  }
  return out;
}

/** The catalog feature a setting's node belongs to, by its node key (see `omaNodeKey`). */
const FEATURE_OF_NODE: Readonly<Record<string, string>> = {
  "./vendor/msft/assignedaccess/configuration": "global-assigned-access",
  "./vendor/msft/policy/config/settings/pagevisibilitylist": "page-visibility-list",
  "./vendor/msft/tenantlockdown/requirenetworkinoobe": "tenant-lockdown",
  "./vendor/msft/policy/config/security/allowaddprovisioningpackage": "provisioning-package-policies",
  "./vendor/msft/policy/config/security/allowremoveprovisioningpackage": "provisioning-package-policies",
  "./vendor/msft/policy/config/applicationmanagement/requireprivatestoreonly": "require-private-store-only",
  "./vendor/msft/policy/config/mixedreality/allowcaptiveportalbeforelogon": "captive-portal-before-logon",
};

/** The feature (catalog id) an OMA-URI setting needs, or null when the catalog lists none for it. */
export function featureOfOmaUri(omaUri: string): string | null {
  return FEATURE_OF_NODE[omaNodeKey(omaUri)] ?? null;
}
