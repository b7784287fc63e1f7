/**
 * Guide §CC company resources, option 1 ("only assign licenses that the user requires"): every live service
 * plan of a client account is on the program's allow-list — the plans its licence needs call for, plus
 * `licensing.enabledServicePlans` (`guide/company-resources.ts`, the one place the list is looked up).
 */
import { allowedServicePlans } from "../../../guide/company-resources.ts";
import { accountOutcome, defineRule, listText } from "../define-rule.ts";
import { GUIDE, LINKS, READS } from "../support.ts";

export default defineRule({
  id: "licensing/no-plan-outside-allow-list",
  meta: {
    title: "Client accounts have no service plan outside the program's allow-list",
    concern: "licensing",
    severity: "medium",
    criticality: "shall",
    version: 1,
    stage: "preview",
    guide: GUIDE.companyResources,
    rationale: "Each live plan is a service the client can reach with the account; a plan the program did not choose (an extra SKU, a plan the program disables turned back on) widens what clients can do.",
    remediation: "Remove the extra licence, or disable the plan in the licence group (apply the blueprint: every plan outside the allow-list is disabled there); keep a plan on with `licensing.enabledServicePlans` only if clients really need it.",
    blueprintKey: "licensing.enabledServicePlans",
    references: [LINKS.guide, LINKS.licensingGroups],
    evidence: [READS.users, READS.subscribedSkus],
    messages: {
      pass: "{account}: every live plan is on the allow-list",
      extra: "{account} has plans outside the allow-list: {plans}",
    },
  },
  check(ctx) {
    const allowed = allowedServicePlans(ctx.bp);
    return ctx.posture.accounts.map((a) => {
      const extra = [...new Set(a.plans.filter((p) => !allowed.has(p.name)).map((p) => `${p.name} (${p.skuPartNumber})`))].sort();
      return extra.length ? accountOutcome(ctx, a, "fail", "extra", { plans: listText(extra) }, { extra, allowed: [...allowed].sort() }) : accountOutcome(ctx, a, "pass", "pass");
    });
  },
});
