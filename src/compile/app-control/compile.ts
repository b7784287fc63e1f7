/**
 * `compileSiPolicy`: SiPolicy XML (or a model) → the format-7 binary the ApplicationControl CSP takes,
 * byte-identical to Microsoft's `ConvertFrom-CIPolicy`. Synchronous and pure, so the blueprint
 * compiler can call it directly; XML from outside holofleet should go through `parseSiPolicyXml`
 * first, which adds the XSD check (the CLI does).
 */
import { hasErrors } from "../../diag/diagnostic.ts";
import { encodeSiPolicy } from "./encode.ts";
import { SiPolicyXmlError } from "./errors.ts";
import type { SiPolicyModel } from "./model.ts";
import { readSiPolicyXml } from "./xml-read.ts";

export interface CompileSiPolicyOptions {
  /** File name used in diagnostics when the input is XML. */
  file?: string;
}

/**
 * Compiles a policy. Throws `SiPolicyXmlError` (located diagnostics) for XML with errors and
 * `SiPolicyModelError` for a model with dangling references.
 * @example
 * const cip = compileSiPolicy(buildHoloLensDenyPolicy({ policyId, name, version, packageFamilyNames, fileNames }));
 */
export function compileSiPolicy(input: string | SiPolicyModel, options: CompileSiPolicyOptions = {}): Uint8Array {
  if (typeof input !== "string") return encodeSiPolicy(input);
  const file = options.file ?? "policy.xml";
  const { model, diagnostics } = readSiPolicyXml(input, file);
  if (!model || hasErrors(diagnostics)) {
    throw new SiPolicyXmlError(`${file} is not a valid SiPolicy`, diagnostics.filter((d) => d.severity === "error"));
  }
  return encodeSiPolicy(model);
}
