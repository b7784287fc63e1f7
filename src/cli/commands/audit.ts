/**
 * `holofleet audit [--snapshot <file> | --tenant …] [--blueprint <file>] [--evidence <dir|files…>] [--format …]
 * [--output <file>] [--fail-on …]`: the effective posture of every device and client account against the
 * guide, from a saved snapshot or read live through Graph (the local tenant by default). Exit 0, 1 on an input
 * error, 3 when a failure is at or above --fail-on. A thin shell over `operations/audit.ts` and `operations/snapshot.ts`.
 */
import { readFileSync } from "node:fs";
import { Option, type Command } from "commander";
import { formatDiagnostic, sortDiagnostics, UserError } from "../../diag/diagnostic.ts";
import { audit, readAuditInputs } from "../../operations/audit.ts";
import { snapshotTenant } from "../../operations/snapshot.ts";
import type { AuditResult, Severity } from "../../posture/rules/types.ts";
import { REPORT_FORMATS, type ReportFormat } from "../../report/index.ts";
import { ExitCode } from "../run.ts";
import { writeFileAtomic } from "./appcontrol.ts";
import { addTargetOptions, targetOptions, type TargetFlags } from "./login.ts";

export const FAIL_ON = ["high", "medium", "low", "none"] as const;
export type FailOn = (typeof FAIL_ON)[number];
const RANK: Record<Severity, number> = { high: 3, medium: 2, low: 1, info: 0 };

/** Exit code 3 when any failure is at or above `failOn`. */
export function findingsExitCode(result: AuditResult, failOn: FailOn): 0 | 3 {
  if (failOn === "none") return 0;
  const threshold = RANK[failOn];
  return result.results.some((r) => r.status === "fail" && RANK[r.severity] >= threshold) ? 3 : 0;
}

function toolVersion(): string {
  return (JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string }).version;
}

interface AuditOptions extends TargetFlags {
  snapshot?: string;
  blueprint?: string;
  evidence?: string[];
  format: ReportFormat;
  output?: string;
  failOn: FailOn;
  verbose?: boolean;
}

export function registerAudit(program: Command): void {
  addTargetOptions(program.command("audit"))
    .description("effective posture of every HoloLens device and client account against the guide, read live or from a snapshot (exit 0 ok, 1 error, 3 failures at or above --fail-on)")
    .option("--snapshot <file>", "tenant snapshot to audit offline; without it the tenant (--tenant, default the local tenant) is read live through Graph")
    .option("--blueprint <file>", "hold the tenant to this blueprint (default: the guide's own posture, clients read from the tenant)")
    .option("--evidence <paths...>", "evidence files, or folders holding them, for the parts with no Graph API (information barriers, address book policies, Teams search)")
    .addOption(new Option("--format <format>", "report format").choices(Object.keys(REPORT_FORMATS)).default("table"))
    .option("--output <file>", "write the report to a file (atomically) instead of stdout")
    .addOption(new Option("--fail-on <severity>", "exit 3 when a failure is at or above this severity").choices([...FAIL_ON]).default("low"))
    .action(async (options: AuditOptions, command: Command) => {
      if (options.snapshot && options.tenant) throw new UserError("--snapshot and --tenant exclude each other: audit a saved snapshot, or read a tenant live");
      const verbose = command.optsWithGlobals<{ verbose?: boolean }>().verbose === true;
      const live = options.snapshot ? null : await snapshotTenant(targetOptions(options, "run"), process.env, { now: () => new Date() });
      const read = await readAuditInputs({ snapshot: options.snapshot ?? null, blueprint: options.blueprint ?? null, evidence: options.evidence ?? [] });
      const liveSnapshot = live?.snapshot ? { file: live.source ?? "the tenant", parsed: { snapshot: live.snapshot, diagnostics: [] } } : null;
      const snapshot = live ? liveSnapshot : (read.input?.snapshot ?? null);
      const outcome = read.input && snapshot ? audit({ ...read.input, snapshot, toolVersion: toolVersion() }) : { result: null, meta: null, diagnostics: [] };
      const diagnostics = sortDiagnostics([...(live?.diagnostics ?? []), ...read.diagnostics, ...outcome.diagnostics]);
      for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
      if (!outcome.result || !outcome.meta) {
        process.stderr.write("audit not run — fix the errors above\n");
        throw new ExitCode(1);
      }
      const color = options.format === "table" && !options.output && process.stdout.isTTY === true && !process.env.NO_COLOR;
      const report = REPORT_FORMATS[options.format](outcome.result, { ...outcome.meta, color, verbose });
      if (options.output) {
        await writeFileAtomic(options.output, report);
        const s = outcome.result.summary.byStatus;
        process.stderr.write(`wrote ${options.format} report to ${options.output}: ${s.fail} fail, ${s.manual} manual, ${s.pass} pass, ${s.not_applicable} not applicable\n`);
      } else {
        process.stdout.write(report);
      }
      const code = findingsExitCode(outcome.result, options.failOn);
      if (code !== 0) throw new ExitCode(code);
    });
}
