/** The `validate` use case: schema and semantic checks of a blueprint, as data. */
import { loadBlueprintFile } from "../blueprint/load.ts";
import { type Diagnostic, hasErrors } from "../diag/diagnostic.ts";

export interface ValidateResult {
  file: string;
  valid: boolean;
  diagnostics: Diagnostic[];
}

export async function validateBlueprint(opts: { file: string }): Promise<ValidateResult> {
  const { diagnostics } = await loadBlueprintFile(opts.file);
  return { file: opts.file, valid: !hasErrors(diagnostics), diagnostics };
}
