import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { buildProgram } from "../main.ts";
import { runCli } from "../run.ts";
import { locateDiagnostics } from "./compile.ts";

const EXAMPLES = fileURLToPath(new URL("../../../examples/", import.meta.url));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "holofleet-cli-compile-"));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  const argv = ["node", "holofleet", ...args];
  const code = await runCli(await buildProgram(argv), argv);
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

describe("holofleet compile", () => {
  it("an example → exit 0, artifacts and manifest.json written", async () => {
    const out = path.join(dir, "out");
    const { code, stdout } = await run("compile", path.join(EXAMPLES, "same-tenant-three-clients.holofleet.yaml"), "--out", out);
    expect(code).toBe(0);
    expect(stdout).toMatch(/wrote \d+ artifacts/);
    const manifest = JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8")) as { artifacts: { file: string }[] };
    const files = await readdir(out, { recursive: true });
    for (const entry of manifest.artifacts) expect(files).toContain(entry.file.split("/").join(path.sep));
    expect(await readFile(path.join(out, "kiosk/assigned-access.xml"), "utf8")).toContain("<v3:GlobalProfile");
  });

  it("the same blueprint twice → identical files", async () => {
    const bp = path.join(EXAMPLES, "service-tenant.holofleet.yaml");
    await run("compile", bp, "--out", path.join(dir, "a"));
    await run("compile", bp, "--out", path.join(dir, "b"));
    const a = await readFile(path.join(dir, "a/manifest.json"), "utf8");
    expect(await readFile(path.join(dir, "b/manifest.json"), "utf8")).toBe(a);
  });

  it("a compile error → exit 1, a located diagnostic, no stack trace, nothing written", async () => {
    const file = path.join(dir, "old-baseline.holofleet.yaml");
    await writeFile(
      file,
      [
        "apiVersion: holofleet/v1",
        "metadata:",
        "  name: old-baseline",
        "tenant:",
        "  domain: contoso.onmicrosoft.com",
        "licensing:",
        "  disabledServicePlans: [EXCHANGE_S_ENTERPRISE, NOT_A_PLAN]",
        "clients:",
        "  - id: fabrikam",
        "    accounts: [fabrikam-op01]",
        "",
      ].join("\n"),
    );
    const out = path.join(dir, "out");
    const { code, stderr } = await run("compile", file, "--out", out);
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:7:\\d+  HF\\d{4}  `));
    expect(stderr).not.toMatch(/\n\s+at /);
    await expect(readdir(out)).rejects.toThrow();
  });

  it("a missing blueprint → exit 1 with HF9001", async () => {
    const { code, stderr } = await run("compile", path.join(dir, "nope.yaml"), "--out", path.join(dir, "out"));
    expect(code).toBe(1);
    expect(stderr).toContain("HF9001");
  });

  it("an --out directory holding other files → exit 1 with HF9004, files kept", async () => {
    await writeFile(path.join(dir, "keep.txt"), "keep");
    const { code, stderr } = await run("compile", path.join(EXAMPLES, "minimal.holofleet.yaml"), "--out", dir);
    expect(code).toBe(1);
    expect(stderr).toContain("HF9004");
    expect(await readFile(path.join(dir, "keep.txt"), "utf8")).toBe("keep");
  });

  it("an --out holding another tool's manifest.json, files and a sub-folder → exit 1 with HF9004 and the reason, all kept", async () => {
    const out = path.join(dir, "dist");
    await mkdir(path.join(out, "js"), { recursive: true });
    await writeFile(path.join(out, "manifest.json"), '{"files":{"main.js":"js/main.js"}}');
    await writeFile(path.join(out, "js", "main.js"), "console.log(1)");
    const { code, stderr } = await run("compile", path.join(EXAMPLES, "minimal.holofleet.yaml"), "--out", out);
    expect(code).toBe(1);
    expect(stderr).toMatch(/HF9004\s+.*dist is not empty and holofleet may not replace it: its manifest\.json is not holofleet's/);
    expect(await readFile(path.join(out, "manifest.json"), "utf8")).toBe('{"files":{"main.js":"js/main.js"}}');
    expect(await readFile(path.join(out, "js", "main.js"), "utf8")).toBe("console.log(1)");
  });

  it("compiling twice into the same --out → the second run replaces holofleet's own output", async () => {
    const out = path.join(dir, "out");
    expect((await run("compile", path.join(EXAMPLES, "minimal.holofleet.yaml"), "--out", out)).code).toBe(0);
    const again = await run("compile", path.join(EXAMPLES, "same-tenant-three-clients.holofleet.yaml"), "--out", out);
    expect(again.code).toBe(0);
    const manifest = JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8")) as { blueprint: string };
    expect(manifest.blueprint).toBe("contoso-field-support");
  });

  it("--json → a report with the manifest, or with the located errors and written: false", async () => {
    const ok = await run("compile", path.join(EXAMPLES, "minimal.holofleet.yaml"), "--out", path.join(dir, "out"), "--json");
    expect(ok.code).toBe(0);
    const good = JSON.parse(ok.stdout) as { formatVersion: number; written: boolean; manifest: { artifacts: unknown[] } };
    expect(good).toMatchObject({ formatVersion: 1, written: true });
    expect(good.manifest.artifacts.length).toBeGreaterThan(10);

    const bad = path.join(dir, "bad.holofleet.yaml");
    await writeFile(bad, "apiVersion: holofleet/v1\nmetadata: {name: x}\ntenant: {domain: contoso.onmicrosoft.com}\nclients: []\nunknownSection: 1\n");
    const failed = await run("compile", bad, "--out", path.join(dir, "out2"), "--json");
    expect(failed.code).toBe(1);
    const report = JSON.parse(failed.stdout) as { written: boolean; diagnostics: { code: string; source?: { start: { line: number } } }[] };
    expect(report.written).toBe(false);
    expect(report.diagnostics.some((d) => d.source?.start.line === 5)).toBe(true);
  });

  it("--out is required", async () => {
    const { code } = await run("compile", path.join(EXAMPLES, "minimal.holofleet.yaml"));
    expect(code).toBe(1);
  });
});

describe("locateDiagnostics", () => {
  it("gives compiler diagnostics the position of their blueprint key; located ones stay as they are", () => {
    const sourceMap = { file: "bp.yaml", locate: (p: readonly (string | number)[]) => ({ line: p.length, col: 3 }) };
    const located = { severity: "error" as const, code: "HF3103", message: "x", source: { file: "kiosk.xml", start: { line: 9, col: 1 } } };
    const [a, b, c] = locateDiagnostics(
      [
        { severity: "error", code: "HF3006", message: "m", path: ["devices", "restrictions", "captivePortalBeforeLogon"] },
        located,
        { severity: "warning", code: "HF3301", message: "w" },
      ],
      sourceMap,
    );
    expect(a!.source).toEqual({ file: "bp.yaml", start: { line: 3, col: 3 } });
    expect(b).toBe(located);
    expect(c!.source).toBeUndefined();
  });
});
