/**
 * `compileChecked(blueprint)`: `compile` plus the checks that cannot run synchronously — every kiosk XML
 * artifact validated against the AssignedAccess XSDs with libxml2. The CLI and anything that ships
 * artifacts to a tenant (plan, apply) should use this, so no XML that fails the XSDs leaves holofleet.
 */
import type { Blueprint } from "../blueprint/types.ts";
import type { CompileCatalog } from "./catalog-port.ts";
import { defaultCatalog } from "./catalog-port.ts";
import { compile } from "./compile.ts";
import { kioskXmlDiagnostics } from "./kiosk-xml/validate-kiosk-xml.ts";
import type { CompileResult } from "./types.ts";

export async function compileChecked(bp: Blueprint, catalog: CompileCatalog = defaultCatalog): Promise<CompileResult> {
  const result = compile(bp, catalog);
  const diagnostics = [...result.diagnostics];
  for (const artifact of result.artifacts) {
    if (artifact.kind === "kiosk-xml" && typeof artifact.content === "string") {
      diagnostics.push(...(await kioskXmlDiagnostics(artifact.content, artifact.file)));
    }
  }
  return { ...result, diagnostics };
}
