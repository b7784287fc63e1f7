/**
 * `holofleet plan <blueprint>`: preflight, read and diff (src/operations/plan.ts), then the plan as
 * text (terraform-style) or JSON (`--json`, with `formatVersion`); `--out` saves it for
 * `apply --plan`. `--detailed-exitcode`: 0 no changes, 2 changes, 1 error.
 */
import type { Command } from "commander";
import { UserError } from "../../diag/diagnostic.ts";
import { hasChanges } from "../../engine/plan.ts";
import { writePlanFile } from "../../operations/plan-file.ts";
import { planBlueprint } from "../../operations/plan.ts";
import { ExitCode } from "../run.ts";
import { writeDiagnostics } from "../views/diagnostics.ts";
import { planLines } from "../views/plan.ts";
import { addTargetOptions, targetOptions, type TargetFlags } from "./login.ts";

interface PlanFlags extends TargetFlags {
  json?: boolean;
  out?: string;
  detailedExitcode?: boolean;
  adopt: string[];
}

export const collectRepeated = (value: string, previous: string[]) => [...previous, value];

export function registerPlan(program: Command): void {
  addTargetOptions(program.command("plan"))
    .description("show what apply would change in the tenant, and why (exit 0; with --detailed-exitcode 0 none, 2 changes, 1 error)")
    .argument("<blueprint>", "path to the blueprint (*.holofleet.yaml)")
    .option("--json", "print the plan as JSON (with formatVersion) instead of text")
    .option("--out <file>", "save the plan for `holofleet apply --plan <file>`")
    .option("--detailed-exitcode", "exit 2 when there are changes, 0 when there are none")
    .option("--adopt <address>", "take over an existing object holofleet does not own (repeatable)", collectRepeated, [])
    .action(async (file: string, flags: PlanFlags) => {
      const { plan, diagnostics } = await planBlueprint({ file, target: targetOptions(flags, "run"), adopt: flags.adopt });
      if (!plan) {
        if (flags.json) process.stdout.write(JSON.stringify({ formatVersion: 1, diagnostics }, null, 2) + "\n");
        throw new UserError(`${file}: no plan — nothing was read or changed beyond the checks above`, flags.json ? [] : diagnostics);
      }
      if (flags.out) {
        try {
          await writePlanFile(flags.out, plan);
        } catch (err) {
          throw new UserError("", [{ severity: "error", code: "HF9002", message: `the plan cannot be written to ${flags.out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` }]);
        }
      }
      if (flags.json) process.stdout.write(JSON.stringify(plan, null, 2) + "\n");
      else {
        writeDiagnostics(diagnostics);
        process.stdout.write(planLines(plan).join("\n") + "\n");
        if (flags.out) process.stdout.write(`\nSaved the plan to ${flags.out}; apply exactly it with: holofleet apply --plan ${flags.out}\n`);
      }
      if (flags.detailedExitcode && hasChanges(plan.changes)) throw new ExitCode(2);
    });
}
