import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "holofleet-gen-catalog-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(referenceDir: string, ...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", join(root, "scripts", "gen-catalog.ts"), ...args], {
    cwd: root,
    env: { ...process.env, HOLOFLEET_REFERENCE_DIR: referenceDir },
    encoding: "utf8",
  });
}

describe("npm run catalog (shell)", () => {
  it("exits 1 with a one-line message when the reference folder is missing", () => {
    const result = run(join(scratch, "nowhere"), "--check");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^gen-catalog: reference folder not found at .*nowhere \(set HOLOFLEET_REFERENCE_DIR\)\n$/);
  });

  it("names the missing reference file instead of printing a stack trace", () => {
    const dir = join(scratch, "empty");
    mkdirSync(join(dir, "ddf"), { recursive: true });
    mkdirSync(join(dir, "docs"), { recursive: true });
    const result = run(dir, "--check");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^gen-catalog: ENOENT: .*hololens-release-notes\.md/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
