/**
 * The catalog generator's pure core: given a reader for the reference folder, returns the generated
 * modules (file name under `src/catalog/generated/` → text). `scripts/gen-catalog.ts` writes them;
 * the freshness test compares them with the committed files.
 */
import type { CspNode } from "../../src/catalog/types.ts";
import { compareBuilds } from "../../src/catalog/builds.ts";
import { parseApps } from "./apps.ts";
import { buildCspNodes } from "./csp-nodes.ts";
import { renderModule, type ModuleExport } from "./emit.ts";
import { derivedFeatureMinimums, parseDocFeatureMinimums, sortFeatureMinimums } from "./feature-minimums.ts";
import { LICENCE_NEED_FILES, parseLicenceNeeds } from "./licence-needs.ts";
import { informationBarrierSkus, LICENSING_CSV, parseCompanyResourcePlans, parseLicensingCsv } from "./licensing.ts";
import { parseOsReleases, parseReleaseSections, RELEASE_SECTION, releaseName } from "./os-releases.ts";
import { parsePolicyIntroductions, parseSupportedPolicies, sectionAnchors } from "./policy-support.ts";
import type { ReferenceFile, ReferenceReader } from "./reference.ts";
import { buildSettingsPages } from "./settings-pages.ts";

export const FILES = {
  releaseNotes: "docs/hololens-release-notes.md",
  releaseNotes2004: "docs/hololens-release-notes-2004.md",
  supportedPolicies: "docs/policies-in-policy-csp-supported-by-hololens2.md",
  kioskReference: "docs/hololens-kiosk-reference.md",
  wdac: "docs/windows-defender-application-control-wdac.md",
  settingsUris: "docs/settings-uri-list.md",
  storeApps: "docs/holographic-store-apps.md",
  facts: "hololens-facts.md",
} as const;

/** Policies whose HoloLens build the supported-policies page leaves out but another HoloLens page states. */
const POLICY_MINIMUM_FROM_FEATURE: Record<string, string> = {
  // hololens-updates.md and the 20H2 release notes: SetDisablePauseUXAccess was enabled in 20H2.
  "Update/SetDisablePauseUXAccess": "pause-ux",
};

export function generateCatalog(readRaw: ReferenceReader): Map<string, string> {
  const used = new Map<string, ReferenceFile>();
  const read = (path: string): ReferenceFile => {
    const file = used.get(path) ?? readRaw(path);
    used.set(path, file);
    return file;
  };
  /** Runs `build` and returns what it made with the reference files it was the first to read: a module's sources. */
  const firstReadBy = <T>(build: () => T): { value: T; files: ReferenceFile[] } => {
    const before = new Set(used.keys());
    const value = build();
    return { value, files: [...used.values()].filter((f) => !before.has(f.path)) };
  };
  const out = new Map<string, string>();
  /** Adds the generated module `file` with one exported constant. */
  const emitModule = (file: string, sources: readonly ReferenceFile[], exported: ModuleExport, notes?: readonly string[]): void => {
    out.set(file, renderModule({ sources, notes, exports: [exported] }));
  };

  // OS releases first: every other minimum is expressed as a build.
  const { value: os, files: osFiles } = firstReadBy(() => {
    const notes = read(FILES.releaseNotes);
    const notes2004 = read(FILES.releaseNotes2004);
    return { notes, notes2004, releases: parseOsReleases(notes, notes2004) };
  });
  const { notes: releaseNotes, notes2004: releaseNotes2004, releases: osReleases } = os;
  emitModule("os-releases.ts", osFiles, { name: "osReleases", type: "OsRelease", values: osReleases, doc: "HoloLens 2 feature releases and monthly updates, oldest build first." });

  const { value: docFeatures, files: docFeatureFiles } = firstReadBy(() => parseDocFeatureMinimums(read, osReleases));

  const sectionBuilds = sectionAnchors([...parseReleaseSections(releaseNotes), ...parseReleaseSections(releaseNotes2004)]);
  const supportedFile = read(FILES.supportedPolicies);
  const sectionRelease = (heading: string): string | undefined => {
    const m = RELEASE_SECTION.exec(`## ${heading}`);
    return m ? releaseName(m[1] ?? "", m[2] ?? null) : undefined;
  };
  const introductions = [releaseNotes, releaseNotes2004].flatMap((f) => parsePolicyIntroductions(f, sectionRelease));
  const supported = parseSupportedPolicies(supportedFile, { releases: osReleases, sectionBuilds }).map((p) => {
    let policy = p;
    const featureId = POLICY_MINIMUM_FROM_FEATURE[p.name];
    const feature = featureId ? docFeatures.find((f) => f.id === featureId) : undefined;
    if (feature && (policy.minBuild === null || compareBuilds(policy.minBuild, feature.minBuild) < 0)) {
      policy = { ...policy, minBuild: feature.minBuild, note: `the supported-policies page gives no build; ${feature.source.file} says ${feature.minBuild}` };
    }
    for (const intro of introductions.filter((x) => x.name === p.name)) {
      const build = osReleases.find((r) => r.name === intro.release)?.build;
      if (!build) throw new Error(`${intro.file}:${intro.line}: no release ${intro.release}`);
      if (policy.minBuild === null || compareBuilds(policy.minBuild, build) < 0) {
        // The later of the two documented builds is the safe baseline check.
        policy = { ...policy, minBuild: build, note: `${intro.file} introduces it in ${intro.release}; the supported-policies page says ${p.minBuild ?? "no build"}` };
      }
    }
    return policy;
  });
  // The DDF files buildCspNodes reads are sources of the CSP nodes.
  const { value: cspNodes, files: cspReadFiles } = firstReadBy((): CspNode[] => buildCspNodes({ supportedPolicies: supported, releases: osReleases, read }));
  // The pages behind POLICY_MINIMUM_FROM_FEATURE also shape these records, so they are sources too.
  const overrideFiles = new Set(Object.values(POLICY_MINIMUM_FROM_FEATURE).map((id) => docFeatures.find((f) => f.id === id)?.source.file));
  emitModule(
    "csp-nodes.ts",
    [supportedFile, releaseNotes, releaseNotes2004, ...docFeatureFiles.filter((f) => overrideFiles.has(f.path)), ...cspReadFiles.filter((f) => f.path.startsWith("ddf/"))],
    { name: "cspNodes", type: "CspNode", values: cspNodes, doc: "CSP leaf nodes HoloLens 2 can be sent, sorted by path." },
    [
      "Only HoloLens 2 nodes: the Policy CSP policies on the supported-policies page (one record per scope the DDF",
      "defines) and every leaf of the AssignedAccess, ApplicationControl, Reboot, RemoteLock, TenantLockdown and WiFi CSPs.",
    ],
  );

  const apps = firstReadBy(() => parseApps(read(FILES.kioskReference), read(FILES.wdac)));
  emitModule("apps.ts", apps.files, { name: "apps", type: "CatalogApp", values: apps.value, doc: "HoloLens 2 apps by friendly id: AUMID for kiosks, package family name for WDAC." });

  const settingsPages = firstReadBy(() => buildSettingsPages(read(FILES.settingsUris), releaseNotes, read(FILES.storeApps), osReleases));
  emitModule("settings-pages.ts", [...settingsPages.files, releaseNotes], {
    name: "settingsPages",
    type: "SettingsPage",
    values: settingsPages.value,
    doc: "Settings pages of HoloLens 2 (ids for Settings/PageVisibilityList), sorted by id.",
  });

  const featureMinimums = sortFeatureMinimums([...docFeatures, ...derivedFeatureMinimums(cspNodes, settingsPages.value, supportedFile)]);
  emitModule("feature-minimums.ts", [...docFeatureFiles, supportedFile, read(FILES.storeApps)], {
    name: "featureMinimums",
    type: "FeatureMinimum",
    values: featureMinimums,
    doc: "Minimum HoloLens 2 builds of the features a blueprint can use.",
  });

  const csv = read(LICENSING_CSV);
  const skus = parseLicensingCsv(csv);
  const facts = read(FILES.facts);
  out.set(
    "licensing.ts",
    renderModule({
      sources: [csv, facts, ...Object.values(LICENCE_NEED_FILES).map(read)],
      notes: [
        "All SKUs of the CSV are kept (the module stays well under 1.5 MB): a blueprint may name any SKU the tenant",
        "owns, and `GET /subscribedSkus` stays the tenant's truth at plan time.",
      ],
      exports: [
        { name: "skus", type: "Sku", values: skus, doc: "Every SKU of Microsoft's licensing CSV with its service plans, by skuPartNumber." },
        {
          name: "companyResourcePlans",
          type: "string",
          values: parseCompanyResourcePlans(facts, skus),
          doc: "Service plans clients must not get (hololens-facts §4 exclusion table and OneDrive plans; never TEAMS1).",
        },
        { name: "informationBarrierCapableSkus", type: "string", values: informationBarrierSkus(skus), doc: "skuPartNumbers whose plans include INFORMATION_BARRIERS." },
        {
          name: "licenceNeeds",
          type: "LicenceNeed",
          values: parseLicenceNeeds(read, skus),
          doc: "What the program needs licensed: the allow-list of service plans client accounts keep (every other plan is disabled).",
        },
      ],
    }),
  );
  return out;
}
