/**
 * `npm run bench`: runs every benchmark in the table below and prints its results. Speed is reported
 * as ratios against a baseline measured in the same run, never asserted. `npm run bench -- cli` runs
 * only the benchmarks whose name contains one of the words given.
 */
import { benchmarks } from "./index.ts";

const words = process.argv.slice(2);
for (const bench of benchmarks.filter((b) => words.length === 0 || words.some((w) => b.name.includes(w)))) {
  console.log(`\n## ${bench.name}`);
  const lines = await bench.run();
  for (const line of lines) console.log(line);
}
