import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

function holofleet(...args: string[]) {
  const run = spawnSync(process.execPath, ["bin/holofleet.js", ...args], { cwd: repoRoot, encoding: "utf8" });
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

describe("holofleet validate: large input", () => {
  const dir = mkdtempSync(join(tmpdir(), "holofleet-validate-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("2,000 unknown keys → the first 50 diagnostics, then the count of the rest; the summary counts all; --json lists all", () => {
    const example = readFileSync(join(repoRoot, "examples/same-tenant-three-clients.holofleet.yaml"), "utf8");
    const keys = Array.from({ length: 2000 }, (_, i) => `  unknownKey${String(i).padStart(4, "0")}: value`);
    const file = join(dir, "unknown-keys.yaml");
    writeFileSync(file, example.replace("\ntenant:\n", `\ntenant:\n${keys.join("\n")}\n`));

    const text = holofleet("validate", file);
    expect(text.code).toBe(1);
    const lines = text.stderr.trimEnd().split("\n");
    expect(lines.filter((l) => /\s+HF1010\s+unknown key/.test(l))).toHaveLength(50);
    expect(lines[0]).toMatch(/unknown-keys\.yaml:\d+:3\s+HF1010\s+unknown key `unknownKey0000`/);
    expect(lines.at(-2)).toBe("… and 1950 more (1950 errors) not shown; --json lists them all");
    expect(lines.at(-1)).toMatch(/invalid — 2000 errors$/);

    const json = holofleet("validate", "--json", file);
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as { diagnostics: unknown[] }).diagnostics).toHaveLength(2000);
  });

  it("a file over the 4 MiB limit → exit 1, located HF9005, no stack trace", () => {
    const file = join(dir, "huge.yaml");
    writeFileSync(file, "apiVersion: holofleet/v1\n");
    truncateSync(file, 50 * 1024 * 1024); // sparse: 50 MB that take no disk space
    const run = holofleet("validate", file);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file}:1:1  HF9005  blueprint ${file} is 52428800 bytes, over the limit of 4 MiB (4194304 bytes)`);
    noStackTrace(run.stderr);
  });
});
