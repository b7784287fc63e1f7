/**
 * The blueprint loader on growing input: each size is twice the one before, and the time should
 * roughly double with it (a ratio near 2; a quadratic step would show 4). Two shapes: unknown keys
 * in one mapping (every one a located diagnostic; the 120,000-key file took minutes when this was
 * quadratic) and a valid program with more and more clients. In process (`loadBlueprint`), median of
 * three runs per size, so CLI start-up does not blur the series; CPU time of this process (what the
 * loader costs, whatever else the machine runs), with wall time beside it.
 */
import { loadBlueprint } from "../src/blueprint/load.ts";
import { largeBlueprint, unknownKeysBlueprint } from "./blueprints.ts";
import type { Benchmark } from "./index.ts";

/** Median CPU and wall milliseconds of `times` runs. */
function medianMs(run: () => unknown, times = 3): { cpu: number; wall: number } {
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    const usage = process.cpuUsage();
    run();
    const used = process.cpuUsage(usage);
    cpu.push((used.user + used.system) / 1000);
    wall.push(performance.now() - started);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(times / 2)]!;
  return { cpu: median(cpu), wall: median(wall) };
}

function series(label: string, sizes: number[], make: (n: number) => string, expectValid: boolean): string[] {
  const lines: string[] = [];
  let previous: number | undefined;
  for (const n of sizes) {
    const text = make(n);
    const result = loadBlueprint(text, "bench.yaml");
    if ((result.blueprint !== null) !== expectValid) throw new Error(`${label} ${n}: expected ${expectValid ? "a valid" : "an invalid"} blueprint`);
    const ms = medianMs(() => loadBlueprint(text, "bench.yaml"));
    const ratio = previous === undefined ? "" : `  ×${(ms.cpu / previous).toFixed(2)} for ×2 input`;
    const size = `${(Buffer.byteLength(text) / 1e6).toFixed(2).padStart(5)} MB`;
    lines.push(`${label.padEnd(13)} ${String(n).padStart(7)}  ${size}  ${String(result.diagnostics.length).padStart(6)} diagnostics  CPU ${ms.cpu.toFixed(0).padStart(5)} ms (wall ${ms.wall.toFixed(0).padStart(5)} ms)${ratio}`);
    previous = ms.cpu;
  }
  return lines;
}

export const blueprintDoublingBenchmark: Benchmark = {
  name: "blueprint loader: doubling the input",
  async run() {
    return [
      ...series("unknown keys", [15_000, 30_000, 60_000, 120_000], unknownKeysBlueprint, false),
      ...series("clients", [1_000, 2_000, 4_000, 8_000], (n) => largeBlueprint(n, 2, 3), true),
    ];
  },
};
