/**
 * Apply at scale: a program of 200 clients and 400 client accounts, with every profile and
 * assignment, applied to an empty local tenant that adds 50 ms to every request and throttles as
 * Microsoft documents (`realistic`). Reported against two references measured or computed in the same
 * run: a sequential baseline (one request at a time, no `$batch`, as sequential tools work) and the
 * floor the documented write limits set for the writes counted. Then a no-op re-apply.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { workDirFor } from "../src/auth/testing.ts";
import { loadBlueprintFile } from "../src/blueprint/load.ts";
import type { Blueprint } from "../src/blueprint/types.ts";
import { applyPlan } from "../src/engine/apply.ts";
import type { EventSink } from "../src/engine/plan-types.ts";
import type { BatchResult } from "../src/graph/batch.ts";
import type { GraphClient } from "../src/graph/client.ts";
import { GraphRequestError } from "../src/graph/errors.ts";
import { applyBlueprint } from "../src/operations/apply.ts";
import { buildPlan, prepare } from "../src/operations/plan.ts";
import { generatePassword } from "../src/passwords/generate-password.ts";
import { resourceKinds } from "../src/resources/registry.ts";
import type { StatsSnapshot } from "../src/tenant-sim/stats.ts";
import { startTestTenant, type TestTenant } from "../src/tenant-sim/testing.ts";
import { arrangeTenantFor } from "../test/e2e/support/arrange-tenant.ts";
import { largeBlueprint } from "./blueprints.ts";
import type { Benchmark } from "./index.ts";

const CLIENTS = 200;
const ACCOUNTS_PER_CLIENT = 2;
const LATENCY_MS = 50;
/** Microsoft's documented write limits per app per tenant (graph-facts §9.5). */
const DIRECTORY_WRITES = { count: 3000, windowS: 150 };
const INTUNE_WRITES = { count: 100, windowS: 20 };

interface Run {
  ok: boolean;
  seconds: number;
  /** From the first Graph request (preflight) to the end: the wall time without loading and compiling. */
  graphSeconds: number;
  stats: StatsSnapshot;
  summary: string;
}

/** `$batch` replaced by one plain request per item, in order: how tools without batching work. */
function unbatched(graph: GraphClient): GraphClient {
  return {
    ...graph,
    async batch(items, opts = {}) {
      const out: BatchResult[] = [];
      for (const [i, item] of items.entries()) {
        const id = item.id ?? String(i + 1);
        try {
          const res = await graph.request(item.method, item.url, {
            ...(opts.version ? { version: opts.version } : {}),
            ...(item.body !== undefined ? { body: item.body } : {}),
            ...(item.headers ? { headers: item.headers } : {}),
            ...(item.idempotent !== undefined ? { idempotent: item.idempotent } : {}),
            ...(item.alreadyApplied ? { alreadyApplied: item.alreadyApplied } : {}),
          });
          out.push({ id, ok: true, status: res.status, headers: res.headers, body: res.body, attempts: 1 });
        } catch (err) {
          if (!(err instanceof GraphRequestError)) throw err;
          out.push({ id, ok: false, status: err.status, headers: err.responseHeaders ?? {}, error: err, attempts: 1 });
        }
      }
      return out;
    },
  };
}

/** The same plan and apply, but one request at a time and no `$batch`. */
async function applySequentially(file: string, cwd: string, events: EventSink): Promise<string> {
  const { ready, diagnostics } = await prepare({ file, target: { cwd, graph: { maxConcurrent: 1 } } });
  if (!ready) throw new Error(diagnostics.map((d) => d.message).join("; "));
  try {
    const session = { ...ready.session, graph: unbatched(ready.session.graph) };
    const { built, diagnostics: planDiags } = await buildPlan(session, { file, ...ready }, { events });
    if (!built) throw new Error(planDiags.map((d) => d.message).join("; "));
    const result = await applyPlan({
      changes: built.plan.changes,
      desired: built.compiled.desired,
      snapshot: built.snapshot,
      kinds: resourceKinds,
      ctx: built.ctx,
      generatePassword,
      concurrency: 1,
    });
    return `${result.summary.applied} applied, ${result.summary.failed} failed`;
  } finally {
    await ready.session.close();
  }
}

async function measure(t: TestTenant, work: (events: EventSink) => Promise<string>): Promise<Run> {
  await t.sim("DELETE", "/stats");
  const start = performance.now();
  let graphStart: number | undefined;
  let summary: string;
  let ok = true;
  try {
    summary = await work(() => (graphStart ??= performance.now()));
  } catch (err) {
    ok = false;
    summary = `FAILED: ${(err as Error).message}`;
  }
  const end = performance.now();
  const seconds = (end - start) / 1000;
  return { ok, seconds, graphSeconds: (end - (graphStart ?? start)) / 1000, stats: (await t.sim("GET", "/stats")).body as StatsSnapshot, summary };
}

const WRITE_METHODS = new Set(["POST", "PATCH", "PUT", "DELETE"]);

/** Writes by documented limit, from the tenant's count by route (sub-requests of `$batch` included). */
export function writesByService(stats: StatsSnapshot): { directory: number; intune: number } {
  let directory = 0;
  let intune = 0;
  for (const [key, n] of Object.entries(stats.byRoute)) {
    const [, method, path = ""] = key.split(" ");
    if (!WRITE_METHODS.has(method ?? "") || path === "/$batch") continue;
    if (path.startsWith("/deviceManagement/")) intune += n;
    else directory += n;
  }
  return { directory, intune };
}

/** The least time the documented limits allow for these writes, at their sustained rates. */
export function documentedFloorSeconds(writes: { directory: number; intune: number }): number {
  return Math.max((writes.directory * DIRECTORY_WRITES.windowS) / DIRECTORY_WRITES.count, (writes.intune * INTUNE_WRITES.windowS) / INTUNE_WRITES.count);
}

function describe(label: string, run: Run): string[] {
  const s = run.stats;
  const batchCalls = Object.entries(s.byRoute)
    .filter(([k]) => k.endsWith(" POST /$batch"))
    .reduce((n, [, c]) => n + c, 0);
  const onWire = s.requests - s.inBatches;
  const byKind = Object.entries(s.byRoute)
    .filter(([k]) => !k.endsWith(" POST /$batch"))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([k, n]) => `${n} ${k}`)
    .join(", ");
  return [
    `${label}: ${run.seconds.toFixed(1)} s wall, ${run.graphSeconds.toFixed(1)} s of it from the first Graph request on (${run.summary})`,
    `  requests: ${s.requests - batchCalls} Graph requests — ${onWire - batchCalls} sent alone, ${s.inBatches} inside ${batchCalls} $batch calls (${onWire} HTTP requests); writes ${writesByService(s).directory} directory + ${writesByService(s).intune} Intune; 429s ${s.byStatus["429"] ?? 0}`,
    `  by kind (top 8): ${byKind}`,
  ];
}

export const applyBenchmark: Benchmark = {
  name: `apply (${CLIENTS} clients, ${CLIENTS * ACCOUNTS_PER_CLIENT} accounts, ${LATENCY_MS} ms latency, realistic throttling)`,
  async run() {
    const t = await startTestTenant({ throttling: "realistic" });
    const cwd = workDirFor(t);
    const file = join(mkdtempSync(join(tmpdir(), "holofleet-bench-apply-")), "large.holofleet.yaml");
    writeFileSync(file, largeBlueprint(CLIENTS, ACCOUNTS_PER_CLIENT, 1));
    const blueprint: Blueprint = (await loadBlueprintFile(file)).blueprint!;
    const emptyTenant = async () => {
      await t.sim("POST", "/reset");
      arrangeTenantFor(t, blueprint);
      await t.sim("POST", "/faults", { latencyMs: LATENCY_MS });
    };
    const holofleetApply = async (events: EventSink) => {
      const outcome = await applyBlueprint({ file, target: { cwd }, approve: async () => true, events });
      const errors = outcome.diagnostics.filter((d) => d.severity === "error");
      if (errors.length) throw new Error(errors.map((d) => d.message).join("; "));
      const sum = outcome.result!.summary;
      return `${sum.applied} applied, ${sum.failed} failed, ${sum.skipped} skipped`;
    };
    try {
      await emptyTenant();
      const fast = await measure(t, holofleetApply);
      const noop = await measure(t, holofleetApply);
      await emptyTenant();
      const sequential = await measure(t, (events) => applySequentially(file, cwd, events));

      const floor = documentedFloorSeconds(writesByService(fast.stats));
      const noopWrites = writesByService(noop.stats);
      return [
        ...describe("holofleet apply", fast),
        ...describe("sequential baseline (1 request at a time, no $batch)", sequential),
        ...describe("no-op re-apply", noop),
        `  no-op re-apply writes: ${noopWrites.directory + noopWrites.intune}`,
        `speed-up over the sequential baseline: ${(sequential.seconds / fast.seconds).toFixed(1)}× wall (target ≥ 10×); ${(sequential.graphSeconds / fast.graphSeconds).toFixed(1)}× from the first Graph request on (loading and compiling the blueprint cost both the same)`,
        `documented-limit floor for the writes counted: ${floor.toFixed(1)} s (directory ${DIRECTORY_WRITES.count} / ${DIRECTORY_WRITES.windowS} s, Intune ${INTUNE_WRITES.count} / ${INTUNE_WRITES.windowS} s); wall / floor: ${(fast.seconds / floor).toFixed(2)} (target ≤ 1.5)`,
        ...(fast.ok && sequential.ok && noop.ok ? [] : ["SOME RUNS FAILED — the figures above are not comparable"]),
      ];
    } finally {
      await t.close();
      rmSync(cwd, { recursive: true, force: true });
    }
  },
};
