/**
 * Test-only: `applyBlueprint` in a process of its own, so a test can kill it (SIGKILL) part-way
 * through an apply. Run with `node --import tsx apply-child.ts <working dir> <blueprint>`; the
 * working dir's `.holofleet/tenant/tenant.json` names the tenant. Prints the summary as JSON.
 */
import { applyBlueprint } from "../../../src/operations/apply.ts";

const [cwd, file] = process.argv.slice(2);
if (!cwd || !file) {
  process.stderr.write("usage: apply-child.ts <working dir> <blueprint>\n");
  process.exit(2);
}
const outcome = await applyBlueprint({ file, target: { cwd, graph: { retry: { baseDelayMs: 5, maxDelayMs: 50 } } }, approve: async () => true });
process.stdout.write(`${JSON.stringify({ summary: outcome.result?.summary ?? null, errors: outcome.diagnostics.filter((d) => d.severity === "error").map((d) => d.code) })}\n`);
process.exitCode = outcome.result && outcome.result.summary.failed === 0 ? 0 : 1;
