/**
 * Validates SiPolicy XML against Microsoft's schema (`schema/cipolicy.libxml2.xsd`, see its
 * SOURCE.md) with xmllint compiled to WebAssembly. This is the module's one touch of the outside
 * world: it reads the XSD file next to it and runs libxml2 in a worker thread, hence async.
 */
import { readFile } from "node:fs/promises";
import { memoryPages, validateXML } from "xmllint-wasm";
import type { Diagnostic } from "../../diag/diagnostic.ts";

const SCHEMA_URL = new URL("./schema/cipolicy.libxml2.xsd", import.meta.url);
const NAMESPACE = "{urn:schemas-microsoft-com:sipolicy}";
let schemaText: Promise<string> | undefined;

/** The XSD text, read once. */
export function siPolicySchema(): Promise<string> {
  schemaText ??= readFile(SCHEMA_URL, "utf8");
  return schemaText;
}

/**
 * Schema diagnostics (code HF4002), empty when the document is valid. xmllint reports lines, not
 * columns, so every diagnostic points at column 1 of its line.
 */
export async function validateSiPolicySchema(xml: string, file: string): Promise<Diagnostic[]> {
  // The text is already decoded; xmllint reads UTF-8, so a declared UTF-16 encoding must not mislead it.
  const utf8 = xml.replace(/^(\uFEFF?<\?xml[^>]*?encoding\s*=\s*)(["'])[^"']*\2/, "$1$2UTF-8$2");
  const result = await validateXML({
    xml: [{ fileName: "policy.xml", contents: utf8 }],
    schema: [{ fileName: "cipolicy.xsd", contents: await siPolicySchema() }],
    maxMemoryPages: 256 * memoryPages.MiB,
  });
  if (result.valid) return [];
  const diagnostics = result.errors.map((e): Diagnostic => {
    const message = e.message
      .replace(/^.*?Schemas validity error : /, "")
      .replace(/^.*?parser error : /, "")
      .split(NAMESPACE)
      .join("")
      .trim();
    return { severity: "error", code: "HF4002", message, source: { file, start: { line: e.loc?.lineNumber ?? 1, col: 1 } } };
  });
  if (diagnostics.length === 0) {
    diagnostics.push({ severity: "error", code: "HF4002", message: `schema validation failed: ${result.rawOutput.trim()}`, source: { file, start: { line: 1, col: 1 } } });
  }
  return diagnostics;
}
