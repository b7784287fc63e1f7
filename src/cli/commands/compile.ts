/**
 * `holofleet compile <blueprint> --out <dir>`: load and check the blueprint, compile it, validate the
 * kiosk XML against the AssignedAccess XSDs, then write every artifact and `manifest.json` atomically.
 * Any error diagnostic (blueprint, compiler, XSD) exits 1 before anything is written.
 */
import type { Command } from "commander";
import { type Diagnostic, formatDiagnostic, sortDiagnostics } from "../../diag/diagnostic.ts";
import { compileBlueprint } from "../../operations/compile.ts";
import { ExitCode } from "../run.ts";

export { locateDiagnostics } from "../../operations/blueprint.ts";

function print(diagnostics: readonly Diagnostic[]): void {
  for (const d of sortDiagnostics(diagnostics)) (d.severity === "error" ? process.stderr : process.stdout).write(formatDiagnostic(d) + "\n");
}

export function registerCompile(program: Command): void {
  program
    .command("compile")
    .description("compile a blueprint into Intune/Graph artifacts, kiosk XML, WDAC policy and manifest.json")
    .argument("<blueprint>", "path to the blueprint (*.holofleet.yaml)")
    .requiredOption("--out <dir>", "output directory (created, or replaced if it holds a previous compile output)")
    .option("--json", "print a JSON report (diagnostics and the manifest) instead of text")
    .action(async (file: string, options: { out: string; json?: boolean }) => {
      const r = await compileBlueprint({ file, out: options.out });
      if (options.json) {
        process.stdout.write(JSON.stringify({ formatVersion: 1, file, out: r.out, written: r.written, diagnostics: r.diagnostics, manifest: r.manifest }, null, 2) + "\n");
      } else {
        print(r.diagnostics);
        if (!r.written) process.stderr.write(r.loaded ? `${file}: not compiled — nothing was written to ${options.out}\n` : `${file}: not compiled — fix the errors above\n`);
        else process.stdout.write(`${file}: wrote ${r.artifacts.length} artifacts (${r.resources} Graph resources) to ${options.out}\n`);
      }
      if (!r.written) throw new ExitCode(1);
    });
}
