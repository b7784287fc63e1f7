/**
 * Guide §CC company resources, option 1: "only assign licenses that the user requires" — without OneDrive,
 * Outlook, SharePoint, Yammer and the like, a client cannot reach those resources. The plans that count are
 * catalog data: the company-resource plans and every Exchange Online mailbox plan (the guide's "Outlook").
 * The program's allow-list of service plans is looked up in exactly one function, `allowedServicePlans`.
 */
import type { Blueprint } from "../blueprint/types.ts";
import { planPolicy } from "../blueprint/licence-plans.ts";
import { companyResourcePlans, licenceNeeds, mailboxPlans } from "../catalog/index.ts";

const COMPANY_PLANS = new Set([...companyResourcePlans, ...mailboxPlans]);

/** The company-resource plans (by `Service_Plan_Name`) among `planNames`, sorted. */
export function companyResourcePlansIn(planNames: Iterable<string>): string[] {
  return [...new Set([...planNames].filter((p) => COMPANY_PLANS.has(p)))].sort();
}

/**
 * The service plans a client account may have: the program's allow-list (the catalog's licence needs that
 * apply to the blueprint, widened by `licensing.enabledServicePlans`, narrowed by
 * `licensing.disabledServicePlans`). The same `planPolicy` the blueprint checks and the compiler use, so
 * the audit and the compiled licence groups can never disagree about it.
 */
export function allowedServicePlans(bp: Pick<Blueprint, "devices" | "isolation" | "licensing">): Set<string> {
  return planPolicy(bp, licenceNeeds).keep;
}
