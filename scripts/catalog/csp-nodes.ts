/**
 * Builds the catalog's CSP nodes: the Policy CSP leaves HoloLens 2 supports (per the supported-policies
 * page, one record per scope the DDF defines), plus every leaf of the standalone CSPs in `ddf/csp/`
 * with HoloLens 2 support taken from the HoloLens docs (rules below, each citing its page).
 */
import type { CspNode, OsRelease } from "../../src/catalog/types.ts";
import { parseDdf, type DdfLeaf } from "./ddf.ts";
import type { HoloLensSupport, SupportedPolicy } from "./policy-support.ts";
import { ReferenceFormatError, sourceOf, type ReferenceFile } from "./reference.ts";
import { compareText } from "./sort.ts";

/** Edition id of Windows Holographic for Business in `MSFT:EditionAllowList` (`ddf/schema/DDFv2Msft.xsd`). */
const HOLOGRAPHIC_EDITION = "0x88";

export function policyAreaFile(area: string): string {
  return `ddf/policy/${area}_AreaDDF.xml`;
}

/** The standalone CSPs the catalog carries, by DDF file. */
export const STANDALONE_CSP_FILES = [
  "ddf/csp/ApplicationControl.xml",
  "ddf/csp/AssignedAccess.xml",
  "ddf/csp/Reboot.xml",
  "ddf/csp/RemoteLock.xml",
  "ddf/csp/TenantLockdownCSP_DDF.xml",
  "ddf/csp/WiFi.xml",
] as const;

interface SupportRule {
  /** Matched against the path after `<CSP>/`, e.g. `Policies/{PolicyGUID}/Policy`. */
  match: RegExp;
  support: (ctx: RuleContext) => HoloLensSupport;
}

interface RuleContext {
  releaseBuild: (name: string) => string;
  policy: (name: string) => SupportedPolicy | undefined;
}

function byEdition(leaf: DdfLeaf): HoloLensSupport {
  if (leaf.editions?.includes(HOLOGRAPHIC_EDITION)) {
    return { supported: true, minBuild: null, note: "not named in the HoloLens docs; the DDF EditionAllowList includes Windows Holographic for Business (0x88)" };
  }
  return { supported: false, minBuild: null, note: "not named in the HoloLens docs, and the DDF EditionAllowList excludes Windows Holographic for Business (0x88)" };
}

/** HoloLens 2 support of standalone CSP nodes; a node no rule names falls back to the DDF edition list. */
const STANDALONE_RULES: Record<string, SupportRule[]> = {
  TenantLockdown: [
    {
      match: /.*/,
      support: (c) => ({ supported: true, minBuild: c.releaseBuild("20H2"), note: "HoloLens 2 from 20H2 (hololens2-autopilot.md, hololens-release-notes-2004.md)" }),
    },
  ],
  AssignedAccess: [
    {
      match: /^Configuration$/,
      support: (c) => ({
        supported: true,
        minBuild: c.releaseBuild("20H2"),
        note: "the global assigned access profile holofleet writes needs 20H2 (hololens-kiosk.md); user and group kiosks predate it",
      }),
    },
  ],
  ApplicationControl: [
    {
      // The policy node and its read-back nodes are the ones the HoloLens WDAC procedure uses.
      match: /^Policies\/\{PolicyGUID\}\/(Policy|PolicyInfo\/.+)$/,
      support: () => ({
        supported: true,
        minBuild: null,
        note: "WDAC on HoloLens 2 (windows-defender-application-control-wdac.md, custom-profile-hololens.md); no minimum build is documented",
      }),
    },
  ],
  RemoteLock: [
    {
      match: /^Lock$/,
      support: (c) => {
        const listed = c.policy("RemoteLock/Lock");
        if (!listed) throw new Error("RemoteLock/Lock is missing from the supported-policies page");
        return { supported: listed.supported, minBuild: listed.minBuild };
      },
    },
    {
      match: /.*/,
      support: () => ({ supported: false, minBuild: null, note: "HoloLens supports only ./Vendor/MSFT/RemoteLock/Lock (hololens-release-notes-2004.md)" }),
    },
  ],
  Reboot: [
    {
      match: /.*/,
      support: (c) => ({ supported: true, minBuild: c.releaseBuild("23H1"), note: "Reboot CSP enabled on HoloLens 2 in 23H1 (hololens-release-notes.md)" }),
    },
  ],
};

function toNode(leaf: DdfLeaf, support: HoloLensSupport, file: ReferenceFile): CspNode {
  const node: CspNode = {
    path: leaf.path,
    format: leaf.format,
    access: leaf.access,
    allowedValues: leaf.allowedValues,
    defaultValue: leaf.defaultValue,
    scopes: [leaf.scope],
    hololens2: support.note === undefined ? { supported: support.supported, minBuild: support.minBuild } : { ...support },
    source: sourceOf(file),
  };
  if (leaf.deprecated) node.deprecated = true;
  return node;
}

export interface CspNodeInputs {
  supportedPolicies: readonly SupportedPolicy[];
  releases: readonly OsRelease[];
  read: (path: string) => ReferenceFile;
  /** Standalone CSP DDF files to include; all of `STANDALONE_CSP_FILES` unless a test narrows it. */
  standaloneFiles?: readonly string[];
}

export function buildCspNodes(inputs: CspNodeInputs): CspNode[] {
  const nodes: CspNode[] = [];
  const releaseBuild = (name: string): string => {
    const build = inputs.releases.find((r) => r.kind === "feature" && r.name === name)?.build;
    if (!build) throw new Error(`no feature release named ${name} in the release notes`);
    return build;
  };
  const policies = new Map(inputs.supportedPolicies.map((p) => [p.name, p]));

  // Policy CSP: every listed `Area/Policy` must exist in the area's DDF, in at least one scope.
  const byArea = new Map<string, SupportedPolicy[]>();
  for (const p of inputs.supportedPolicies) {
    const [area = ""] = p.name.split("/");
    // RemoteLock/Lock is on the page but is a standalone CSP node (ddf/README.md), handled below.
    if (area === "RemoteLock") continue;
    if (!/^[A-Za-z0-9]+$/.test(area)) throw new Error(`supported-policies entry ${p.name} has no Policy area`);
    byArea.set(area, [...(byArea.get(area) ?? []), p]);
  }
  for (const [area, listed] of byArea) {
    const file = inputs.read(policyAreaFile(area));
    const leaves = parseDdf(file);
    for (const policy of listed) {
      const matches = leaves.filter((l) => /^\.\/(Device|User)\/Vendor\/MSFT\/Policy\/Config\//.test(l.path) && l.path.endsWith(`/Config/${policy.name}`));
      if (matches.length === 0) throw new ReferenceFormatError(file.path, null, `${policy.name} is on the HoloLens 2 list but not in the DDF`);
      for (const leaf of matches) {
        const support: HoloLensSupport = { supported: policy.supported, minBuild: policy.minBuild, ...(policy.note ? { note: policy.note } : {}) };
        if (leaf.editions !== null && !leaf.editions.includes(HOLOGRAPHIC_EDITION)) {
          // ddf/README.md: three listed policies lack 0x88; the HoloLens page wins, but say so.
          support.note = [support.note, "the DDF EditionAllowList omits Windows Holographic for Business (0x88); the HoloLens page lists it"].filter(Boolean).join("; ");
        }
        nodes.push(toNode(leaf, support, file));
      }
    }
  }

  for (const path of inputs.standaloneFiles ?? STANDALONE_CSP_FILES) {
    const file = inputs.read(path);
    for (const leaf of parseDdf(file)) {
      const m = /^\.\/(?:Device\/|User\/)?Vendor\/MSFT\/([^/]+)\/(.+)$/.exec(leaf.path);
      if (!m) throw new ReferenceFormatError(file.path, null, `unexpected CSP path ${leaf.path}`);
      const rule = (STANDALONE_RULES[m[1] ?? ""] ?? []).find((r) => r.match.test(m[2] ?? ""));
      const support = rule ? rule.support({ releaseBuild, policy: (n) => policies.get(n) }) : byEdition(leaf);
      nodes.push(toNode(leaf, support, file));
    }
  }
  return nodes.sort((a, b) => compareText(a.path, b.path));
}
