/**
 * `npm run bench`: runs every benchmark in the table below and prints its results. Speed is reported
 * as ratios against a baseline measured in the same run, never asserted.
 */
import { benchmarks } from "./index.ts";

for (const bench of benchmarks) {
  console.log(`\n## ${bench.name}`);
  const lines = await bench.run();
  for (const line of lines) console.log(line);
}
