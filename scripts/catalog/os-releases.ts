/**
 * OS releases of HoloLens 2 from the release notes: the feature releases from the table at the top of
 * `docs/hololens-release-notes.md`, and every monthly update from the `## Windows Holographic, version
 * X - <Month> <Year> Update` sections (with their `- Build N` line) of that page and of
 * `docs/hololens-release-notes-2004.md` (2004 and 20H2 moved there).
 */
import type { OsRelease } from "../../src/catalog/types.ts";
import { compareBuilds, normalizeBuild } from "../../src/catalog/builds.ts";
import { cleanCell, parseMarkdownTables, splitBr } from "./markdown.ts";
import { ReferenceFormatError, sourceOf, type ReferenceFile } from "./reference.ts";
import { compareText } from "./sort.ts";

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** `Nov 2020` or `November 2020` → `2020-11`. */
export function monthYear(text: string): string | undefined {
  const m = /^([A-Za-z]+)\.?\s+(\d{4})$/.exec(text.trim());
  if (!m) return undefined;
  const word = (m[1] ?? "").toLowerCase();
  const index = MONTHS.findIndex((name) => name === word || (word.length >= 3 && name.startsWith(word)));
  if (index < 0) return undefined;
  return `${m[2]}-${String(index + 1).padStart(2, "0")}`;
}

const FEATURE_NAME = /version\s+(\S+)/i;
export const RELEASE_SECTION = /^##\s+Windows Holographic, version\s+(\S+)(?:\s+[-–]\s+([A-Za-z]+\s+\d{4})\s+Update)?\s*$/;
const BUILD_LINE = /^-?\s*Build\b[^0-9]*(\d{5}\.\d+)/;

/** Feature releases from the "Major release number | Feature release name | Date | Build number" table. */
export function parseFeatureReleases(file: ReferenceFile): OsRelease[] {
  const table = parseMarkdownTables(file.text).find((t) => t.header.some((h) => /feature release name/i.test(h)));
  if (!table) throw new ReferenceFormatError(file.path, null, "no feature release table (header 'Feature release name')");
  const releases: OsRelease[] = [];
  for (const row of table.rows) {
    const [, namesCell = "", datesCell = "", buildsCell = ""] = row.cells;
    const names = splitBr(namesCell).map(cleanCell);
    const dates = splitBr(datesCell).map(cleanCell);
    const builds = splitBr(buildsCell).map(cleanCell);
    if (names.length !== dates.length || names.length !== builds.length) {
      throw new ReferenceFormatError(file.path, row.line, "feature release row has unequal numbers of names, dates and builds");
    }
    names.forEach((name, i) => {
      const version = FEATURE_NAME.exec(name)?.[1];
      const date = monthYear(dates[i] ?? "");
      const build = normalizeBuild(builds[i] ?? "");
      if (!version || !date || !build) throw new ReferenceFormatError(file.path, row.line, `cannot read feature release "${name}"`);
      releases.push({ name: version, build, date, kind: "feature", source: sourceOf(file) });
    });
  }
  return releases;
}

export interface ReleaseSection {
  /** The heading text without `## `, e.g. `Windows Holographic, version 21H2 - February 2022 Update`. */
  heading: string;
  version: string;
  /** `March 2024` for a monthly update, null for the section of the feature release itself. */
  month: string | null;
  build: string;
  line: number;
}

/** Every `## Windows Holographic, version …` section with the build stated right under it. */
export function parseReleaseSections(file: ReferenceFile): ReleaseSection[] {
  const lines = file.text.split(/\r?\n/);
  const sections: ReleaseSection[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = RELEASE_SECTION.exec(lines[i] ?? "");
    if (!m) continue;
    let build: string | undefined;
    for (let j = i + 1; j < lines.length && !/^##\s/.test(lines[j] ?? ""); j++) {
      const b = BUILD_LINE.exec((lines[j] ?? "").trim());
      if (b) {
        build = normalizeBuild(b[1] ?? "");
        break;
      }
    }
    if (!build) throw new ReferenceFormatError(file.path, i + 1, `release section "${lines[i]}" states no build`);
    const heading = (lines[i] ?? "").replace(/^##\s+/, "").trim();
    sections.push({ heading, version: m[1] ?? "", month: m[2] ?? null, build, line: i + 1 });
  }
  return sections;
}

/** The catalog name of a section's release: `23H2` or `23H2 – March 2024`. */
export function releaseName(version: string, month: string | null): string {
  return month === null ? version : `${version} – ${month.replace(/\s+/g, " ")}`;
}

/** All releases, oldest build first. Feature releases whose section exists must agree with the table. */
export function parseOsReleases(releaseNotes: ReferenceFile, releaseNotes2004: ReferenceFile): OsRelease[] {
  const features = parseFeatureReleases(releaseNotes);
  const releases: OsRelease[] = [...features];
  for (const file of [releaseNotes, releaseNotes2004]) {
    for (const section of parseReleaseSections(file)) {
      if (section.month === null) {
        const feature = features.find((f) => f.name === section.version);
        if (feature && feature.build !== section.build) {
          throw new ReferenceFormatError(file.path, section.line, `section says ${section.version} is ${section.build}, the release table says ${feature.build}`);
        }
        continue;
      }
      const date = monthYear(section.month);
      if (!date) throw new ReferenceFormatError(file.path, section.line, `cannot read month "${section.month}"`);
      releases.push({ name: releaseName(section.version, section.month), build: section.build, date, kind: "monthly", source: sourceOf(file) });
    }
  }
  const seen = new Set<string>();
  for (const r of releases) {
    const key = `${r.kind}:${r.name}`;
    if (seen.has(key)) throw new ReferenceFormatError(r.source.file, null, `release "${r.name}" appears twice`);
    seen.add(key);
  }
  return releases.sort((a, b) => compareBuilds(a.build, b.build) || (a.kind === b.kind ? 0 : a.kind === "feature" ? -1 : 1) || compareText(a.name, b.name));
}
