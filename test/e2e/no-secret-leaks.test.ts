/**
 * End to end: secrets never leave their place. Runs the CLI's compile and the local tenant's whole
 * lifecycle, applies the compiled resources (so passwords are generated and tokens issued), then
 * searches everything that was printed or written — CLI stdout/stderr, every file under the output
 * dir, the background tenant's log, and (for passwords) its database — for the tenant's client
 * secret, bearer tokens and the generated passwords. Then plan and apply themselves, with secrets
 * planted where a careless error path would repeat them: a wrong client secret in the environment,
 * a generated password the tenant refuses, writes whose answers are lost — and every plan file,
 * event, Graph log line, result and diagnostic is searched.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workDirFor } from "../../src/auth/testing.ts";
import { loadBlueprintFile } from "../../src/blueprint/load.ts";
import type { DesiredResource } from "../../src/compile/types.ts";
import { applyBlueprint } from "../../src/operations/apply.ts";
import { writePlanFile } from "../../src/operations/plan-file.ts";
import { planBlueprint } from "../../src/operations/plan.ts";
import { generatePassword } from "../../src/passwords/generate-password.ts";
import { startTestTenant, type TestTenant } from "../../src/tenant-sim/testing.ts";
import { arrangeTenantFor } from "./support/arrange-tenant.ts";
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

describe("plan and apply", () => {
  const PLANTED_SECRET = `planted-client-secret-${crypto.randomUUID()}`;
  /** Weak on purpose: the tenant refuses it, so the create fails with an error about it. */
  const PLANTED_WEAK_PASSWORD = `weakpw${crypto.randomUUID().slice(0, 6)}`;
  let t2: TestTenant;
  let cwd2: string;
  const outputs: { where: string; text: string }[] = [];
  const generated: string[] = [];
  const tokens2: string[] = [];
  let applied = { applied: 0, failed: 0 };
  let failures: string[] = [];
  let refusedSecret: string[] = [];

  beforeAll(async () => {
    t2 = await startTestTenant();
    cwd2 = workDirFor(t2);
    // Tokens the tenant issued to holofleet's app in this test: its token endpoint answers each one once.
    tokens2.push(await t2.tokenFor());
    const file = join(cwd2, "holofleet.yaml");
    writeFileSync(file, readFileSync(EXAMPLE, "utf8"));
    arrangeTenantFor(t2, (await loadBlueprintFile(file)).blueprint!);
    const lines: string[] = [];
    const logger = { debug: (m: string, f?: object) => lines.push(`${m} ${JSON.stringify(f ?? {})}`), warn: (m: string, f?: object) => lines.push(`${m} ${JSON.stringify(f ?? {})}`) };
    const events: string[] = [];
    const target = { cwd: cwd2, graph: { logger, retry: { baseDelayMs: 5, maxDelayMs: 50 } } };
    const record = (where: string, value: unknown) => outputs.push({ where, text: typeof value === "string" ? value : JSON.stringify(value, (_k, v: unknown) => (v instanceof Error ? { ...v, message: v.message } : v)) });

    // 1. A wrong client secret in the environment: the sign-in fails and says so without repeating it.
    const wrong = await planBlueprint({ file, target: { cwd: cwd2, env: { AZURE_TENANT_ID: t2.tenantId, AZURE_CLIENT_ID: t2.clientId, AZURE_CLIENT_SECRET: PLANTED_SECRET } } });
    refusedSecret = wrong.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
    record("plan with a wrong secret: diagnostics", wrong.diagnostics);

    // 2. A plan, saved to a file.
    const plan = await planBlueprint({ file, target, events: (e) => events.push(JSON.stringify(e)) });
    expect(plan.plan, JSON.stringify(plan.diagnostics)).toBeDefined();
    await writePlanFile(join(cwd2, "plan.json"), plan.plan!);
    record("plan.json", readFileSync(join(cwd2, "plan.json"), "utf8"));
    record("plan outcome", plan);

    // 3. Apply with the first password refused and lost answers to writes; then apply again to converge.
    let first = true;
    const passwordOf = (length: number) => {
      const p = first ? PLANTED_WEAK_PASSWORD : generatePassword(length);
      first = false;
      generated.push(p);
      return p;
    };
    await t2.sim("POST", "/faults", { rates: { lostResponse: 0.2, "503": 0.05 }, retryAfterSeconds: 0, seed: 3 });
    const a1 = await applyBlueprint({ file, target, approve: async () => true, generatePassword: passwordOf, events: (e) => events.push(JSON.stringify(e)) });
    await t2.sim("DELETE", "/faults");
    const a2 = await applyBlueprint({ file, target, approve: async () => true, generatePassword: passwordOf, events: (e) => events.push(JSON.stringify(e)) });
    applied = { applied: (a1.result?.summary.applied ?? 0) + (a2.result?.summary.applied ?? 0), failed: a1.result?.summary.failed ?? 0 };
    failures = (a1.result?.results ?? []).filter((r) => r.outcome === "failed").map((r) => r.message ?? "");
    record("first apply outcome", a1);
    record("second apply outcome", a2);
    record("events", events.join("\n"));
    record("graph log", lines.join("\n"));
  }, 120_000);

  afterAll(async () => t2?.close());

  const found = (text: string): string[] => {
    const hits: string[] = [];
    if (text.includes(PLANTED_SECRET)) hits.push("the planted client secret");
    if (text.includes(t2.clientSecret)) hits.push("the tenant's client secret");
    tokens2.forEach((tk, i) => text.includes(tk) && hits.push(`token #${i + 1}`));
    if (JWT.test(text)) hits.push("a JWT");
    generated.forEach((p, i) => text.includes(p) && hits.push(`generated password #${i + 1}${p === PLANTED_WEAK_PASSWORD ? " (the refused one)" : ""}`));
    return hits;
  };

  it("the run did what it must for the search to mean something", () => {
    expect(refusedSecret.length).toBeGreaterThan(0);
    // The refused password made one create fail; the others were made with fresh CSPRNG passwords.
    expect(applied.failed).toBeGreaterThan(0);
    expect(failures.some((m) => /password complexity/.test(m))).toBe(true);
    expect(applied.applied).toBeGreaterThan(10);
    expect(generated).toContain(PLANTED_WEAK_PASSWORD);
    expect(generated.length).toBeGreaterThan(5);
    expect(outputs.map((o) => o.where)).toEqual(["plan with a wrong secret: diagnostics", "plan.json", "plan outcome", "first apply outcome", "second apply outcome", "events", "graph log"]);
    // And the search finds what it looks for.
    expect(found(`${PLANTED_SECRET} ${PLANTED_WEAK_PASSWORD} ${tokens2[0]}`)).toEqual(["the planted client secret", "token #1", "a JWT", "generated password #1 (the refused one)"]);
  });

  it("no plan file, event, Graph log line, result or diagnostic holds a client secret, a token or a password", () => {
    const leaksFound = outputs.flatMap((o) => found(o.text).map((what) => `${o.where}: ${what}`));
    expect(leaksFound).toEqual([]);
  });
});
