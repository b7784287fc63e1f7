/**
 * Validates an AssignedAccessConfiguration document against Microsoft's AssignedAccess XSDs with libxml2
 * (xmllint-wasm). The XSDs ship beside this module (`xsd/`, see `xsd/SOURCE.md`) and are read once.
 * Asynchronous because xmllint-wasm runs in a worker; the pure compiler never calls it.
 */
import { readFile } from "node:fs/promises";
import { validateXML } from "xmllint-wasm";
import type { Diagnostic } from "../../diag/diagnostic.ts";

/** The entry schema first; xmllint resolves its `xs:import schemaLocation`s among the preloaded files. */
export const KIOSK_XSD_FILES = ["aa-2017.xsd", "aa-201810.xsd", "aa-2020.xsd", "aa-202010.xsd", "aa-2021.xsd", "aa-2022.xsd"] as const;

const XSD_DIR = new URL("./xsd/", import.meta.url);

interface XsdFile {
  fileName: string;
  contents: string;
}

let schemaSet: Promise<XsdFile[]> | undefined;

function loadSchemaSet(): Promise<XsdFile[]> {
  schemaSet ??= Promise.all(
    KIOSK_XSD_FILES.map(async (fileName) => ({ fileName, contents: await readFile(new URL(fileName, XSD_DIR), "utf8") })),
  );
  return schemaSet;
}

export interface KioskXmlValidationError {
  /** 1-based line in the validated document, when libxml2 reported one. */
  line: number | null;
  message: string;
}

export interface KioskXmlValidation {
  valid: boolean;
  errors: KioskXmlValidationError[];
}

/** Runs libxml2's schema validation; a document that is not well-formed is invalid too. */
export async function validateKioskXml(xml: string, fileName = "assigned-access.xml"): Promise<KioskXmlValidation> {
  const [entry, ...imported] = await loadSchemaSet();
  if (!entry) throw new Error("AssignedAccess XSD set is empty");
  const result = await validateXML({
    xml: [{ fileName, contents: xml }],
    schema: [entry],
    preload: imported,
  });
  return {
    valid: result.valid,
    errors: result.errors.map((e) => ({ line: e.loc?.lineNumber ?? null, message: e.message })),
  };
}

/** The same check as located diagnostics (HF3103), pointing at the generated file and line. */
export async function kioskXmlDiagnostics(xml: string, file: string): Promise<Diagnostic[]> {
  const { valid, errors } = await validateKioskXml(xml, file.split("/").pop() ?? file);
  if (valid) return [];
  const problems = errors.length > 0 ? errors : [{ line: null, message: "xmllint rejected the document" }];
  return problems.map((e) => ({
    severity: "error" as const,
    code: "HF3103",
    message: `kiosk XML fails the AssignedAccess schema: ${e.message}`,
    why: "HoloLens rejects an AssignedAccess configuration that does not validate, and the device keeps its old kiosk.",
    fix: "this is a holofleet bug if the XML was generated; please report it with the blueprint",
    source: { file, start: { line: e.line ?? 1, col: 1 } },
  }));
}
