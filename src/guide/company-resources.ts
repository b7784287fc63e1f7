/**
 * Guide §CC company resources, option 1: "only assign licenses that the user requires" — without OneDrive,
 * Outlook, SharePoint, Yammer and the like, a client cannot reach those resources. The plans that count are
 * catalog data: the company-resource plans and every Exchange Online mailbox plan (the guide's "Outlook").
 * The program's allow-list of service plans is looked up in exactly one function, `allowedServicePlans`.
 */
import { companyResourcePlans, findSku, mailboxPlans } from "../catalog/index.ts";

const COMPANY_PLANS = new Set([...companyResourcePlans, ...mailboxPlans]);

/** The company-resource plans (by `Service_Plan_Name`) among `planNames`, sorted. */
export function companyResourcePlansIn(planNames: Iterable<string>): string[] {
  return [...new Set([...planNames].filter((p) => COMPANY_PLANS.has(p)))].sort();
}

export interface LicensingChoice {
  /** SKUs by skuPartNumber. */
  skus: readonly string[];
  /** Service plans kept off in every SKU. */
  disabledServicePlans: readonly string[];
}

/**
 * The service plans a client account may have: every plan of the program's SKUs that the program does not
 * disable. The one place the allow-list is looked up, so a catalog allow-list can replace it here alone.
 */
export function allowedServicePlans(licensing: LicensingChoice): Set<string> {
  const disabled = new Set(licensing.disabledServicePlans);
  const allowed = new Set<string>();
  for (const skuName of licensing.skus) {
    for (const plan of findSku(skuName)?.servicePlans ?? []) if (!disabled.has(plan.name)) allowed.add(plan.name);
  }
  return allowed;
}
