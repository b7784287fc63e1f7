/**
 * The WDAC test vectors, for the tests and the benchmark (not used by the product): the MIT ones
 * copied into `fixtures/`, and the full set in the reference folder (`<repo>/../shared/reference`, or
 * `HOLOFLEET_REFERENCE_DIR`), read from there when it exists. Also applies the documented
 * near-pair overrides (`wdac/manifest.json`) to an XML text.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface VectorOverrides {
  PlatformID?: string;
  VersionEx?: string;
  AddRuleOptions?: string[];
  RemoveRuleOptions?: string[];
}

export interface WdacVector {
  id: string;
  kind: "exact-pair" | "near-pair" | "binary-only";
  /** Absolute paths. */
  xmlPath?: string;
  binPath: string;
  overrides: VectorOverrides;
}

/** The MIT vectors in `fixtures/` with their manifest overrides (see fixtures/README.md). */
const WDACME_OVERRIDES: VectorOverrides = { PlatformID: "{2E07F7E4-194C-4D20-B7C9-6F44A6C5A234}", VersionEx: "1.0.1.2" };
const fixture = (path: string): string => fileURLToPath(new URL(`./fixtures/${path}`, import.meta.url));
export const FIXTURE_VECTORS: readonly WdacVector[] = [
  ...["wdacme-ebe2211", "wdacme-28715b9", "wdacme-46dff28"].map((id): WdacVector => ({
    id,
    kind: "near-pair",
    xmlPath: fixture(`${id}/WDACme.xml`),
    binPath: fixture(`${id}/policy.cip`),
    overrides: WDACME_OVERRIDES,
  })),
  {
    id: "wdacme-55542b4",
    kind: "near-pair",
    xmlPath: fixture("wdacme-55542b4/WDACme.xml"),
    binPath: fixture("wdacme-55542b4/policy.cip"),
    overrides: { ...WDACME_OVERRIDES, AddRuleOptions: ["Enabled:Unsigned System Integrity Policy"] },
  },
  { id: "wdacme-208e0b1", kind: "binary-only", binPath: fixture("wdacme-208e0b1/policy.cip"), overrides: {} },
  { id: "wdac-toolkit-7433073", kind: "binary-only", binPath: fixture("wdac-toolkit-7433073/test.bin"), overrides: {} },
];

/** `<repo>/../shared/reference/wdac/`, or under `HOLOFLEET_REFERENCE_DIR`; undefined when absent. */
export function referenceWdacDir(): string | undefined {
  const base = process.env.HOLOFLEET_REFERENCE_DIR ?? fileURLToPath(new URL("../../../../shared/reference/", import.meta.url));
  const dir = `${base.replace(/[\\/]+$/, "")}/wdac/`;
  return existsSync(`${dir}manifest.json`) ? dir : undefined;
}

/** Every vector of the reference folder's manifest, or undefined when the folder is missing. */
export function referenceVectors(): WdacVector[] | undefined {
  const dir = referenceWdacDir();
  if (!dir) return undefined;
  const manifest = JSON.parse(readFileSync(`${dir}manifest.json`, "utf8")) as {
    entries: { id: string; kind: WdacVector["kind"]; xml?: string; bin: string; overrides?: VectorOverrides }[];
  };
  return manifest.entries.map((e) => ({
    id: e.id,
    kind: e.kind,
    ...(e.xml && e.kind !== "binary-only" ? { xmlPath: dir + e.xml } : {}),
    binPath: dir + e.bin,
    overrides: e.overrides ?? {},
  }));
}

/** Applies the documented header drift back to an XML text (manifest `overrides`). */
export function applyVectorOverrides(xml: string, overrides: VectorOverrides): string {
  let out = xml;
  if (overrides.PlatformID) out = out.replace(/<PlatformID>[^<]*<\/PlatformID>/, `<PlatformID>${overrides.PlatformID}</PlatformID>`);
  if (overrides.VersionEx) out = out.replace(/<VersionEx>[^<]*<\/VersionEx>/, `<VersionEx>${overrides.VersionEx}</VersionEx>`);
  for (const option of overrides.RemoveRuleOptions ?? []) {
    out = out.replace(new RegExp(`<Rule>\\s*<Option>\\s*${option.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*</Option>\\s*</Rule>`), "");
  }
  for (const option of overrides.AddRuleOptions ?? []) out = out.replace("</Rules>", `<Rule><Option>${option}</Option></Rule></Rules>`);
  return out;
}

export function readVectorBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}
