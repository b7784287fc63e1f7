/**
 * End to end: the real CLI (`node bin/holofleet.js`) in a temp working directory, the way the README
 * runs it — validate → compile --out → tenant local start/status/stop — and its answers to bad input:
 * located diagnostics without stack traces, exit 1, and nothing half-written.
 */
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filesUnder } from "./support/output-files.ts";
import { cliRunner, pidAlive, stopByPid, type CliRun, type CliRunner } from "./support/run-cli.ts";

const EXAMPLE = fileURLToPath(new URL("../../examples/same-tenant-three-clients.holofleet.yaml", import.meta.url));
/** A Node.js stack frame, as an uncaught error would print it. */
const STACK_FRAME = /^\s+at .+[(:]\d+/m;

interface Manifest {
  formatVersion: number;
  blueprint: string;
  artifacts: { file: string; kind: string; sha256: string; bytes: number }[];
}

function expectCleanFailure(run: CliRun): void {
  expect(run.code, run.stderr).toBe(1);
  expect(run.stderr).not.toMatch(STACK_FRAME);
  expect(run.stdout).not.toMatch(STACK_FRAME);
  expect(run.stderr).not.toContain("internal error");
}

/** Leftovers of the atomic writer (`.<name>.tmp-*`) next to an output dir. */
function stagingLeftovers(parent: string): string[] {
  return readdirSync(parent).filter((n) => /\.tmp-/.test(n));
}

let work: string;
let cli: CliRunner;
let tenantPid: number | null = null;
const tenantDir = () => join(work, "tenant");

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "holofleet-e2e-cli-"));
  copyFileSync(EXAMPLE, join(work, "holofleet.yaml"));
  cli = cliRunner(work);
});

afterAll(async () => {
  // Whatever failed above, the tenant this file started is stopped — by its pid, nothing broader.
  const file = join(tenantDir(), "tenant.json");
  const recorded = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { pid: number | null }).pid : null;
  await stopByPid(tenantPid);
  if (recorded !== tenantPid) await stopByPid(recorded);
  rmSync(work, { recursive: true, force: true });
});

describe("the README flow", () => {
  it("validate → exit 0", async () => {
    const run = await cli.run(["validate", "holofleet.yaml"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^holofleet\.yaml: valid/m);
    expect(run.stderr).toBe("");
  });

  it("compile --out → exit 0, and manifest.json lists every file with its real SHA-256 and size", async () => {
    const run = await cli.run(["compile", "holofleet.yaml", "--out", "out"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/wrote \d+ artifacts \(\d+ Graph resources\) to out/);
    const manifest = JSON.parse(readFileSync(join(work, "out", "manifest.json"), "utf8")) as Manifest;
    expect(manifest.formatVersion).toBe(1);
    expect(manifest.blueprint).toBe("contoso-field-support");
    const onDisk = filesUnder(join(work, "out"));
    // Exactly the manifest's files plus the manifest itself: nothing missing, nothing extra.
    expect(onDisk.map((f) => f.file)).toEqual([...manifest.artifacts.map((a) => a.file), "manifest.json"].sort());
    for (const entry of manifest.artifacts) {
      const bytes = onDisk.find((f) => f.file === entry.file)!.bytes;
      expect({ file: entry.file, sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.byteLength }).toEqual({
        file: entry.file,
        sha256: entry.sha256,
        bytes: entry.bytes,
      });
    }
    expect(manifest.artifacts.map((a) => a.kind)).toEqual(expect.arrayContaining(["kiosk-xml", "app-control-binary", "oma-settings", "graph-body"]));
    expect(stagingLeftovers(work)).toEqual([]);
  });

  it("compiling again replaces the output with the same bytes", async () => {
    const before = filesUnder(join(work, "out"));
    const run = await cli.run(["compile", "holofleet.yaml", "--out", "out"]);
    expect(run.code, run.stderr).toBe(0);
    expect(filesUnder(join(work, "out"))).toEqual(before);
    expect(stagingLeftovers(work)).toEqual([]);
  });

  it("tenant local start --port 0 --dir → exit 0, a running tenant recorded in tenant.json", async () => {
    const run = await cli.run(["tenant", "local", "start", "--port", "0", "--dir", "tenant"]);
    const file = join(tenantDir(), "tenant.json");
    if (existsSync(file)) tenantPid = (JSON.parse(readFileSync(file, "utf8")) as { pid: number | null }).pid;
    expect(run.code, run.stderr).toBe(0);
    const info = JSON.parse(readFileSync(file, "utf8")) as { graphUrl: string; pid: number };
    expect(info.graphUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(Number(new URL(info.graphUrl).port)).toBeGreaterThan(0);
    expect(pidAlive(info.pid)).toBe(true);
    expect(run.stdout).toContain(`(pid ${info.pid})`);
    // The CLI itself waits up to 30 s for the tenant to answer.
  }, 90_000);

  it("tenant local status → exit 0 while it runs", async () => {
    const run = await cli.run(["tenant", "local", "status", "--dir", "tenant"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^running\\s+https://127\\.0\\.0\\.1:\\d+\\s+tenant \\S+\\s+pid ${tenantPid}$`, "m"));
  });

  it("tenant local stop → exit 0, and the process is gone", async () => {
    expect(tenantPid).not.toBeNull();
    const run = await cli.run(["tenant", "local", "stop", "--dir", "tenant"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`local tenant stopped (pid ${tenantPid})`);
    expect(pidAlive(tenantPid!)).toBe(false);
    const info = JSON.parse(readFileSync(join(tenantDir(), "tenant.json"), "utf8")) as { pid: number | null };
    expect(info.pid).toBeNull();
  });

  it("tenant local status → exit 1 once stopped", async () => {
    const run = await cli.run(["tenant", "local", "status", "--dir", "tenant"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^stopped\s+\(last at https:\/\/127\.0\.0\.1:\d+/m);
  });
});

describe("bad input", () => {
  it("a blueprint with a wrong value → exit 1, file:line:col diagnostic, no stack trace, no output dir", async () => {
    writeFileSync(
      join(work, "wrong-value.yaml"),
      ["apiVersion: holofleet/v1", "metadata:", "  name: broken", "tenant:", "  domain: contoso.onmicrosoft.com", "devices:", "  usb: sideways", "clients:", "  - id: fabrikam", "    accounts: [fabrikam-op01]", ""].join("\n"),
    );
    for (const args of [["validate", "wrong-value.yaml"], ["compile", "wrong-value.yaml", "--out", "out-wrong-value"]]) {
      const run = await cli.run(args);
      expectCleanFailure(run);
      expect(run.stderr).toMatch(/^wrong-value\.yaml:7:8\s+HF\d{4}\s+.*devices\.usb.*sideways/m);
    }
    expect(existsSync(join(work, "out-wrong-value"))).toBe(false);
    expect(stagingLeftovers(work)).toEqual([]);
  });

  it("a YAML syntax error → exit 1, located at the broken line, no stack trace, no output dir", async () => {
    writeFileSync(join(work, "syntax.yaml"), ["apiVersion: holofleet/v1", "metadata:", "  name: broken", "tenant:", '  domain: "contoso.onmicrosoft.com', "clients: []", ""].join("\n"));
    const run = await cli.run(["compile", "syntax.yaml", "--out", "out-syntax"]);
    expectCleanFailure(run);
    expect(run.stderr).toMatch(/^syntax\.yaml:\d+:\d+\s+HF1\d{3}\s+YAML: /m);
    const [, line] = /^syntax\.yaml:(\d+):\d+/m.exec(run.stderr) ?? [];
    expect(Number(line)).toBeGreaterThanOrEqual(5);
    expect(existsSync(join(work, "out-syntax"))).toBe(false);
  });

  it("an --out below a regular file → exit 1 with a clear message, nothing written", async () => {
    writeFileSync(join(work, "not-a-dir"), "x");
    const run = await cli.run(["compile", "holofleet.yaml", "--out", "not-a-dir/out"]);
    expectCleanFailure(run);
    expect(run.stderr).toMatch(/HF9002\s+cannot (create|write to) .*not-a-dir/);
    expect(readFileSync(join(work, "not-a-dir"), "utf8")).toBe("x");
  });

  it.skipIf(process.getuid?.() === 0)("an --out in a read-only directory → exit 1 with a clear message, nothing written", async () => {
    const ro = join(work, "read-only");
    mkdirSync(ro);
    chmodSync(ro, 0o500);
    try {
      const run = await cli.run(["compile", "holofleet.yaml", "--out", "read-only/out"]);
      expectCleanFailure(run);
      expect(run.stderr).toMatch(/HF9002\s+cannot write to .*read-only/);
      expect(readdirSync(ro)).toEqual([]);
    } finally {
      chmodSync(ro, 0o700);
    }
  });

  it("an --out that is someone else's non-empty folder → exit 1, the folder untouched", async () => {
    mkdirSync(join(work, "documents"));
    writeFileSync(join(work, "documents", "notes.txt"), "keep me");
    const run = await cli.run(["compile", "holofleet.yaml", "--out", "documents"]);
    expectCleanFailure(run);
    expect(run.stderr).toMatch(/HF9004\s+documents is not empty and holofleet may not replace it: it holds no manifest\.json, so it is not a holofleet compile output/);
    expect(filesUnder(join(work, "documents")).map((f) => [f.file, f.bytes.toString("utf8")])).toEqual([["notes.txt", "keep me"]]);
    expect(stagingLeftovers(work)).toEqual([]);
  });
});
