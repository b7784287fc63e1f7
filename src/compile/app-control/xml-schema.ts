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

function cleanMessage(message: string): string {
  return message
    .replace(/^.*?Schemas validity error : /, "")
    .replace(/^.*?parser error : /, "")
    .split(NAMESPACE)
    .join("")
    .trim();
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
  // libxml2 follows a parser error with context lines (an excerpt of the source, a caret, "Entity:
  // line 1:"), which xmllint-wasm also lists as errors, without a line number of the document.
  // Only the lines that name the document and a line are diagnostics; the rest is their context.
  const located = result.errors.filter((e) => e.loc?.fileName === "policy.xml" && Number.isInteger(e.loc.lineNumber) && e.loc.lineNumber > 0);
  const diagnostics = located.map(
    (e): Diagnostic => ({ severity: "error", code: "HF4002", message: cleanMessage(e.message), source: { file, start: { line: e.loc!.lineNumber!, col: 1 } } }),
  );
  if (diagnostics.length === 0) {
    // An error inside an entity's expansion is located in the entity ("Entity: line 1"), not the document.
    const first = result.errors.find((e) => / (?:parser|validity) error : /.test(e.rawMessage));
    const message = first ? cleanMessage(first.message) : `schema validation failed: ${result.rawOutput.trim()}`;
    diagnostics.push({ severity: "error", code: "HF4002", message, source: { file, start: { line: 1, col: 1 } } });
  }
  return diagnostics;
}
