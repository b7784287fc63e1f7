/**
 * `compileChecked(blueprint)`: `compile` plus the checks that cannot run synchronously — libxml2
 * validation of every kiosk XML artifact against the AssignedAccess XSDs and of the WDAC policy XML
 * against the SiPolicy XSD. The CLI and anything that ships artifacts to a tenant (plan, apply) should
 * use this, so no XML that fails Microsoft's schemas leaves holofleet.
 */
import type { Blueprint } from "../blueprint/types.ts";
import { validateSiPolicySchema } from "./app-control/index.ts";
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
    } else if (artifact.kind === "app-control-xml" && typeof artifact.content === "string") {
      diagnostics.push(...(await validateSiPolicySchema(artifact.content, artifact.file)));
    }
  }
  return { ...result, diagnostics };
}
