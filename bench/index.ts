/** The benchmark table. Each entry is one file in this folder. */
import { applyBenchmark } from "./apply.bench.ts";
import { auditBenchmark } from "./audit.bench.ts";
import { blueprintDoublingBenchmark } from "./blueprint-doubling.bench.ts";
import { cliStartupBenchmark } from "./cli-startup.bench.ts";
import { consoleBenchmark } from "./console.bench.ts";
import { fleetImportBenchmark } from "./fleet-import.bench.ts";
import { localTenantBenchmark } from "./local-tenant.bench.ts";
import { snapshotBenchmark } from "./snapshot.bench.ts";
import { wdacBenchmark } from "./wdac.bench.ts";
export interface Benchmark {
  name: string;
  /** Runs the benchmark and returns the lines to print (measurements, baseline, ratios). */
  run(): Promise<string[]>;
}

export const benchmarks: Benchmark[] = [cliStartupBenchmark, blueprintDoublingBenchmark, auditBenchmark, snapshotBenchmark, localTenantBenchmark, wdacBenchmark, applyBenchmark, fleetImportBenchmark, consoleBenchmark];
