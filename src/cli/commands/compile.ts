/**
 * `holofleet compile <blueprint> --out <dir>`: load and check the blueprint, compile it, validate the
 * kiosk XML against the AssignedAccess XSDs, then write every artifact and `manifest.json` atomically.
 * Any error diagnostic (blueprint, compiler, XSD) exits 1 before anything is written.
 */
import type { Command } from "commander";
import { loadBlueprintFile } from "../../blueprint/load.ts";
import type { BlueprintSourceMap } from "../../blueprint/types.ts";
import { compileChecked } from "../../compile/compile-checked.ts";
import { writeArtifacts } from "../../compile/write-artifacts.ts";
import { type Diagnostic, hasErrors, sortDiagnostics } from "../../diag/diagnostic.ts";
import { ExitCode } from "../run.ts";
import { writeDiagnostics } from "../views/diagnostics.ts";

/** Gives compiler diagnostics (which carry a blueprint key path) the position of that key in the file. */
export function locateDiagnostics(diagnostics: readonly Diagnostic[], sourceMap: BlueprintSourceMap): Diagnostic[] {
  return diagnostics.map((d) =>
    d.source || !d.path ? d : { ...d, source: { file: sourceMap.file, start: sourceMap.locate(d.path) } },
  );
}

/** Text output shows the first diagnostics and counts the rest (views/diagnostics.ts). */
const print = (diagnostics: readonly Diagnostic[]): void => writeDiagnostics(diagnostics);

/** The `--json` report: `written` says whether the output directory was (re)written. */
function report(file: string, out: string, written: boolean, diagnostics: readonly Diagnostic[], manifest: unknown): string {
  return JSON.stringify({ formatVersion: 1, file, out, written, diagnostics: sortDiagnostics(diagnostics), manifest }, null, 2) + "\n";
}

export function registerCompile(program: Command): void {
  program
    .command("compile")
    .description("compile a blueprint into Intune/Graph artifacts, kiosk XML, WDAC policy and manifest.json")
    .argument("<blueprint>", "path to the blueprint (*.holofleet.yaml)")
    .requiredOption("--out <dir>", "output directory (created, or replaced if it is holofleet's previous output and holds nothing else)")
    .option("--json", "print a JSON report (diagnostics and the manifest) instead of text")
    .action(async (file: string, options: { out: string; json?: boolean }) => {
      const loaded = await loadBlueprintFile(file);
      if (!loaded.blueprint) {
        if (options.json) process.stdout.write(report(file, options.out, false, loaded.diagnostics, null));
        else {
          print(loaded.diagnostics);
          process.stderr.write(`${file}: not compiled — fix the errors above\n`);
        }
        throw new ExitCode(1);
      }
      const result = await compileChecked(loaded.blueprint);
      const diagnostics = [...loaded.diagnostics, ...locateDiagnostics(result.diagnostics, loaded.sourceMap)];
      if (hasErrors(diagnostics)) {
        if (options.json) process.stdout.write(report(file, options.out, false, diagnostics, null));
        else {
          print(diagnostics);
          process.stderr.write(`${file}: not compiled — nothing was written to ${options.out}\n`);
        }
        throw new ExitCode(1);
      }
      await writeArtifacts(options.out, result.artifacts);
      if (options.json) {
        const manifest = result.artifacts.find((a) => a.kind === "manifest");
        process.stdout.write(report(file, options.out, true, diagnostics, manifest ? JSON.parse(String(manifest.content)) : null));
      } else {
        print(diagnostics);
        process.stdout.write(`${file}: wrote ${result.artifacts.length} artifacts (${result.desired.length} Graph resources) to ${options.out}\n`);
      }
    });
}
