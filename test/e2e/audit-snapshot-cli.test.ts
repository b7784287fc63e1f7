/**
 * End to end through the CLI: `holofleet snapshot --out` against a local tenant the example was applied to writes
 * a snapshot that the offline audit reads, holding none of the secrets planted in the tenant (the app's client
 * secret, its tokens, the generated client passwords); the live `holofleet audit` (no --snapshot) gives the same
 * results as the offline audit of that file. A snapshot that cannot be written leaves nothing behind.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadBlueprintFile } from "../../src/blueprint/load.ts";
import { compileChecked } from "../../src/compile/compile-checked.ts";
import { parseSnapshot } from "../../src/posture/snapshot/load.ts";
import { tenantFileSchema, type TenantFile } from "../../src/tenant-sim/tenant-file.ts";
import { applyDesired } from "./support/apply-desired.ts";
import { cliRunner, stopByPid, type CliRunner } from "./support/run-cli.ts";
import { tenantFileClient, type TenantFileClient } from "./support/tenant-file-client.ts";

const EXAMPLE = fileURLToPath(new URL("../../examples/minimal.holofleet.yaml", import.meta.url));
const JWT = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/;

let work: string;
let cli: CliRunner;
let tenant: TenantFile;
let client: TenantFileClient | undefined;
let passwords: string[] = [];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "holofleet-e2e-snapshot-"));
  cli = cliRunner(work);
  const start = await cli.run(["tenant", "local", "start", "--port", "0"]);
  expect(start.code, start.stderr).toBe(0);
  tenant = tenantFileSchema.parse(JSON.parse(readFileSync(join(work, ".holofleet", "tenant", "tenant.json"), "utf8")));
  client = tenantFileClient(tenant);
  const domains = await client.graph("GET", "/v1.0/domains");
  const initial = (domains.body.value as { id: string; isInitial: boolean }[]).find((d) => d.isInitial)!.id;
  const loaded = await loadBlueprintFile(EXAMPLE);
  const domain = loaded.blueprint!.tenant.domain;
  writeFileSync(join(work, "holofleet.yaml"), readFileSync(EXAMPLE, "utf8").replaceAll(domain, initial));
  const bp = (await loadBlueprintFile(join(work, "holofleet.yaml"))).blueprint!;
  // Planted: every client account gets a generated password.
  passwords = (await applyDesired(client, (await compileChecked(bp)).desired)).passwords;
}, 240_000);

afterAll(async () => {
  await client?.close();
  await stopByPid(tenant?.pid);
  if (work) rmSync(work, { recursive: true, force: true });
});

it("holofleet snapshot --out → exit 0; the file is a snapshot the offline audit reads, with no secret in it", async () => {
  const run = await cli.run(["snapshot", "--out", "tenant.snapshot.json"]);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toContain("wrote the snapshot of");
  const text = readFileSync(join(work, "tenant.snapshot.json"), "utf8");
  const parsed = parseSnapshot(text, "tenant.snapshot.json");
  expect(parsed.diagnostics).toEqual([]);
  expect(parsed.snapshot!.users.length).toBeGreaterThan(0);
  expect(passwords.length).toBeGreaterThan(0);
  for (const output of [text, run.stdout, run.stderr]) {
    const leaks = [
      output.includes(tenant.clientSecret) ? "client secret" : null,
      JWT.test(output) ? "a JWT" : null,
      ...passwords.map((p, i) => (output.includes(p) ? `password #${i + 1}` : null)),
    ].filter((x) => x !== null);
    expect(leaks).toEqual([]);
  }
  // Written atomically: no temporary file is left next to it.
  expect(readdirSync(work).filter((f) => f.endsWith(".tmp"))).toEqual([]);
});

it("holofleet audit live and offline from the snapshot → the same results", async () => {
  const offline = await cli.run(["audit", "--snapshot", "tenant.snapshot.json", "--blueprint", "holofleet.yaml", "--format", "json", "--fail-on", "none"]);
  expect(offline.code, offline.stderr).toBe(0);
  const live = await cli.run(["audit", "--blueprint", "holofleet.yaml", "--format", "json", "--fail-on", "none"]);
  expect(live.code, live.stderr).toBe(0);
  const statuses = (stdout: string) =>
    (JSON.parse(stdout) as { results: { ruleId: string; subject: { id: string }; status: string }[] }).results.map((r) => `${r.ruleId} ${r.subject.id} ${r.status}`).sort();
  expect(statuses(live.stdout)).toEqual(statuses(offline.stdout));
  expect(statuses(live.stdout).length).toBeGreaterThan(0);
  expect(live.stderr).toContain("HF6031");
  expect(JWT.test(live.stdout + live.stderr)).toBe(false);
});

it("a snapshot that cannot be written → exit 1, a message naming the file, nothing written", async () => {
  const run = await cli.run(["snapshot", "--out", join("missing-dir", "s.json")]);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain("missing-dir");
  expect(run.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(existsSync(join(work, "missing-dir"))).toBe(false);
});
