import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { referenceDir } from "./disk.ts";
import { diffGenerated, writeGenerated } from "./write.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "holofleet-catalog-"));
  dirs.push(dir);
  return dir;
}

describe("diffGenerated / writeGenerated", () => {
  it("writes missing and changed modules, removes stale ones, and then reports nothing to do", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "apps.ts"), "old\n");
    writeFileSync(join(dir, "same.ts"), "same\n");
    writeFileSync(join(dir, "gone.ts"), "x\n");
    writeFileSync(join(dir, "notes.md"), "not a module\n");
    const files = new Map([
      ["apps.ts", "new\n"],
      ["same.ts", "same\n"],
      ["skus.ts", "skus\n"],
    ]);
    const diff = diffGenerated(files, dir);
    expect(diff).toEqual({ stale: ["apps.ts", "skus.ts"], extra: ["gone.ts"] });
    writeGenerated(files, dir, diff);
    expect(readdirSync(dir).sort()).toEqual(["apps.ts", "notes.md", "same.ts", "skus.ts"]);
    expect(readFileSync(join(dir, "apps.ts"), "utf8")).toBe("new\n");
    expect(diffGenerated(files, dir)).toEqual({ stale: [], extra: [] });
  });

  it("treats a missing directory as all stale", () => {
    const dir = join(tempDir(), "generated");
    expect(diffGenerated(new Map([["a.ts", "a"]]), dir)).toEqual({ stale: ["a.ts"], extra: [] });
  });
});

describe("referenceDir", () => {
  it("honours HOLOFLEET_REFERENCE_DIR, else sits beside the repository", () => {
    expect(referenceDir({ HOLOFLEET_REFERENCE_DIR: "/srv/ref" })).toBe("/srv/ref");
    expect(referenceDir({}).replace(/\\/g, "/")).toMatch(/\/shared\/reference$/);
  });
});
