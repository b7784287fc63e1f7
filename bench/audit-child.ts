/**
 * One measured run for the audit benchmark, in a fresh process so its peak memory is its own: `baseline`
 * only parses the snapshot's JSON; `audit` parses, validates (zod) and audits it against the blueprint.
 * Prints one JSON line of timings (ms) and peak resident memory (bytes).
 */
import { readFileSync } from "node:fs";

const [mode, snapshotFile, blueprintFile] = process.argv.slice(2);
let text: string | null = readFileSync(snapshotFile!, "utf8");
const rssAtStart = process.resourceUsage().maxRSS * 1024;

if (mode === "baseline") {
  const t0 = performance.now();
  const json = JSON.parse(text!) as { managedDevices: unknown[] };
  const parseMs = performance.now() - t0;
  process.stdout.write(`${JSON.stringify({ parseMs, devices: json.managedDevices.length, peakRss: process.resourceUsage().maxRSS * 1024, rssAtStart })}\n`);
} else {
  const { loadBlueprint } = await import("../src/blueprint/load.ts");
  const { parseSnapshot } = await import("../src/posture/snapshot/load.ts");
  const { runAudit } = await import("../src/posture/run-audit.ts");
  const { allRules } = await import("../src/posture/rules/index.ts");
  const bp = loadBlueprint(readFileSync(blueprintFile!, "utf8"), blueprintFile!).blueprint;
  const t0 = performance.now();
  const { snapshot, diagnostics } = parseSnapshot(text, snapshotFile!);
  // The text is not needed once parsed; the CLI drops it the same way (readAuditInputs parses on read).
  text = null;
  const t1 = performance.now();
  if (!snapshot) throw new Error(`snapshot does not load: ${diagnostics[0]?.message}`);
  const result = runAudit({ snapshot, blueprint: bp, rules: allRules });
  const t2 = performance.now();
  process.stdout.write(
    `${JSON.stringify({ parseMs: t1 - t0, evaluateMs: t2 - t1, results: result.results.length, failures: result.summary.byStatus.fail, peakRss: process.resourceUsage().maxRSS * 1024, rssAtStart })}\n`,
  );
}
