/**
 * Guide §GR-2 and §CC company resources: licences assigned to the all-clients group with
 * `POST /groups/{id}/assignLicense` (graph-facts §3.1). For each SKU, `disabledPlans` lists the SKU's
 * service plans that the blueprint keeps off, so only the allowed plans stay on — e.g. Exchange and
 * SharePoint inside SPE_E3, nothing inside Remote Assist (whose TEAMS1 plan carries its calls).
 * SKU and plan ids are placeholders re-resolved from the tenant's `/subscribedSkus` at plan time; the
 * catalog's ids travel with them.
 */
import type { Blueprint } from "../../blueprint/types.ts";
import type { Diagnostic } from "../../diag/diagnostic.ts";
import type { CompileCatalog } from "../catalog-port.ts";
import type { DesiredResource } from "../types.ts";
import { addresses } from "./addresses.ts";

export interface ResolvePlaceholder {
  $resolve: string;
  catalog: string;
}

export interface LicenseToAdd {
  skuId: ResolvePlaceholder;
  disabledPlans: ResolvePlaceholder[];
}

export interface GroupLicenseResult {
  resources: DesiredResource[];
  /** The computed licences, by skuPartNumber, for reports and tests. */
  licenses: { skuPartNumber: string; disabledPlanNames: string[]; enabledPlanNames: string[] }[];
  diagnostics: Diagnostic[];
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function compileGroupLicense(bp: Blueprint, catalog: Pick<CompileCatalog, "findSku" | "findServicePlan">): GroupLicenseResult {
  const diagnostics: Diagnostic[] = [];
  const disabled = new Set(bp.licensing.disabledServicePlans);

  bp.licensing.disabledServicePlans.forEach((name, index) => {
    if (!catalog.findServicePlan(name)) {
      diagnostics.push({
        severity: "error",
        code: "HF3202",
        message: `service plan "${name}" is not in the licensing catalog`,
        why: "a misspelt plan name would silently stay enabled",
        path: ["licensing", "disabledServicePlans", index],
      });
    }
  });

  const addLicenses: LicenseToAdd[] = [];
  const licenses: GroupLicenseResult["licenses"] = [];
  const skus = bp.licensing.skus.map((name, index) => ({ name, index })).sort((a, b) => byText(a.name, b.name));
  for (const { name, index } of skus) {
    const sku = catalog.findSku(name);
    if (!sku) {
      diagnostics.push({
        severity: "error",
        code: "HF3201",
        message: `SKU "${name}" is not in the licensing catalog`,
        fix: "use the String_Id (skuPartNumber) from Microsoft's licensing CSV, e.g. INTUNE_A",
        path: ["licensing", "skus", index],
      });
      continue;
    }
    const plans = [...sku.servicePlans].sort((a, b) => byText(a.name, b.name));
    const off = plans.filter((p) => disabled.has(p.name));
    addLicenses.push({
      skuId: { $resolve: `skuId:${sku.skuPartNumber}`, catalog: sku.skuId },
      disabledPlans: off.map((p) => ({ $resolve: `servicePlanId:${sku.skuPartNumber}:${p.name}`, catalog: p.id })),
    });
    licenses.push({
      skuPartNumber: sku.skuPartNumber,
      disabledPlanNames: off.map((p) => p.name),
      enabledPlanNames: plans.filter((p) => !disabled.has(p.name)).map((p) => p.name),
    });
  }

  const resources: DesiredResource[] =
    diagnostics.some((d) => d.severity === "error") || addLicenses.length === 0
      ? []
      : [
          {
            kind: "groupLicense",
            address: addresses.clientsLicense,
            api: "v1.0",
            collection: "/groups/{parent}/assignLicense",
            parent: addresses.clientsGroup,
            // Both arrays are non-nullable in the CSDL: send removeLicenses even when empty.
            body: { addLicenses, removeLicenses: [] },
            dependsOn: [addresses.clientsGroup],
          },
        ];
  return { resources, licenses, diagnostics };
}
