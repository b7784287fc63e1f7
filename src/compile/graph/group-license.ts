/**
 * Guide §GR-2 and §CC company resources: licences assigned to the all-clients group with
 * `POST /groups/{id}/assignLicense` (graph-facts §3.1). Plans are kept by allow-list: in every SKU, only
 * the plans of what the program needs stay on (the catalog's licence needs: Remote Assist or Guides with
 * the plans their licences bring, Intune, Entra ID, Teams for calls, information barriers when used, plus
 * `licensing.enabledServicePlans`); every other plan is in `disabledPlans` — Loop, Whiteboard, Exchange,
 * SharePoint… inside SPE_E3, and whatever Microsoft adds to a suite later.
 * The SKU id and the disabled plans are placeholders resolved from the tenant's `/subscribedSkus` at plan
 * time: `disabledPlans` is "every plan of the SKU not in `keep`", so a new plan in a suite is off too.
 */
import type { Blueprint } from "../../blueprint/types.ts";
import { planPolicy } from "../../blueprint/licence-plans.ts";
import type { Diagnostic } from "../../diag/diagnostic.ts";
import type { CompileCatalog } from "../catalog-port.ts";
import type { DesiredResource } from "../types.ts";
import { addresses } from "./addresses.ts";

export interface ResolvePlaceholder {
  $resolve: string;
  catalog: string;
}

/**
 * `disabledPlans` of one SKU, resolved at plan time: every service plan the tenant's subscription of the
 * SKU has whose name is not in `keep`. `catalog` is what that gives with the licensing catalog's plans.
 */
export interface DisabledPlansPlaceholder {
  $resolve: `disabledPlans:${string}`;
  keep: string[];
  catalog: string[];
}

export interface LicenseToAdd {
  skuId: ResolvePlaceholder;
  disabledPlans: DisabledPlansPlaceholder;
}

export interface CompiledLicence {
  skuPartNumber: string;
  disabledPlanNames: string[];
  /** The plans that stay on, each with why: the need that keeps it, or `licensing.enabledServicePlans`. */
  enabledPlans: { name: string; because: string }[];
  enabledPlanNames: string[];
}

export interface GroupLicenseResult {
  resources: DesiredResource[];
  /** The computed licences, by skuPartNumber, for the licences artifact, reports and tests. */
  licenses: CompiledLicence[];
  diagnostics: Diagnostic[];
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function compileGroupLicense(bp: Blueprint, catalog: Pick<CompileCatalog, "findSku" | "findServicePlan" | "licenceNeeds">): GroupLicenseResult {
  const diagnostics: Diagnostic[] = [];
  const { allowed, keep } = planPolicy(bp, catalog.licenceNeeds);

  for (const list of ["enabledServicePlans", "disabledServicePlans"] as const) {
    bp.licensing[list].forEach((name, index) => {
      if (!catalog.findServicePlan(name)) {
        diagnostics.push({
          severity: "error",
          code: "HF3202",
          message: `service plan "${name}" is not in the licensing catalog`,
          why: list === "disabledServicePlans" ? "a misspelt plan name would silently stay enabled" : "a misspelt plan name would silently stay disabled",
          path: ["licensing", list, index],
        });
      }
    });
  }

  const keepList = [...keep].sort(byText);
  const addLicenses: LicenseToAdd[] = [];
  const licenses: CompiledLicence[] = [];
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
    const off = plans.filter((p) => !keep.has(p.name));
    const on = plans.filter((p) => keep.has(p.name));
    addLicenses.push({
      skuId: { $resolve: `skuId:${sku.skuPartNumber}`, catalog: sku.skuId },
      disabledPlans: { $resolve: `disabledPlans:${sku.skuPartNumber}`, keep: keepList, catalog: off.map((p) => p.id) },
    });
    licenses.push({
      skuPartNumber: sku.skuPartNumber,
      disabledPlanNames: off.map((p) => p.name),
      enabledPlans: on.map((p) => ({ name: p.name, because: allowed.get(p.name)?.title ?? "licensing.enabledServicePlans" })),
      enabledPlanNames: on.map((p) => p.name),
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
