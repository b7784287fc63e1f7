/**
 * Test-only: a fleet context over a local test tenant and a fresh SQLite store, with the bundled example
 * program as its blueprint (its domain swapped for the test tenant's). `wait` moves the tenant's clock
 * instead of sleeping, so the Autopilot import and the wipe settle without real time passing.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { workDirFor } from "../auth/testing.ts";
import { loadBlueprint } from "../blueprint/load.ts";
import { clientGroupMailNickname } from "../blueprint/object-names.ts";
import type { Blueprint } from "../blueprint/types.ts";
import { openSqliteFleetStore } from "../fleet/store/sqlite.ts";
import type { FleetStore } from "../fleet/store/port.ts";
import { createGraphClient } from "../graph/client.ts";
import { fetchTransport } from "../graph/transport/fetch-transport.ts";
import { startTestTenant, type TestTenant, type TestTenantOptions } from "../tenant-sim/testing.ts";
import type { FleetContext } from "./fleet-context.ts";

export const EXAMPLE_BLUEPRINT = new URL("../../examples/same-tenant-three-clients.holofleet.yaml", import.meta.url);
export const EXAMPLE_CSV = new URL("../../examples/same-tenant-three-clients.hardware-hashes.csv", import.meta.url);

export interface FleetTest {
  t: TestTenant;
  ctx: FleetContext;
  store: FleetStore;
  dir: string;
  /** The tenant's current time. */
  tenantNow(): Promise<Date>;
  close(): Promise<void>;
}

/** The example program, on the test tenant's domain. */
export function exampleBlueprint(domain: string): Blueprint {
  const text = readFileSync(EXAMPLE_BLUEPRINT, "utf8").replaceAll("contoso.onmicrosoft.com", domain);
  const loaded = loadBlueprint(text, "example.yaml");
  if (!loaded.blueprint) throw new Error(loaded.diagnostics.map((d) => d.message).join("\n"));
  return loaded.blueprint;
}

export async function startFleetTest(opts: { tenant?: TestTenantOptions; store?: FleetStore; blueprint?: (domain: string) => Blueprint } = {}): Promise<FleetTest> {
  const t = await startTestTenant(opts.tenant);
  const dir = mkdtempSync(join(tmpdir(), "holofleet-fleet-"));
  const tenantNow = async () => new Date((await t.sim("GET", "/clock")).body.now as string);
  const store = opts.store ?? (await openSqliteFleetStore({ file: join(dir, "fleet.sqlite"), clock: () => new Date() }));
  const transport = fetchTransport({ ca: t.caPem });
  const graph = createGraphClient({ baseUrl: t.baseUrl, transport, tokenProvider: { getToken: () => t.tokenFor() } });
  const domain = (await t.graph("GET", "/v1.0/domains")).body.value.find((d: { isDefault: boolean }) => d.isDefault).id as string;
  const ctx: FleetContext = {
    store,
    graph,
    blueprint: (opts.blueprint ?? exampleBlueprint)(domain),
    actor: "cli:test",
    now: () => new Date(),
    wait: async (ms) => {
      const now = await tenantNow();
      await t.sim("POST", "/clock", { now: new Date(now.getTime() + ms).toISOString() });
    },
  };
  return {
    t,
    ctx,
    store,
    dir,
    tenantNow,
    close: async () => {
      await store.close();
      await transport.close();
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Creates the program's client accounts in the test tenant as `apply` would leave them: each user with
 * its usage location and the blueprint's licences, in its client's group (`<prefix>-client-<id>`).
 * `skip` leaves parts out, for tests of the loan checks.
 */
export async function arrangeProgramAccounts(f: FleetTest, skip: { licence?: string[]; group?: string[]; user?: string[] } = {}): Promise<void> {
  const bp = f.ctx.blueprint;
  const skus = (await f.t.graph("GET", "/v1.0/subscribedSkus")).body.value as { skuId: string; skuPartNumber: string }[];
  const skuIds = bp.licensing.skus.map((part) => {
    const sku = skus.find((s) => s.skuPartNumber === part);
    if (!sku) throw new Error(`the test tenant has no ${part}`);
    return sku.skuId;
  });
  for (const client of bp.clients) {
    const group = await f.t.graph("POST", "/v1.0/groups", {
      displayName: `${bp.tenant.namingPrefix} Client ${client.displayName}`,
      mailNickname: clientGroupMailNickname(bp, client.id),
      mailEnabled: false,
      securityEnabled: true,
    });
    if (group.status !== 201) throw new Error(`group: ${group.status} ${JSON.stringify(group.body)}`);
    for (const account of client.accounts) {
      const upn = account.userPrincipalName;
      if (skip.user?.includes(upn)) continue;
      const user = await f.t.graph("POST", "/v1.0/users", {
        accountEnabled: true,
        displayName: account.displayName,
        mailNickname: upn.split("@")[0],
        userPrincipalName: upn,
        usageLocation: client.usageLocation,
        passwordProfile: { password: "Initial!Passw0rd-Setup" },
      });
      if (user.status !== 201) throw new Error(`user ${upn}: ${user.status} ${JSON.stringify(user.body)}`);
      if (!skip.licence?.includes(upn)) {
        const lic = await f.t.graph("POST", `/v1.0/users/${user.body.id}/assignLicense`, { addLicenses: skuIds.map((skuId) => ({ skuId, disabledPlans: [] })), removeLicenses: [] });
        if (lic.status !== 200) throw new Error(`licence ${upn}: ${lic.status} ${JSON.stringify(lic.body)}`);
      }
      if (!skip.group?.includes(upn)) {
        const ref = await f.t.graph("POST", `/v1.0/groups/${group.body.id}/members/$ref`, { "@odata.id": `${f.t.baseUrl}/v1.0/directoryObjects/${user.body.id}` });
        if (ref.status !== 204) throw new Error(`member ${upn}: ${ref.status} ${JSON.stringify(ref.body)}`);
      }
    }
  }
}

const BIN = fileURLToPath(new URL("../../bin/holofleet.js", import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `holofleet …` as a user does (the built CLI) in `cwd`, on the SQLite store under it. */
export function holofleet(cwd: string, ...args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, NO_COLOR: "1", AZURE_TENANT_ID: "", AZURE_CLIENT_ID: "", DATABASE_URL: "", HOLOFLEET_ACTOR: "cli:tester" };
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A working directory for the CLI: the test tenant's tenant.json, the example blueprint and CSV. */
export function cliWorkDir(f: FleetTest): string {
  const cwd = workDirFor(f.t);
  writeFileSync(join(cwd, "holofleet.yaml"), readFileSync(EXAMPLE_BLUEPRINT, "utf8").replaceAll("contoso.onmicrosoft.com", f.ctx.blueprint.tenant.domain));
  writeFileSync(join(cwd, "devices.csv"), readFileSync(EXAMPLE_CSV));
  return cwd;
}

/**
 * The example program applied to the test tenant by holofleet's own apply (groups, accounts, licences,
 * every device profile and assignment), then waited for until group licensing has given every account its
 * licences: the tenant a loan's checks expect.
 */
export async function applyProgram(f: FleetTest): Promise<void> {
  const { applyBlueprint } = await import("./apply.ts");
  const cwd = cliWorkDir(f);
  const outcome = await applyBlueprint({
    file: join(cwd, "holofleet.yaml"),
    target: { cwd, env: { ...process.env, AZURE_TENANT_ID: "", AZURE_CLIENT_ID: "" } },
    approve: async () => true,
  });
  const failed = outcome.diagnostics.filter((d) => d.severity === "error");
  if (!outcome.result || failed.length || outcome.result.summary.failed > 0) throw new Error(`apply: ${JSON.stringify(failed.length ? failed : outcome.result?.summary)}`);
  const upns = new Set(f.ctx.blueprint.clients.flatMap((c) => c.accounts.map((a) => a.userPrincipalName.toLowerCase())));
  const wanted = f.ctx.blueprint.licensing.skus.length;
  for (let tries = 0; ; tries++) {
    const users = (await f.t.graph("GET", "/v1.0/users?$select=userPrincipalName,assignedLicenses&$top=999")).body.value as { userPrincipalName: string; assignedLicenses: unknown[] }[];
    if (users.filter((u) => upns.has(u.userPrincipalName.toLowerCase()) && u.assignedLicenses.length === wanted).length === upns.size) return;
    if (tries > 300) throw new Error("group licensing did not give every account its licences");
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The example program ready to lend: applied (`applyProgram`), the example devices imported through
 * Autopilot, and each one powered on as a simulated HoloLens that enrolled and checked in (so Intune has a
 * managed device with its profiles to audit and wipe).
 */
export async function arrangeFleet(f: FleetTest, opts: { osVersion?: Record<string, string> } = {}): Promise<void> {
  await applyProgram(f);
  const { readHardwareHashCsvFile } = await import("../fleet/read-hardware-hash-csv-file.ts");
  const { importDevices } = await import("./fleet-import.ts");
  const { rows } = await readHardwareHashCsvFile(fileURLToPath(EXAMPLE_CSV));
  const result = await importDevices(f.ctx, { rows, file: "devices.csv" }, { pollMs: 10_000 });
  if (result.outcomes.some((o) => o.outcome !== "registered")) throw new Error(`import: ${JSON.stringify(result.outcomes)}`);
  for (const row of rows) {
    const osVersion = opts.osVersion?.[row.serialNumber] ?? "10.0.22621.1266";
    const sim = await f.t.sim("POST", "/devices", { serialNumber: row.serialNumber, hardwareHash: row.hardwareHash, osVersion, enroll: true });
    if (sim.status !== 201) throw new Error(`sim device ${row.serialNumber}: ${sim.status} ${JSON.stringify(sim.body)}`);
    const sync = await f.t.sim("POST", `/devices/${sim.body.id as string}/sync`);
    if (sync.status !== 200) throw new Error(`sync ${row.serialNumber}: ${sync.status}`);
  }
}
