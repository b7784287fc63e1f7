import { describe, expect, it } from "vitest";
import type { OsRelease } from "../../src/catalog/types.ts";
import { buildStatedIn, DOC_FEATURES, parseDocFeatureMinimums } from "./feature-minimums.ts";
import { referenceFile } from "./reference.ts";

const source = { file: "docs/hololens-release-notes.md", sha256: "0".repeat(64) };
const releases: OsRelease[] = [
  { name: "2004", build: "19041.1103", date: "2020-05", kind: "feature", source },
  { name: "20H2", build: "19041.1128", date: "2020-11", kind: "feature", source },
];

describe("buildStatedIn", () => {
  it("reads explicit builds, release names and the kiosk page's short form", () => {
    expect(buildStatedIn("Make sure that they use Windows Holographic for Business build 10.0.18362.1042 or a later build.", releases)).toBe("18362.1042");
    expect(buildStatedIn("Starting with [Windows Holographic, version 20H2](x.md#y) an IT Admin can", releases)).toBe("19041.1128");
    expect(buildStatedIn("| Global assigned access requires [20H2 and newer builds](x.md) |", releases)).toBe("19041.1128");
    expect(buildStatedIn(" [Windows Holographic, version 2004](x.md) (build 19041.1103) or later | 1. Self-deploying", releases)).toBe("19041.1103");
  });

  it("returns undefined for no build, an unknown release, or a name and build that disagree", () => {
    expect(buildStatedIn("no build here", releases)).toBeUndefined();
    expect(buildStatedIn("as of Windows Holographic, version 99H9.", releases)).toBeUndefined();
    expect(buildStatedIn("[Windows Holographic, version 2004](x.md) (build 19041.1128)", releases)).toBeUndefined();
  });
});

describe("parseDocFeatureMinimums", () => {
  it("fails with the file and feature when the stating line is gone", () => {
    const empty = (path: string) => referenceFile(path, Buffer.from("nothing relevant\n"));
    expect(() => parseDocFeatureMinimums(empty, releases)).toThrow(new RegExp(`${DOC_FEATURES[0]?.file}: ${DOC_FEATURES[0]?.id}: no line matches`));
  });

  it("fails when the line names no known build", () => {
    const files = (path: string) => referenceFile(path, Buffer.from(path === "docs/hololens-kiosk.md" ? "| Every user who signs in gets kiosk experience. | x | requires [25H1 and newer builds](x) |\n" : ""));
    expect(() => parseDocFeatureMinimums(files, releases)).toThrow(/hololens-kiosk\.md:1: global-assigned-access: the line states no known build/);
  });
});
