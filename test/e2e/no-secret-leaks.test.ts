/**
 * End to end: secrets never leave their place. Runs the CLI's compile and the local tenant's whole
 * lifecycle, applies the compiled resources (so passwords are generated and tokens issued), then
 * searches everything that was printed or written — CLI stdout/stderr, every file under the output
 * dir, the background tenant's log, and (for passwords) its database — for the tenant's client
 * secret, bearer tokens and the generated passwords.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { DesiredResource } from "../../src/compile/types.ts";
import { tenantFileSchema, type TenantFile } from "../../src/tenant-sim/tenant-file.ts";
import { applyDesired, expectedStatus, type AppliedResource } from "./support/apply-desired.ts";
import { filesUnder } from "./support/output-files.ts";
import { cliRunner, stopByPid, type CliRunner } from "./support/run-cli.ts";
import { tenantFileClient, type TenantFileClient } from "./support/tenant-file-client.ts";

const EXAMPLE = fileURLToPath(new URL("../../examples/same-tenant-three-clients.holofleet.yaml", import.meta.url));
const EXAMPLE_DOMAIN = "contoso.onmicrosoft.com";
/** A JWT: base64url header `{"…` (hence `eyJ`), payload and signature, dot-separated. */
const JWT = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/;

let work: string;
let cli: CliRunner;
let pid: number | null = null;
let tenant: TenantFile;
let client: TenantFileClient | undefined;
let applied: AppliedResource[] = [];
let passwords: string[] = [];
let tokens: string[] = [];
let dbSnapshot: { file: string; text: string }[] = [];

const tenantDir = () => join(work, "tenant");
const readTenantJson = () => tenantFileSchema.parse(JSON.parse(readFileSync(join(tenantDir(), "tenant.json"), "utf8")));

/** Where each secret shows up in `text`, by name only — a failing assertion must not print the secret. */
function leaks(where: string, text: string, opts: { barePrefix: boolean }): string[] {
  const found: string[] = [];
  if (text.includes(tenant.clientSecret)) found.push(`${where}: client secret`);
  if (tenant.simKey && text.includes(tenant.simKey)) found.push(`${where}: sim key`);
  tokens.forEach((t, i) => text.includes(t) && found.push(`${where}: access token #${i + 1}`));
  if (JWT.test(text)) found.push(`${where}: a JWT`);
  // Base64 OMA values (the WDAC binary) may hold any three characters, so there only whole JWTs count.
  if (opts.barePrefix && text.includes("eyJ")) found.push(`${where}: the JWT prefix eyJ`);
  passwords.forEach((p, i) => text.includes(p) && found.push(`${where}: generated password #${i + 1}`));
  return found;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "holofleet-e2e-leaks-"));
  cli = cliRunner(work);
  const start = await cli.run(["tenant", "local", "start", "--port", "0", "--dir", "tenant"]);
  if (existsSync(join(tenantDir(), "tenant.json"))) pid = readTenantJson().pid;
  expect(start.code, start.stderr).toBe(0);
  tenant = readTenantJson();

  // The blueprint targets this tenant: the example with the tenant's initial domain.
  client = tenantFileClient(tenant);
  const domains = await client.graph("GET", "/v1.0/domains");
  const initial = (domains.body.value as { id: string; isInitial: boolean }[]).find((d) => d.isInitial)!.id;
  writeFileSync(join(work, "holofleet.yaml"), readFileSync(EXAMPLE, "utf8").replaceAll(EXAMPLE_DOMAIN, initial));

  for (const args of [
    ["validate", "holofleet.yaml"],
    ["compile", "holofleet.yaml", "--out", "out"],
    ["compile", "holofleet.yaml", "--out", "out-json", "--json"],
  ]) {
    const run = await cli.run(args);
    expect(run.code, run.stderr).toBe(0);
  }

  // Apply what was compiled, from desired.json on disk, as the planner will.
  const desired = (JSON.parse(readFileSync(join(work, "out", "desired.json"), "utf8")) as { resources: DesiredResource[] }).resources;
  const result = await applyDesired(client, desired);
  applied = result.applied;
  passwords = result.passwords;
  tokens = [...client.tokens];
  // The tenant's database right after the passwords went in (before reset rewrites it).
  dbSnapshot = ["state.db", "state.db-wal"].filter((f) => existsSync(join(tenantDir(), f))).map((f) => ({ file: f, text: readFileSync(join(tenantDir(), f)).toString("latin1") }));

  for (const args of [
    ["tenant", "local", "status", "--dir", "tenant"],
    ["tenant", "local", "status", "--dir", "tenant", "--json"],
    ["tenant", "local", "start", "--port", "0", "--dir", "tenant"],
    ["tenant", "local", "reset", "--dir", "tenant"],
    ["tenant", "local", "stop", "--dir", "tenant"],
    ["tenant", "local", "status", "--dir", "tenant", "--json"],
  ]) {
    await cli.run(args);
  }
  // Ten CLI runs (each starts Node) on a busy two-core machine.
}, 240_000);

afterAll(async () => {
  await client?.close();
  await stopByPid(pid);
  if (work) rmSync(work, { recursive: true, force: true });
});

it("the lifecycle ran: resources applied, passwords generated, a token issued, the tenant stopped", () => {
  expect(applied.map((a) => a.status)).toEqual(applied.map((a) => expectedStatus(a.resource)));
  expect(applied.length).toBeGreaterThan(10);
  expect(passwords.length).toBe(5);
  expect(new Set(passwords).size).toBe(5);
  expect(tokens.length).toBeGreaterThan(0);
  expect(cli.transcript.map((r) => [r.args.slice(0, 3).join(" "), r.code])).toEqual([
    ["tenant local start", 0],
    ["validate holofleet.yaml", 0],
    ["compile holofleet.yaml --out", 0],
    ["compile holofleet.yaml --out", 0],
    ["tenant local status", 0],
    ["tenant local status", 0],
    ["tenant local start", 0],
    ["tenant local reset", 0],
    ["tenant local stop", 0],
    ["tenant local status", 1],
  ]);
});

it("the search finds each kind of secret (so an empty result means something)", () => {
  const planted = `x ${tenant.clientSecret} ${tenant.simKey} ${tokens[0]} ${passwords[2]} y`;
  expect(leaks("planted", planted, { barePrefix: false })).toEqual(["planted: client secret", "planted: sim key", "planted: access token #1", "planted: a JWT", "planted: generated password #3"]);
  expect(leaks("bare", "…eyJhbGciOi…", { barePrefix: true })).toEqual(["bare: the JWT prefix eyJ"]);
  expect(leaks("bare", "…eyJhbGciOi…", { barePrefix: false })).toEqual([]);
});

it("no CLI output (stdout or stderr of any run) holds the client secret, a token or a password", () => {
  const found = cli.transcript.flatMap((r) => [
    ...leaks(`${r.args.join(" ")} stdout`, r.stdout, { barePrefix: true }),
    ...leaks(`${r.args.join(" ")} stderr`, r.stderr, { barePrefix: true }),
  ]);
  expect(found).toEqual([]);
});

it("no file under the output dirs holds the client secret, a token or a password", () => {
  const files = [...filesUnder(join(work, "out")).map((f) => ({ ...f, file: `out/${f.file}` })), ...filesUnder(join(work, "out-json")).map((f) => ({ ...f, file: `out-json/${f.file}` }))];
  expect(files.length).toBeGreaterThan(10);
  const found = files.flatMap((f) => leaks(f.file, f.bytes.toString("latin1"), { barePrefix: false }));
  expect(found).toEqual([]);
});

it("the background tenant's log holds none of them either", () => {
  const log = readFileSync(join(tenantDir(), "tenant.log"), "utf8");
  expect(log).toContain("listening on https://127.0.0.1:");
  expect(leaks("tenant.log", log, { barePrefix: true })).toEqual([]);
});

it("the tenant keeps no generated password, and its secret-holding files are private (0600)", () => {
  expect(dbSnapshot.map((d) => d.file)).toContain("state.db");
  // The users exist in the snapshot (so it is the right moment), their passwords do not.
  expect(dbSnapshot.some((d) => d.text.includes("fabrikam-shift-a@"))).toBe(true);
  const found = dbSnapshot.flatMap((d) => passwords.flatMap((p, i) => (d.text.includes(p) ? [`${d.file}: generated password #${i + 1}`] : [])));
  expect(found).toEqual([]);
  for (const f of ["tenant.json", "state.db"]) expect({ f, mode: statSync(join(tenantDir(), f)).mode & 0o777 }).toEqual({ f, mode: 0o600 });
});
