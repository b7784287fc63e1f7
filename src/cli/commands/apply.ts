/**
 * `holofleet apply <blueprint>` plans, shows the plan and asks on a terminal (or `--auto-approve`);
 * `holofleet apply --plan plan.json` applies a saved plan only if the tenant still reads as it did.
 * Progress goes to standard error on a terminal; `--json` prints each event as one JSON line and the
 * result last. Exit 0 when everything applied, 1 otherwise.
 */
import { createInterface } from "node:readline/promises";
import type { Command } from "commander";
import { UserError } from "../../diag/diagnostic.ts";
import type { EngineEvent, Plan } from "../../engine/plan-types.ts";
import { openFleetStoreIfPresent } from "../../fleet/store/open-fleet-store.ts";
import { applyBlueprint } from "../../operations/apply.ts";
import { cliActor, storeUserError } from "../../operations/fleet-context.ts";
import { readPlanFile } from "../../operations/plan-file.ts";
import { ExitCode } from "../run.ts";
import { writeDiagnostics } from "../views/diagnostics.ts";
import { planLines, progressLine } from "../views/plan.ts";
import { addTargetOptions, targetOptions, type TargetFlags } from "./login.ts";
import { collectRepeated } from "./plan.ts";

interface ApplyFlags extends TargetFlags {
  plan?: string;
  autoApprove?: boolean;
  json?: boolean;
  adopt: string[];
}

async function askOnTerminal(plan: Plan): Promise<boolean> {
  process.stdout.write(planLines(plan).join("\n") + "\n\n");
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question("Do you want to perform these actions? Only 'yes' will be accepted: ");
    return answer.trim() === "yes";
  } finally {
    rl.close();
  }
}

export function registerApply(program: Command): void {
  addTargetOptions(program.command("apply"))
    .description("make the tenant match the blueprint: plan, ask, apply (or apply a saved plan with --plan)")
    .argument("[blueprint]", "path to the blueprint (*.holofleet.yaml); with --plan, the one the plan names")
    .option("--plan <file>", "apply a plan saved by `holofleet plan --out`, refused if the tenant changed since")
    .option("--auto-approve", "apply without asking (needed when not run on a terminal)")
    .option("--json", "print progress events and the result as JSON lines")
    .option("--adopt <address>", "take over an existing object holofleet does not own (repeatable)", collectRepeated, [])
    .action(async (fileArg: string | undefined, flags: ApplyFlags) => {
      let file = fileArg;
      if (flags.plan && !file) {
        const saved = await readPlanFile(flags.plan);
        if (!saved.plan) throw new UserError("", saved.diagnostics);
        file = saved.plan.blueprint.file;
      }
      if (!file) throw new UserError("", [{ severity: "error", code: "HF9003", message: "apply needs a blueprint, or --plan with a saved plan", fix: "Run `holofleet apply <blueprint>` or `holofleet apply --plan plan.json`." }]);
      const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
      if (!flags.plan && !flags.autoApprove && (!interactive || flags.json))
        throw new UserError("", [
          {
            severity: "error",
            code: "HF9006",
            message: "apply asks before changing the tenant, and this is not an interactive terminal",
            fix: "Review `holofleet plan` and run `holofleet apply --auto-approve`, or save a plan with `holofleet plan --out plan.json` and run `holofleet apply --plan plan.json`.",
          },
        ]);
      const onEvent = (e: EngineEvent) => {
        if (flags.json) process.stdout.write(JSON.stringify(e) + "\n");
        else if (interactive) {
          const line = progressLine(e);
          if (line) process.stderr.write(line + "\n");
        }
      };
      // The program's fleet store, when it has one, notes the apply in its event log (the console shows the last one).
      const fleet = await openFleetStoreIfPresent().catch((err: unknown) => {
        throw storeUserError(err) ?? err;
      });
      const outcome = await applyBlueprint({
        file,
        target: targetOptions(flags, "run"),
        adopt: flags.adopt,
        ...(flags.plan ? { planFile: flags.plan } : {}),
        approve: flags.autoApprove ? async () => true : askOnTerminal,
        events: onEvent,
        ...(fleet ? { fleetLog: { events: fleet.events, actor: cliActor() } } : {}),
      }).finally(() => fleet?.close());
      const { plan, result, diagnostics } = outcome;
      if (flags.json) {
        process.stdout.write(JSON.stringify({ type: "result", formatVersion: 1, approved: outcome.approved, ...(plan ? { summary: plan.summary } : {}), ...(result ? { result } : {}), diagnostics }) + "\n");
        if (!result || result.summary.failed > 0 || result.summary.skipped > 0) throw new ExitCode(1);
        return;
      }
      if (!plan) throw new UserError(`${file}: nothing was applied`, diagnostics);
      writeDiagnostics(diagnostics);
      if (!result) {
        if (diagnostics.some((d) => d.severity === "error")) throw new UserError(`nothing was applied`, []);
        process.stdout.write("Apply cancelled: nothing was changed.\n");
        throw new ExitCode(1);
      }
      if (result.results.length === 0) {
        process.stdout.write(`No changes. Tenant ${plan.tenant.id} matches ${plan.blueprint.file}.\n`);
        return;
      }
      if (!interactive) process.stdout.write(planLines(plan).join("\n") + "\n\n");
      for (const r of result.results.filter((x) => x.outcome !== "applied")) process.stdout.write(`${r.address}: ${r.outcome}${r.code ? ` (${r.code})` : ""}${r.message ? `: ${r.message}` : ""}\n`);
      process.stdout.write(`Apply complete: ${result.summary.applied} applied, ${result.summary.failed} failed, ${result.summary.skipped} skipped.\n`);
      if (result.summary.failed > 0 || result.summary.skipped > 0) {
        process.stdout.write("Run `holofleet apply` again to retry what failed; what was applied is kept.\n");
        throw new ExitCode(1);
      }
    });
}
