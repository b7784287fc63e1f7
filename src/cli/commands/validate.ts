/**
 * `holofleet validate <blueprint>`: schema and semantic checks. Prints every diagnostic (warnings too) as
 * `file:line:col  code  message`, or a JSON report with `--json`; exit 0 when valid, 1 when not.
 */
import type { Command } from "commander";
import { formatDiagnostic } from "../../diag/diagnostic.ts";
import { validateBlueprint } from "../../operations/validate.ts";
import { ExitCode } from "../run.ts";

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
        for (const d of diagnostics) (d.severity === "error" ? process.stderr : process.stdout).write(formatDiagnostic(d) + "\n");
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
