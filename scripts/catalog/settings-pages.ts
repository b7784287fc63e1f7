/**
 * Settings pages of HoloLens 2 for `Settings/PageVisibilityList`: the per-group URI tables of
 * `docs/settings-uri-list.md` (with their footnotes), pages deprecated in the release notes
 * (`**Deprecated: ms-settings:…**` inside a release section) and the `appupdate` page of
 * `docs/holographic-store-apps.md`.
 */
import type { OsRelease, SettingsPage } from "../../src/catalog/types.ts";
import { cleanCell, footnoteMarks, parseMarkdownTables, splitBr } from "./markdown.ts";
import { RELEASE_SECTION, releaseName } from "./os-releases.ts";
import { ReferenceFormatError, lineAt, sourceOf, type ReferenceFile } from "./reference.ts";
import { compareText } from "./sort.ts";

/** The only group the guide keeps visible (hololens-facts §11). */
const NETWORK_GROUP = "Network & Internet";

type Footnote = { minRelease: string } | { note: string };

function parseFootnotes(file: ReferenceFile): Map<string, Footnote> {
  const notes = new Map<string, Footnote>();
  const lines = file.text.split(/\r?\n/);
  lines.forEach((line) => {
    const m = /^-\s*<sup>(\d+)<\/sup>\s*-\s*(.*)$/.exec(line.trim());
    if (!m) return;
    const body = m[2] ?? "";
    const release = /Available in Windows Holographic,?\s+(?:version\s+)?([0-9A-Za-z]+)\s+or higher/i.exec(body);
    if (release) {
      notes.set(m[1] ?? "", { minRelease: release[1] ?? "" });
      return;
    }
    // A note whose detail follows as an indented list (footnote 1 names the two URIs it is about).
    notes.set(m[1] ?? "", { note: cleanCell(body).replace(/[,:]$/, "") });
  });
  return notes;
}

function releaseBuild(releases: readonly OsRelease[], name: string, file: string): string {
  const build = releases.find((r) => r.kind === "feature" && r.name === name)?.build;
  if (!build) throw new ReferenceFormatError(file, null, `no feature release ${name}`);
  return build;
}

export function parseSettingsUriList(file: ReferenceFile, releases: readonly OsRelease[]): SettingsPage[] {
  const footnotes = parseFootnotes(file);
  const pages = new Map<string, SettingsPage>();
  const tables = parseMarkdownTables(file.text).filter((t) => t.header.some((h) => /settings page/i.test(h)) && t.header.some((h) => /^URI$/i.test(h)));
  if (tables.length === 0) throw new ReferenceFormatError(file.path, null, "no Settings URI tables");
  for (const table of tables) {
    const group = table.heading;
    if (!group) throw new ReferenceFormatError(file.path, table.line, "URI table without a group heading");
    for (const row of table.rows) {
      const pageCell = row.cells[0] ?? "";
      const displayName = cleanCell(pageCell);
      const pageMarks = footnoteMarks(pageCell);
      for (const uriCell of splitBr(row.cells[1] ?? "")) {
        const id = cleanCell(uriCell);
        if (!/^[A-Za-z-]+$/.test(id)) throw new ReferenceFormatError(file.path, row.line, `"${id}" is not a settings page id`);
        let minBuild: string | null = null;
        const notes: string[] = [];
        for (const mark of [...pageMarks, ...footnoteMarks(uriCell)]) {
          const note = footnotes.get(mark);
          if (!note) throw new ReferenceFormatError(file.path, row.line, `footnote ${mark} is not defined`);
          if ("minRelease" in note) minBuild = releaseBuild(releases, note.minRelease, file.path);
          else notes.push(note.note);
        }
        const previous = pages.get(id);
        if (previous) {
          // `windowsupdate-options` is listed under "Advanced Options" and again under "Windows Update" with footnote 1.
          if (previous.group !== group) throw new ReferenceFormatError(file.path, row.line, `${id} is listed in two groups`);
          if (notes.length > 0) previous.note = [previous.note, ...notes].filter(Boolean).join("; ");
          continue;
        }
        const page: SettingsPage = { id, displayName, group, network: group === NETWORK_GROUP, minBuild, deprecatedFromBuild: null, source: sourceOf(file) };
        if (notes.length > 0) page.note = notes.join("; ");
        pages.set(id, page);
      }
    }
  }
  return [...pages.values()];
}

/**
 * `**Deprecated: ms-settings:<id>**` → deprecated from the release whose `## Windows Holographic, version …`
 * section holds the sentence (the nearest `##` heading above it must be such a section).
 */
export function parseDeprecatedPages(releaseNotes: ReferenceFile, releases: readonly OsRelease[]): Map<string, string> {
  const deprecated = new Map<string, string>();
  for (const m of releaseNotes.text.matchAll(/\*\*Deprecated:\s*ms-settings:([A-Za-z-]+)\*\*/g)) {
    const line = lineAt(releaseNotes.text, m.index ?? 0);
    const heading = [...releaseNotes.text.slice(0, m.index).matchAll(/^##\s.*$/gm)].at(-1)?.[0] ?? "";
    const section = RELEASE_SECTION.exec(heading);
    if (!section) throw new ReferenceFormatError(releaseNotes.path, line, "deprecation outside a release section");
    const name = releaseName(section[1] ?? "", section[2] ?? null);
    const build = releases.find((r) => r.name === name)?.build;
    if (!build) throw new ReferenceFormatError(releaseNotes.path, line, `no release ${name}`);
    deprecated.set(m[1] ?? "", build);
  }
  return deprecated;
}

/** The `appupdate` page: `go to Apps -> App updates`, URI `ms-settings:appupdate`, "only … on 23H1 and later builds". */
export function parseAppUpdatePage(storeApps: ReferenceFile, releases: readonly OsRelease[]): SettingsPage {
  const place = /go to ([A-Za-z &]+?) -> ([A-Za-z &]+?)\./.exec(storeApps.text);
  const uri = /PageVisibilityList[^\n]*`ms-settings:([A-Za-z-]+)`/.exec(storeApps.text);
  const release = /only available to users on ([0-9A-Za-z]+) and later builds/.exec(storeApps.text);
  if (!place || !uri || !release) throw new ReferenceFormatError(storeApps.path, null, "cannot find the Settings app-updates page (place, URI, release)");
  const group = place[1] ?? "";
  return {
    id: uri[1] ?? "",
    displayName: place[2] ?? "",
    group,
    network: group === NETWORK_GROUP,
    minBuild: releaseBuild(releases, release[1] ?? "", storeApps.path),
    deprecatedFromBuild: null,
    source: sourceOf(storeApps),
  };
}

export function buildSettingsPages(uriList: ReferenceFile, releaseNotes: ReferenceFile, storeApps: ReferenceFile, releases: readonly OsRelease[]): SettingsPage[] {
  const pages = parseSettingsUriList(uriList, releases);
  for (const [id, build] of parseDeprecatedPages(releaseNotes, releases)) {
    const page = pages.find((p) => p.id === id);
    if (!page) throw new ReferenceFormatError(releaseNotes.path, null, `deprecated page ${id} is not in ${uriList.path}`);
    page.deprecatedFromBuild = build;
  }
  const appUpdate = parseAppUpdatePage(storeApps, releases);
  if (pages.some((p) => p.id === appUpdate.id)) throw new ReferenceFormatError(storeApps.path, null, `${appUpdate.id} is already in ${uriList.path}`);
  pages.push(appUpdate);
  return pages.sort((a, b) => compareText(a.id, b.id));
}
