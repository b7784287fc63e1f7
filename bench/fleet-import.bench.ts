/**
 * `holofleet fleet import` of 1,000 devices (a generated hardware-hash CSV) into a fresh local tenant under
 * `realistic` throttling, through the same operation the CLI runs. Reports wall time and the requests by kind
 * against the floor Microsoft's documented Intune enrollment limits set for exactly those requests at their
 * sustained rates. Autopilot's processing delay is skipped by moving the tenant's clock, not waited out.
 */
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { readHardwareHashCsvFile } from "../src/fleet/read-hardware-hash-csv-file.ts";
import { budgetClassOf, DOCUMENTED_BUDGETS, isWrite, type Limit } from "../src/graph/budgets.ts";
import type { BudgetClass, HttpMethod } from "../src/graph/types.ts";
import { importDevices, type FleetImportEvent } from "../src/operations/fleet-import.ts";
import { startFleetTest } from "../src/operations/fleet-testing.ts";
import type { StatsSnapshot } from "../src/tenant-sim/stats.ts";
import type { Benchmark } from "./index.ts";

const DEVICES = 1_000;

/** Seconds a budget needs to admit `n` units at its documented sustained rate (capacity per window). */
function sustainedSecondsFor(limit: Limit, n: number): number {
  return (n / limit.capacity) * (limit.windowMs / 1000);
}

interface ClassUse {
  requests: number;
  writes: number;
}

/** Requests and writes per documented budget, from the tenant's count by route (`$batch` itself excluded). */
function useByBudget(stats: StatsSnapshot): Map<Exclude<BudgetClass, "none">, ClassUse> {
  const use = new Map<Exclude<BudgetClass, "none">, ClassUse>();
  for (const [key, n] of Object.entries(stats.byRoute)) {
    const [version, method, path = ""] = key.split(" ");
    const cls = budgetClassOf(`/${version}${path}`);
    if (cls === "none") continue;
    const u = use.get(cls) ?? { requests: 0, writes: 0 };
    u.requests += n;
    if (isWrite(method as HttpMethod)) u.writes += n;
    use.set(cls, u);
  }
  return use;
}

/** The least time the documented limits allow for these requests: each service's writes and requests at their sustained rates. */
function floorSeconds(use: Map<Exclude<BudgetClass, "none">, ClassUse>): number {
  let floor = 0;
  for (const [cls, u] of use) {
    const budget = DOCUMENTED_BUDGETS[cls];
    // The directory's `all` limit is in resource units; the fleet import's only directory reads are none, so requests stand in.
    floor = Math.max(floor, sustainedSecondsFor(budget.writes, u.writes), sustainedSecondsFor(budget.all, u.requests));
  }
  return floor;
}

/** A hardware-hash CSV as the Windows tools write it: `n` devices with made-up 3,000-byte hashes and the program's group tag. */
function generatedCsv(n: number, groupTag: string): string {
  const rows = Array.from({ length: n }, (_, i) => `HL2-B${String(i).padStart(6, "0")},,${randomBytes(3000).toString("base64")},${groupTag}`);
  return ["Device Serial Number,Windows Product ID,Hardware Hash,Group Tag", ...rows].join("\r\n") + "\r\n";
}

export const fleetImportBenchmark: Benchmark = {
  name: `fleet import (${DEVICES.toLocaleString("en")} devices, realistic throttling)`,
  async run() {
    const f = await startFleetTest({ tenant: { throttling: "realistic" } });
    try {
      const groupTag = f.ctx.blueprint.devices.autopilot.groupTag;
      const file = join(f.dir, "devices.csv");
      writeFileSync(file, generatedCsv(DEVICES, groupTag));
      const csv = await readHardwareHashCsvFile(file);
      if (csv.diagnostics.length) throw new Error(csv.diagnostics.map((d) => d.message).join("; "));

      // The clock moves are counted: the tenant's budgets see that time pass too.
      let skippedMs = 0;
      let polls = 0;
      const ctx = {
        ...f.ctx,
        wait: async (ms: number) => {
          skippedMs += ms;
          polls++;
          await f.ctx.wait(ms);
        },
      };
      await f.t.sim("DELETE", "/stats");
      const events: FleetImportEvent[] = [];
      const started = performance.now();
      const result = await importDevices(ctx, { rows: csv.rows, file: "devices.csv" }, {}, (e) => events.push(e));
      const wall = (performance.now() - started) / 1000;
      const stats = (await f.t.sim("GET", "/stats")).body as StatsSnapshot;

      const count = (o: string) => result.outcomes.filter((x) => x.outcome === o).length;
      const use = useByBudget(stats);
      const floor = floorSeconds(use);
      // What the import costs without its clean-up: the same requests minus one DELETE per settled record.
      const deletes = Object.entries(stats.byRoute)
        .filter(([k]) => k.includes(" DELETE /deviceManagement/importedWindowsAutopilotDeviceIdentities/"))
        .reduce((n, [, c]) => n + c, 0);
      const enrollment = use.get("intune-enrollment") ?? { requests: 0, writes: 0 };
      const withoutDeletes = new Map(use);
      withoutDeletes.set("intune-enrollment", { requests: enrollment.requests - deletes, writes: enrollment.writes - deletes });
      const floorWithoutDeletes = floorSeconds(withoutDeletes);
      const byKind = Object.entries(stats.byRoute)
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${n} ${k}`)
        .join(", ");
      const budgets = [...use].map(([cls, u]) => `${cls} ${u.requests} requests (${u.writes} writes)`).join(", ");
      const enrollmentLimits = DOCUMENTED_BUDGETS["intune-enrollment"];
      return [
        `outcomes: ${count("registered")} registered, ${count("already-registered")} already registered, ${count("failed")} failed, ${count("pending")} pending; diagnostics ${result.diagnostics.length}`,
        `wall time ${wall.toFixed(1)} s; tenant clock moved ${(skippedMs / 1000).toFixed(0)} s in ${polls} polls instead of waiting for Autopilot`,
        `requests: ${stats.requests} (${stats.inBatches} inside $batch); 429s ${stats.byStatus["429"] ?? 0}; by budget: ${budgets}`,
        `  by kind: ${byKind}`,
        `floor at the documented sustained rates (Intune enrollment ${enrollmentLimits.writes.capacity} writes / ${enrollmentLimits.all.capacity} requests per ${enrollmentLimits.all.windowMs / 1000} s): ${floor.toFixed(1)} s; wall / floor ${floor > 0 ? (wall / floor).toFixed(2) : "n/a"}`,
        `  of which the ${deletes} DELETEs of settled import records: ${(floor - floorWithoutDeletes).toFixed(1)} s of the floor (floor without them ${floorWithoutDeletes.toFixed(1)} s)`,
      ];
    } finally {
      await f.close();
    }
  },
};
