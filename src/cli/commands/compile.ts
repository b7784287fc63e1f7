/**
 * `holofleet compile <blueprint> --out <dir>`: load and check the blueprint, compile it, validate the
 * kiosk XML against the AssignedAccess XSDs, then write every artifact and `manifest.json` atomically.
 * Any error diagnostic (blueprint, compiler, XSD) exits 1 before anything is written.
 */
import type { Command } from "commander";
import { compileBlueprint } from "../../operations/compile.ts";
import { ExitCode } from "../run.ts";
import { writeDiagnostics } from "../views/diagnostics.ts";

export { locateDiagnostics } from "../../operations/blueprint.ts";

export function registerCompile(program: Command): void {
  program
    .command("compile")
    .description("compile a blueprint into Intune/Graph artifacts, kiosk XML, WDAC policy and manifest.json")
    .argument("<blueprint>", "path to the blueprint (*.holofleet.yaml)")
    .requiredOption("--out <dir>", "output directory (created, or replaced if it is holofleet's previous output and holds nothing else)")
    .option("--json", "print a JSON report (diagnostics and the manifest) instead of text")
    .action(async (file: string, options: { out: string; json?: boolean }) => {
      const r = await compileBlueprint({ file, out: options.out });
      if (options.json) {
        process.stdout.write(JSON.stringify({ formatVersion: 1, file, out: r.out, written: r.written, diagnostics: r.diagnostics, manifest: r.manifest }, null, 2) + "\n");
      } else {
        // Text output shows the first diagnostics and counts the rest (views/diagnostics.ts).
        writeDiagnostics(r.diagnostics);
        if (!r.written) process.stderr.write(r.loaded ? `${file}: not compiled — nothing was written to ${options.out}\n` : `${file}: not compiled — fix the errors above\n`);
        else process.stdout.write(`${file}: wrote ${r.artifacts.length} artifacts (${r.resources} Graph resources) to ${options.out}\n`);
      }
      if (!r.written) throw new ExitCode(1);
    });
}
