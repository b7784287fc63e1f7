/**
 * HF2020: in the same-tenant model, a SKU that includes company-resource plans (Exchange, SharePoint,
 * OneDrive, Office, Yammer…) that stay enabled. The guide (§CC-company-resources, option 1): "only
 * assign licenses that the user requires" — without them, clients cannot reach those resources. Every
 * Exchange Online mailbox plan counts (the guide's "Outlook"), including the one scoped directory search
 * needs (HF2050).
 */
import { findSku } from "../../catalog/index.ts";
import { companyResourcePlansIn } from "../../guide/company-resources.ts";
import { defineCheck, finding } from "./finding.ts";

export const companyResourcePlansLeftOn = defineCheck(["tenant", "licensing"], ["HF2020"], (bp, src) => {
  if (bp.tenant.model !== "same-tenant") return [];
  const disabled = new Set(bp.licensing.disabledServicePlans);
  return bp.licensing.skus.flatMap((skuName, i) => {
    const sku = findSku(skuName);
    if (!sku) return [];
    const leftOn = companyResourcePlansIn(sku.servicePlans.map((p) => p.name).filter((p) => !disabled.has(p)));
    if (leftOn.length === 0) return [];
    return [
      finding(src, ["licensing", "skus", i], "HF2020", "error", {
        message: `SKU \`${skuName}\` gives client accounts company-resource plans that stay enabled: ${leftOn.join(", ")}`,
        why: "In the same tenant these plans open your mail, files and sites to clients (guide: ensure clients won't have access to company resources).",
        fix: `Add ${leftOn.join(", ")} to licensing.disabledServicePlans, use only the Remote Assist, Intune and Entra ID SKUs, or acknowledge company-resource-plans.`,
      }),
    ];
  });
});
