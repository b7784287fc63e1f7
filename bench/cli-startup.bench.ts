/**
 * CLI start-up, as users and CI scripts run it: `node bin/holofleet.js --help` and `validate` of the
 * bundled example, each next to a bare `node -e 0` measured in the same run (interleaved, median of
 * the rounds), reported as ratios with the targets (--help ≤ 5×, validate ≤ 8×). Then a large program
 * — 200 clients, 400 accounts, 1,200 serials — validated and compiled end to end.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { largeBlueprint } from "./blueprints.ts";
import type { Benchmark } from "./index.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin", "holofleet.js");
const EXAMPLE = join(ROOT, "examples", "same-tenant-three-clients.holofleet.yaml");
const ROUNDS = 15;

/** Wall time of one run in ms; throws when the exit code is not the expected one. */
function timeRun(args: string[], expectCode = 0): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  const ms = performance.now() - started;
  if (run.status !== expectCode) throw new Error(`${args.join(" ")} exited ${run.status}: ${run.stderr}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Runs each command once per round, in turn, so that load on the machine affects all of them alike. */
function interleaved(commands: Record<string, string[]>, rounds: number): Record<string, number> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (const args of Object.values(commands)) timeRun(args); // warm the file cache
  for (let r = 0; r < rounds; r++) for (const [name, args] of Object.entries(commands)) samples[name]!.push(timeRun(args));
  return Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, median(xs)]));
}

const verdict = (ratio: number, target: number) => `${ratio.toFixed(1)}× (target ≤ ${target}×: ${ratio <= target ? "met" : "NOT met"})`;

export const cliStartupBenchmark: Benchmark = {
  name: "cli: start-up and a large program",
  async run() {
    const dir = mkdtempSync(join(tmpdir(), "holofleet-bench-cli-"));
    try {
      const large = join(dir, "large.holofleet.yaml");
      writeFileSync(large, largeBlueprint(200, 2, 3));
      const t = interleaved(
        {
          baseline: ["-e", "0"],
          help: [BIN, "--help"],
          validate: [BIN, "validate", EXAMPLE],
        },
        ROUNDS,
      );
      const big = interleaved(
        {
          baseline: ["-e", "0"],
          validate: [BIN, "validate", large],
          compile: [BIN, "compile", large, "--out", join(dir, "out")],
        },
        5,
      );
      const ms = (n: number) => `${n.toFixed(0).padStart(5)} ms`;
      return [
        `median of ${ROUNDS} interleaved runs (wall time)`,
        `baseline  node -e 0                          ${ms(t.baseline!)}`,
        `holofleet --help                             ${ms(t.help!)}  ${verdict(t.help! / t.baseline!, 5)}`,
        `holofleet validate <bundled example>         ${ms(t.validate!)}  ${verdict(t.validate! / t.baseline!, 8)}`,
        `200 clients, 400 accounts, 1,200 serials (median of 5; baseline ${ms(big.baseline!).trim()}):`,
        `holofleet validate                           ${ms(big.validate!)}  ${(big.validate! / big.baseline!).toFixed(1)}× baseline`,
        `holofleet compile --out                      ${ms(big.compile!)}  ${(big.compile! / big.baseline!).toFixed(1)}× baseline`,
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
