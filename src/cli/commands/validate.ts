/**
 * `holofleet validate <blueprint>`: schema and semantic checks. Prints every diagnostic (warnings too) as
 * `file:line:col  code  message` (the first 50, then a count of the rest), or a JSON report of all of
 * them with `--json`; exit 0 when valid, 1 when not.
 */
import type { Command } from "commander";
import { validateBlueprint } from "../../operations/validate.ts";
import { ExitCode } from "../run.ts";
import { writeDiagnostics } from "../views/diagnostics.ts";

export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description("check a blueprint: YAML, schema and semantic checks (exit 0 valid, 1 invalid)")
    .argument("<blueprint>", "path to the blueprint (*.holofleet.yaml)")
    .option("--json", "print a JSON report instead of text")
    .action(async (file: string, options: { json?: boolean }) => {
      const { valid, diagnostics } = await validateBlueprint({ file });
      if (options.json) {
        process.stdout.write(JSON.stringify({ formatVersion: 1, file, valid, diagnostics }, null, 2) + "\n");
      } else {
        writeDiagnostics(diagnostics);
        const errors = diagnostics.filter((d) => d.severity === "error").length;
        const warnings = diagnostics.length - errors;
        const summary = valid
          ? `${file}: valid${warnings ? ` (${warnings} warning${warnings === 1 ? "" : "s"})` : ""}`
          : `${file}: invalid — ${errors} error${errors === 1 ? "" : "s"}${warnings ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}`;
        (valid ? process.stdout : process.stderr).write(summary + "\n");
      }
      if (!valid) throw new ExitCode(1);
    });
}
