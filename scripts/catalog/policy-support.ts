/**
 * Which Policy CSP policies HoloLens 2 accepts, and from which build, read from
 * `docs/policies-in-policy-csp-supported-by-hololens2.md`: one `- [Area/Policy](…)` line per policy with
 * an optional `<sup>` mark; the marks are footnotes naming a Windows 10 or Windows Holographic version,
 * "Insider", or a link to the release-notes section of a monthly update.
 */
import type { OsRelease } from "../../src/catalog/types.ts";
import { compareBuilds } from "../../src/catalog/builds.ts";
import { headingSlug } from "./markdown.ts";
import { ReferenceFormatError, type ReferenceFile } from "./reference.ts";

export interface HoloLensSupport {
  supported: boolean;
  minBuild: string | null;
  note?: string;
}

export interface SupportedPolicy extends HoloLensSupport {
  /** `Area/Policy` exactly as listed, e.g. `Settings/PageVisibilityList` or `RemoteLock/Lock`. */
  name: string;
  line: number;
}

const ENTRY = /^-\s+\[([A-Za-z0-9_]+\/[A-Za-z0-9_]+)\]\(([^)]*)\)\s*(?:<sup>(.*?)<\/sup>)?\s*$/;
const FOOTNOTE = /^-\s+(\d+|Insider)\s+-\s+Available in\s+(.*)$/;

type Footnote =
  | { kind: "holographic"; version: string }
  | { kind: "windows10"; version: string }
  | { kind: "insider" };

function parseFootnotes(file: ReferenceFile): Map<string, Footnote> {
  const notes = new Map<string, Footnote>();
  file.text.split(/\r?\n/).forEach((line, i) => {
    const m = FOOTNOTE.exec(line.trim());
    if (!m) return;
    const mark = m[1] ?? "";
    const body = m[2] ?? "";
    const holo = /Windows Holographic, version\s+([0-9A-Za-z]+)/.exec(body);
    const win = /Windows 10, version\s+([0-9A-Za-z]+)/.exec(body);
    if (holo) notes.set(mark, { kind: "holographic", version: holo[1] ?? "" });
    else if (win) notes.set(mark, { kind: "windows10", version: win[1] ?? "" });
    else if (/insider/i.test(body)) notes.set(mark, { kind: "insider" });
    else throw new ReferenceFormatError(file.path, i + 1, `unreadable footnote "${line.trim()}"`);
  });
  return notes;
}

export interface PolicySupportInputs {
  /** Feature releases by name (`20H2` → 19041.1128). */
  releases: readonly OsRelease[];
  /** Release-notes section anchors (`windows-holographic-version-21h2---february-2022-update`) → build. */
  sectionBuilds: ReadonlyMap<string, string>;
}

function featureBuild(releases: readonly OsRelease[], name: string): string | undefined {
  return releases.find((r) => r.kind === "feature" && r.name === name)?.build;
}

function resolveFootnote(file: ReferenceFile, line: number, note: Footnote, inputs: PolicySupportInputs): HoloLensSupport {
  if (note.kind === "insider") {
    return { supported: false, minBuild: null, note: "listed as available only in HoloLens Insider builds" };
  }
  const build = featureBuild(inputs.releases, note.version);
  if (build) return { supported: true, minBuild: build };
  // A Windows 10 version older than every HoloLens 2 release (1607…1809) was in the first HoloLens 2 build.
  const oldest = inputs.releases.filter((r) => r.kind === "feature").map((r) => r.name).find((n) => /^\d{4}$/.test(n));
  if (note.kind === "windows10" && /^\d{4}$/.test(note.version) && oldest && Number(note.version) < Number(oldest)) {
    return { supported: true, minBuild: null };
  }
  throw new ReferenceFormatError(file.path, line, `no HoloLens release known for ${note.kind === "windows10" ? "Windows 10" : "Windows Holographic"} version ${note.version}`);
}

function resolveMark(file: ReferenceFile, line: number, mark: string, footnotes: Map<string, Footnote>, inputs: PolicySupportInputs): HoloLensSupport {
  const link = /\]\(([^)#]*)#([^)]+)\)/.exec(mark);
  if (link) {
    // e.g. `*[Feb. 2022 Servicing release](/hololens/hololens-release-notes#windows-holographic-version-21h2---february-2022-update)`
    const build = inputs.sectionBuilds.get(link[2] ?? "");
    if (!build) throw new ReferenceFormatError(file.path, line, `release-notes anchor "#${link[2]}" matches no section`);
    return { supported: true, minBuild: build };
  }
  const note = footnotes.get(mark.trim());
  if (!note) throw new ReferenceFormatError(file.path, line, `footnote "${mark}" is not defined`);
  return resolveFootnote(file, line, note, inputs);
}

/** The supported policies; a policy listed twice keeps its later build (the conservative reading). */
export function parseSupportedPolicies(file: ReferenceFile, inputs: PolicySupportInputs): SupportedPolicy[] {
  const footnotes = parseFootnotes(file);
  const byName = new Map<string, SupportedPolicy>();
  file.text.split(/\r?\n/).forEach((raw, i) => {
    const m = ENTRY.exec(raw.trim());
    if (!m) return;
    const name = m[1] ?? "";
    const support: HoloLensSupport = m[3] ? resolveMark(file, i + 1, m[3], footnotes, inputs) : { supported: true, minBuild: null };
    const entry: SupportedPolicy = { name, line: i + 1, ...support };
    const previous = byName.get(name);
    if (!previous) {
      byName.set(name, entry);
      return;
    }
    const later = previous.minBuild === null ? entry : entry.minBuild === null ? previous : compareBuilds(entry.minBuild, previous.minBuild) > 0 ? entry : previous;
    byName.set(name, { ...later, note: `listed twice (lines ${previous.line} and ${i + 1}); the later build is kept` });
  });
  if (byName.size === 0) throw new ReferenceFormatError(file.path, null, "no policy entries found");
  return [...byName.values()];
}

/** Anchor → build for every release section, for the footnotes that link a monthly update. */
export function sectionAnchors(sections: readonly { heading: string; build: string }[]): Map<string, string> {
  return new Map(sections.map((s) => [headingSlug(s.heading), s.build]));
}

export interface PolicyIntroduction {
  /** `Area/Policy`. */
  name: string;
  /** Catalog name of the release whose section introduces it (`22H1`, `21H2 – February 2022`). */
  release: string;
  file: string;
  line: number;
}

/**
 * Policies the release notes introduce with "The OMA-URI of new policy/policies: `./Device/…/Policy/Config/Area/Policy`"
 * (the URIs follow on the same line or in the lines up to the next heading), attributed to the release
 * section they appear in. The supported-policies page (2022) sometimes names an earlier release than the
 * section that introduced the policy; the generator then keeps the later one.
 */
export function parsePolicyIntroductions(file: ReferenceFile, sectionName: (heading: string) => string | undefined): PolicyIntroduction[] {
  const lines = file.text.split(/\r?\n/);
  const found: PolicyIntroduction[] = [];
  let section: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (/^##\s/.test(line)) section = sectionName(line.replace(/^##\s+/, "").trim());
    if (!/OMA-URI[^.]*? of new polic(?:y|ies)/i.test(line)) continue;
    if (!section) throw new ReferenceFormatError(file.path, i + 1, "a new policy outside a release section");
    for (let j = i; j < lines.length && (j === i || !/^#/.test(lines[j] ?? "")); j++) {
      for (const m of (lines[j] ?? "").matchAll(/`\.\/(?:Device\/|User\/)?Vendor\/MSFT\/Policy\/Config\/([A-Za-z0-9_]+\/[A-Za-z0-9_]+)`/g)) {
        found.push({ name: m[1] ?? "", release: section, file: file.path, line: j + 1 });
      }
    }
  }
  return found;
}
