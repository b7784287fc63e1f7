/**
 * `parseSiPolicyXml`: the full check for SiPolicy XML from outside holofleet — well-formedness, then
 * Microsoft's XSD, then the semantic checks the binary needs — returning the model and every
 * problem as a located diagnostic.
 */
import { XMLValidator } from "fast-xml-parser";
import { hasErrors, type Diagnostic } from "../../diag/diagnostic.ts";
import type { SiPolicyModel } from "./model.ts";
import { readSiPolicyXml } from "./xml-read.ts";
import { validateSiPolicySchema } from "./xml-schema.ts";

export interface ParseSiPolicyResult {
  /** Present when there are no error diagnostics. */
  model: SiPolicyModel | undefined;
  diagnostics: Diagnostic[];
}

export async function parseSiPolicyXml(xml: string, file: string): Promise<ParseSiPolicyResult> {
  const source = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  const wellFormed = XMLValidator.validate(source);
  if (wellFormed !== true) {
    const { msg, line, col } = wellFormed.err;
    return { model: undefined, diagnostics: [{ severity: "error", code: "HF4001", message: msg, source: { file, start: { line, col } } }] };
  }
  const schema = await validateSiPolicySchema(xml, file);
  if (hasErrors(schema)) return { model: undefined, diagnostics: schema };
  return readSiPolicyXml(xml, file);
}
