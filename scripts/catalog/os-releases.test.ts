import { describe, expect, it } from "vitest";
import { monthYear, parseFeatureReleases, parseOsReleases, parseReleaseSections } from "./os-releases.ts";
import { referenceFile } from "./reference.ts";

const md = (path: string, lines: string[]) => referenceFile(path, Buffer.from(lines.join("\n")));

const notes = md("docs/hololens-release-notes.md", [
  "| Major release   number | Feature release name | Date | Build number |",
  "|---|---|---|---|",
  "| 22621| [Windows Holographic, version 23H2](#a) <br> [Windows Holographic, version 23H1](#b)  | October 2023  <br> June 2023   | 22621.1244  <br> 22621.1113 |",
  "| 19041 | [Windows Holographic, version 20H2](x.md#c) | Nov 2020 | 19041.1128 |",
  "",
  "## Windows Holographic, version 23H2 - March 2024 Update",
  "",
  "- Build 22621.1266",
  "",
  "## Windows Holographic, version 23H2 - October 2023 Update",
  "- Build 22621.1244",
  "## Windows Holographic, version 23H1",
  "### Something",
  "Build 22621.1113 is the one.",
]);
const notes2004 = md("docs/hololens-release-notes-2004.md", ["## Windows Holographic, version 20H2 – December 2020 Update", "- Build 19041.1131", "## Windows Holographic, version 20H2", "- Build - 19041.1128"]);

describe("monthYear", () => {
  it("reads full and short month names", () => {
    expect(monthYear("Nov 2020")).toBe("2020-11");
    expect(monthYear("November 2022")).toBe("2022-11");
    expect(monthYear("June 2023")).toBe("2023-06");
    expect(monthYear("Smarch 2020")).toBeUndefined();
    expect(monthYear("2020")).toBeUndefined();
  });
});

describe("parseOsReleases", () => {
  it("reads the feature table, including rows that list several releases with <br>", () => {
    expect(parseFeatureReleases(notes).map((r) => [r.name, r.build, r.date])).toEqual([
      ["23H2", "22621.1244", "2023-10"],
      ["23H1", "22621.1113", "2023-06"],
      ["20H2", "19041.1128", "2020-11"],
    ]);
  });

  it("reads monthly sections from both pages (hyphen or en dash), oldest first, with their source", () => {
    const releases = parseOsReleases(notes, notes2004);
    expect(releases.map((r) => `${r.kind} ${r.name} ${r.build} ${r.date}`)).toEqual([
      "feature 20H2 19041.1128 2020-11",
      "monthly 20H2 – December 2020 19041.1131 2020-12",
      "feature 23H1 22621.1113 2023-06",
      "feature 23H2 22621.1244 2023-10",
      "monthly 23H2 – October 2023 22621.1244 2023-10",
      "monthly 23H2 – March 2024 22621.1266 2024-03",
    ]);
    expect(releases[1]?.source.file).toBe("docs/hololens-release-notes-2004.md");
  });

  it("keeps each section's heading for anchors", () => {
    expect(parseReleaseSections(notes)[0]).toMatchObject({ heading: "Windows Holographic, version 23H2 - March 2024 Update", version: "23H2", month: "March 2024", build: "22621.1266", line: 6 });
  });

  it("refuses a section without a build, and a feature section that contradicts the table", () => {
    expect(() => parseReleaseSections(md("n.md", ["## Windows Holographic, version 23H2 - May 2024 Update", "no build here", "## Next"]))).toThrow(/n\.md:1: .*states no build/);
    const bad = md("docs/hololens-release-notes-2004.md", ["## Windows Holographic, version 20H2", "- Build 19041.1129"]);
    expect(() => parseOsReleases(notes, bad)).toThrow(/20H2 is 19041\.1129, the release table says 19041\.1128/);
  });

  it("refuses a feature table row with unequal lists", () => {
    const bad = md("r.md", ["| Major | Feature release name | Date | Build |", "|---|---|---|---|", "| 1 | [Windows Holographic, version 23H2](#a) <br> [Windows Holographic, version 23H1](#b) | October 2023 | 22621.1244 |"]);
    expect(() => parseFeatureReleases(bad)).toThrow(/r\.md:3: feature release row has unequal numbers/);
  });
});
