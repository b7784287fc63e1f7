/**
 * The `compile` use case: load, check and compile a blueprint, then write every artifact and
 * `manifest.json` atomically — or nothing at all when any error diagnostic (blueprint, compiler, XSD)
 * is found.
 */
import type { Artifact } from "../compile/types.ts";
import { writeArtifacts } from "../compile/write-artifacts.ts";
import { type Diagnostic, sortDiagnostics } from "../diag/diagnostic.ts";
import { loadAndCompile } from "./blueprint.ts";

export interface CompileOutcome {
  file: string;
  out: string;
  /** Whether the output directory was (re)written. */
  written: boolean;
  /** False when the blueprint did not even load (nothing could be compiled). */
  loaded: boolean;
  diagnostics: Diagnostic[];
  artifacts: Artifact[];
  /** Graph resources compiled. */
  resources: number;
  /** The parsed `manifest.json`, when written. */
  manifest: unknown;
}

export async function compileBlueprint(opts: { file: string; out: string }): Promise<CompileOutcome> {
  const { blueprint, compiled, diagnostics } = await loadAndCompile(opts.file);
  const base = { file: opts.file, out: opts.out, loaded: blueprint !== undefined, diagnostics: sortDiagnostics(diagnostics) };
  if (!compiled) return { ...base, written: false, artifacts: [], resources: 0, manifest: null };
  await writeArtifacts(opts.out, compiled.artifacts);
  const manifest = compiled.artifacts.find((a) => a.kind === "manifest");
  return { ...base, written: true, artifacts: compiled.artifacts, resources: compiled.desired.length, manifest: manifest ? JSON.parse(String(manifest.content)) : null };
}
