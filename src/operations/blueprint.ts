/**
 * Loading a blueprint and compiling it, as every operation that needs the desired state does:
 * diagnostics of the blueprint, the compiler and the XSD checks together, each located in the file.
 */
import { loadBlueprintFile } from "../blueprint/load.ts";
import type { Blueprint, BlueprintSourceMap } from "../blueprint/types.ts";
import { compileChecked } from "../compile/compile-checked.ts";
import type { CompileResult } from "../compile/types.ts";
import { type Diagnostic, hasErrors } from "../diag/diagnostic.ts";

/** Gives diagnostics that carry a blueprint key path (compiler, plan) the position of that key. */
export function locateDiagnostics(diagnostics: readonly Diagnostic[], sourceMap: BlueprintSourceMap): Diagnostic[] {
  return diagnostics.map((d) => (d.source || !d.path ? d : { ...d, source: { file: sourceMap.file, start: sourceMap.locate(d.path) } }));
}

export interface CompiledBlueprint {
  blueprint?: Blueprint;
  sourceMap?: BlueprintSourceMap;
  /** Set when the blueprint loaded and compiled without errors. */
  compiled?: CompileResult;
  diagnostics: Diagnostic[];
}

export async function loadAndCompile(file: string): Promise<CompiledBlueprint> {
  const loaded = await loadBlueprintFile(file);
  if (!loaded.blueprint) return { diagnostics: loaded.diagnostics };
  const result = await compileChecked(loaded.blueprint);
  const diagnostics = [...loaded.diagnostics, ...locateDiagnostics(result.diagnostics, loaded.sourceMap)];
  return { blueprint: loaded.blueprint, sourceMap: loaded.sourceMap, ...(hasErrors(diagnostics) ? {} : { compiled: result }), diagnostics };
}
