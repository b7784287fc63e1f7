/**
 * End to end: apply against a local tenant that answers 10 % of requests with 429, 5 % with 503 and
 * drops 3 % of write responses after committing the write (`/_sim/faults`), for 20 seeds. Each seed
 * starts from an empty tenant; apply runs until it reports nothing failed (at most three times, as an
 * admin would re-run it), then a plan without faults must show no change and the tenant must hold no
 * duplicate group, user, profile, assignment or licence. Retries wait milliseconds, not seconds.
 */
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workDirFor } from "../../src/auth/testing.ts";
import { loadBlueprintFile } from "../../src/blueprint/load.ts";
import type { Blueprint } from "../../src/blueprint/types.ts";
import { applyBlueprint } from "../../src/operations/apply.ts";
import { planBlueprint } from "../../src/operations/plan.ts";
import { startTestTenant, type TestTenant } from "../../src/tenant-sim/testing.ts";
import { arrangeTenantFor } from "./support/arrange-tenant.ts";
import { countObjects, findDuplicates } from "./support/tenant-duplicates.ts";

const file = fileURLToPath(new URL("../../examples/minimal.holofleet.yaml", import.meta.url));
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
const FAULTS = { rates: { "429": 0.1, "503": 0.05, lostResponse: 0.03 }, retryAfterSeconds: 0 };

let t: TestTenant;
let cwd: string;
let blueprint: Blueprint;
const target = () => ({ cwd, graph: { retry: { baseDelayMs: 5, maxDelayMs: 50 } } });

beforeAll(async () => {
  t = await startTestTenant();
  cwd = workDirFor(t);
  blueprint = (await loadBlueprintFile(file)).blueprint!;
});
afterAll(async () => t?.close());

interface SeedOutcome {
  seed: number;
  runs: { applied: number; failed: string[] }[];
  faults: Record<string, number>;
  changesAfter: string[];
  duplicates: string[];
}

async function applyUnderFaults(seed: number): Promise<SeedOutcome> {
  await t.sim("POST", "/reset");
  arrangeTenantFor(t, blueprint);
  const runs: SeedOutcome["runs"] = [];
  // A new seed per run, so a re-run does not meet the same faults at the same requests.
  for (let run = 0; run < 3; run++) {
    expect((await t.sim("POST", "/faults", { ...FAULTS, seed: seed * 10 + run })).status).toBe(200);
    const outcome = await applyBlueprint({ file, target: target(), approve: async () => true, replicationWaitMs: 5_000 });
    const failed = [
      ...outcome.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code}: ${d.message}`),
      ...(outcome.result?.results ?? []).filter((r) => r.outcome !== "applied").map((r) => `${r.address} ${r.outcome}: ${r.message ?? ""}`),
    ];
    runs.push({ applied: outcome.result?.summary.applied ?? 0, failed });
    if (failed.length === 0) break;
  }
  const faults = (await t.sim("GET", "/stats")).body.faults as Record<string, number>;
  await t.sim("DELETE", "/faults");
  const plan = await planBlueprint({ file, target: target() });
  expect(plan.plan, JSON.stringify(plan.diagnostics)).toBeDefined();
  const changesAfter = plan.plan!.changes.filter((c) => c.action !== "noop").map((c) => `${c.action} ${c.address}`);
  return { seed, runs, faults, changesAfter, duplicates: await findDuplicates(t) };
}

describe("apply under injected faults", () => {
  it("the duplicate check finds a duplicate profile, user licence and group nickname (so none found means none)", async () => {
    await t.sim("POST", "/reset");
    arrangeTenantFor(t, blueprint);
    const profile = { "@odata.type": "#microsoft.graph.windows10CustomConfiguration", displayName: "twice", omaSettings: [] };
    for (let i = 0; i < 2; i++) expect((await t.graph("POST", "/beta/deviceManagement/deviceConfigurations", profile)).status).toBe(201);
    const group = { displayName: "g", mailEnabled: false, securityEnabled: true, mailNickname: "same-nick" };
    for (let i = 0; i < 2; i++) expect((await t.graph("POST", "/v1.0/groups", group)).status).toBe(201);
    expect(await findDuplicates(t)).toEqual(["group mailNickname same-nick ×2", "device configuration twice ×2"]);
  });

  it(
    "20 seeds of 429 10 %, 503 5 %, lostResponse 3 % → apply converges with no duplicates",
    async () => {
      const outcomes: SeedOutcome[] = [];
      for (const seed of SEEDS) outcomes.push(await applyUnderFaults(seed));
      // Every fault kind really happened across the seeds, and apply had work to do each time.
      const total = (kind: string) => outcomes.reduce((n, o) => n + (o.faults[kind] ?? 0), 0);
      expect({ "429": total("429") > 20, "503": total("503") > 10, lostResponse: total("lostResponse") > 5 }).toEqual({ "429": true, "503": true, lostResponse: true });
      expect(outcomes.every((o) => o.runs[0]!.applied > 10)).toBe(true);
      const objects = await countObjects(t);
      expect(objects.groups).toBeGreaterThanOrEqual(4);
      // Converged: the last run failed nothing, a plan shows nothing left, the tenant holds no duplicate.
      const bad = outcomes.filter((o) => o.runs.at(-1)!.failed.length > 0 || o.changesAfter.length > 0 || o.duplicates.length > 0);
      expect(bad, JSON.stringify(bad, null, 1)).toEqual([]);
    },
    600_000,
  );
});
