/**
 * HF2020: in the same-tenant model, service plans kept on beyond what the program needs
 * (`licensing.enabledServicePlans`). The guide (§CC-company-resources, option 1): "only assign licenses
 * that the user requires" — a plan such as Exchange, SharePoint or Loop opens the organisation's own
 * mail, files and sites to clients. Every Exchange Online mailbox plan counts (the guide's "Outlook"),
 * including the one scoped directory search needs (HF2050). Acknowledgeable (`company-resource-plans`).
 */
import { companyResourcePlans, findServicePlan, findSku, licenceNeeds, mailboxPlans } from "../../catalog/index.ts";
import { planPolicy } from "../licence-plans.ts";
import { defineCheck, finding } from "./finding.ts";

const COMPANY_PLANS = new Set(companyResourcePlans);
const MAILBOX_PLANS = new Set(mailboxPlans);

export const companyResourcePlansLeftOn = defineCheck(["tenant", "licensing", "devices.kiosk", "isolation"], ["HF2020"], (bp, src) => {
  if (bp.tenant.model !== "same-tenant") return [];
  const { allowed, keep } = planPolicy(bp, licenceNeeds);
  const carried = new Set(bp.licensing.skus.flatMap((name) => findSku(name)?.servicePlans.map((p) => p.name) ?? []));
  return bp.licensing.enabledServicePlans.flatMap((plan, i) => {
    // Plans that stay on anyway, are off after all, or that no SKU carries are service-plan-entries' (HF2062/HF2063).
    if (allowed.has(plan) || !keep.has(plan) || !carried.has(plan)) return [];
    const name = findServicePlan(plan)?.friendlyName ?? plan;
    const kind = MAILBOX_PLANS.has(plan)
      ? `a company-resource plan, an Exchange Online mailbox${bp.isolation.mode === "scoped-directory-search" ? " (scoped directory search needs it, HF2050)" : ""}`
      : COMPANY_PLANS.has(plan)
        ? "a company-resource plan"
        : "a plan the program does not need";
    return [
      finding(src, ["licensing", "enabledServicePlans", i], "HF2020", "error", {
        message: `licensing.enabledServicePlans keeps \`${plan}\` (${name}) on for client accounts in your own tenant: ${kind}`,
        why: "In the same tenant, every plan beyond Remote Assist or Guides, Intune and Entra ID can open your organisation's mail, files, sites or apps to clients (guide: ensure clients won't have access to company resources).",
        fix: `Remove ${plan} from licensing.enabledServicePlans, host clients in a service tenant (tenant.model: service-tenant), or acknowledge company-resource-plans.`,
      }),
    ];
  });
});
