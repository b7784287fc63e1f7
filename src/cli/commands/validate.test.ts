import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

function holofleet(...args: string[]) {
  const run = spawnSync("npx", ["tsx", "src/cli/main.ts", ...args], { cwd: repoRoot, encoding: "utf8" });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const noStackTrace = (text: string) => {
  expect(text).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
  expect(text).not.toContain("internal error");
};

describe("holofleet validate", () => {
  it.each([
    ["syntax-tab-indent", "test/fixtures/blueprints/syntax-tab-indent.yaml:7:1  HF1003"],
    ["unknown-key-kiosk", "test/fixtures/blueprints/unknown-key-kiosk.yaml:8:5  HF1010"],
    ["bad-enum-usb", "test/fixtures/blueprints/bad-enum-usb.yaml:7:8  HF1013"],
    ["browser-allowed", "test/fixtures/blueprints/browser-allowed.yaml:8:19  HF2003"],
  ])("%s → exit 1 with a located diagnostic and no stack trace", (name, expected) => {
    const run = holofleet("validate", `test/fixtures/blueprints/${name}.yaml`);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(expected);
    expect(run.stderr).toMatch(/invalid — 1 error/);
    noStackTrace(run.stderr + run.stdout);
  });

  it("a valid example → exit 0, warnings printed", () => {
    const ok = holofleet("validate", "examples/same-tenant-three-clients.holofleet.yaml");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("examples/same-tenant-three-clients.holofleet.yaml: valid");
    const warned = holofleet("validate", "test/fixtures/blueprints/warn-usb-on.yaml");
    expect(warned.code).toBe(0);
    expect(warned.stdout).toContain("warn-usb-on.yaml:7:8  HF2021  warning");
    expect(warned.stdout).toContain("valid (1 warning)");
  });

  it("a missing file → exit 1, HF9001, no stack trace", () => {
    const run = holofleet("validate", "nope.holofleet.yaml");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("HF9001");
    noStackTrace(run.stderr);
  });

  it("--json → a versioned report", () => {
    const run = holofleet("validate", "--json", "test/fixtures/blueprints/bad-enum-usb.yaml");
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { formatVersion: number; valid: boolean; diagnostics: { code: string }[] };
    expect(report).toMatchObject({ formatVersion: 1, valid: false });
    expect(report.diagnostics.map((d) => d.code)).toEqual(["HF1013"]);
  });
});
