/**
 * End to end: an apply killed with SIGKILL part-way through — after a number of writes the tenant
 * has seen (`/_sim/stats`), at several points from the first write to the last — and then run again
 * converges: the re-run fails nothing, a plan afterwards shows no change, and the tenant holds no
 * duplicate. The apply runs in a child process (`support/apply-child.ts`); the tenant answers with a
 * little latency so the kill lands between the writes it is aimed at.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workDirFor } from "../../src/auth/testing.ts";
import { loadBlueprintFile } from "../../src/blueprint/load.ts";
import type { Blueprint } from "../../src/blueprint/types.ts";
import { applyBlueprint } from "../../src/operations/apply.ts";
import { planBlueprint } from "../../src/operations/plan.ts";
import { startTestTenant, type TestTenant } from "../../src/tenant-sim/testing.ts";
import { arrangeTenantFor } from "./support/arrange-tenant.ts";
import { findDuplicates } from "./support/tenant-duplicates.ts";

const file = fileURLToPath(new URL("../../examples/minimal.holofleet.yaml", import.meta.url));
const CHILD = fileURLToPath(new URL("./support/apply-child.ts", import.meta.url));
/** Where to kill, as fractions of the writes a whole apply makes. */
const KILL_AT = [0.05, 0.25, 0.5, 0.75, 0.95];

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

async function freshTenant(): Promise<void> {
  await t.sim("POST", "/reset");
  arrangeTenantFor(t, blueprint);
  expect((await t.sim("POST", "/faults", { latencyMs: 15 })).status).toBe(200);
}

const writesSoFar = async () => (await t.sim("GET", "/stats")).body.writes as number;

/** Runs the child and kills it once the tenant has seen `killAfterWrites` writes. */
function runChild(killAfterWrites: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; writesAtKill?: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, cwd, file], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let writesAtKill: number | undefined;
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    let watching = true;
    const watch = async () => {
      while (watching) {
        const writes = await writesSoFar();
        if (writes >= killAfterWrites) {
          writesAtKill = writes;
          child.kill("SIGKILL");
          return;
        }
        await new Promise((r) => setTimeout(r, 2));
      }
    };
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      watching = false;
      clearTimeout(timer);
      if (code !== null && code !== 0 && signal === null) reject(new Error(`apply-child exited ${code}: ${stderr}`));
      else resolve({ code, signal, stdout, ...(writesAtKill !== undefined ? { writesAtKill } : {}) });
    });
    void watch().catch(reject);
  });
}

describe("an apply killed mid-way", () => {
  it(
    "killed with SIGKILL at five points (5 % to 95 % of its writes) → a re-run converges with no duplicates",
    async () => {
      // A whole apply, for the number of writes it makes.
      await freshTenant();
      const whole = await applyBlueprint({ file, target: target(), approve: async () => true });
      expect(whole.result?.summary.failed).toBe(0);
      const totalWrites = await writesSoFar();
      expect(totalWrites).toBeGreaterThan(15);

      const outcomes: { killAt: number; writesAtKill?: number; signal: string | null; rerunFailed: string[]; changesAfter: string[]; duplicates: string[] }[] = [];
      for (const fraction of KILL_AT) {
        await freshTenant();
        const killAt = Math.max(1, Math.round(totalWrites * fraction));
        const killed = await runChild(killAt);
        await t.sim("DELETE", "/faults");
        const rerun = await applyBlueprint({ file, target: target(), approve: async () => true });
        const plan = await planBlueprint({ file, target: target() });
        expect(plan.plan, JSON.stringify(plan.diagnostics)).toBeDefined();
        outcomes.push({
          killAt,
          ...(killed.writesAtKill !== undefined ? { writesAtKill: killed.writesAtKill } : {}),
          signal: killed.signal,
          rerunFailed: [
            ...rerun.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code}: ${d.message}`),
            ...(rerun.result?.results ?? []).filter((r) => r.outcome !== "applied").map((r) => `${r.address}: ${r.message ?? r.outcome}`),
          ],
          changesAfter: plan.plan!.changes.filter((c) => c.action !== "noop").map((c) => `${c.action} ${c.address}`),
          duplicates: await findDuplicates(t),
        });
      }
      // Each child really was killed part-way (not finished before the kill landed)…
      expect(outcomes.map((o) => o.signal)).toEqual(KILL_AT.map(() => "SIGKILL"));
      expect(outcomes.every((o) => o.writesAtKill !== undefined && o.writesAtKill < totalWrites)).toBe(true);
      // …and every re-run converged.
      const bad = outcomes.filter((o) => o.rerunFailed.length || o.changesAfter.length || o.duplicates.length);
      expect(bad, JSON.stringify(bad, null, 1)).toEqual([]);
    },
    300_000,
  );
});
