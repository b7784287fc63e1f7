/**
 * `holofleet drift <blueprint>`: what changed in the tenant by hand since holofleet last applied it
 * (src/operations/drift.ts), as text or JSON. Exit 0 no drift, 2 drift, 1 error.
 */
import type { Command } from "commander";
import { UserError } from "../../diag/diagnostic.ts";
import { detectDrift } from "../../operations/drift.ts";
import { ExitCode } from "../run.ts";
import { writeDiagnostics } from "../views/diagnostics.ts";
import { driftLines } from "../views/plan.ts";
import { addTargetOptions, targetOptions, type TargetFlags } from "./login.ts";

export function registerDrift(program: Command): void {
  addTargetOptions(program.command("drift"))
    .description("report what was changed in the tenant by hand (exit 0 none, 2 drift, 1 error)")
    .argument("<blueprint>", "path to the blueprint (*.holofleet.yaml)")
    .option("--json", "print the report as JSON (with formatVersion) instead of text")
    .action(async (file: string, flags: TargetFlags & { json?: boolean }) => {
      const { report, diagnostics } = await detectDrift({ file, target: targetOptions(flags, "run") });
      if (!report) {
        if (flags.json) process.stdout.write(JSON.stringify({ formatVersion: 1, diagnostics }, null, 2) + "\n");
        throw new UserError(`${file}: drift not checked`, flags.json ? [] : diagnostics);
      }
      if (flags.json) process.stdout.write(JSON.stringify({ ...report, diagnostics }, null, 2) + "\n");
      else {
        writeDiagnostics(diagnostics);
        process.stdout.write(driftLines(report.drifted, report.inSync, report.tenant.id).join("\n") + "\n");
      }
      if (report.drifted.length > 0) throw new ExitCode(2);
    });
}
