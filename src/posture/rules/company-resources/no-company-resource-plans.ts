/**
 * Guide §CC company resources, option 1: in the organisation's own tenant, no client account has a mailbox or
 * another company-resource plan (SharePoint, OneDrive, Office, Yammer…) live. The same judgment as the
 * blueprint's HF2020 (`guide/company-resources.ts`), on the plans Entra really grants.
 */
import { companyResourcePlansIn } from "../../../guide/company-resources.ts";
import { accountOutcome, defineRule, listText } from "../define-rule.ts";
import { GUIDE, LINKS, READS } from "../support.ts";

export default defineRule({
  id: "company-resources/no-company-resource-plans",
  meta: {
    title: "No client account has a mailbox or other company-resource plan",
    concern: "company-resources",
    severity: "high",
    criticality: "shall",
    version: 1,
    stage: "preview",
    guide: GUIDE.companyResources,
    rationale: "In your own tenant these plans open your mail, files and sites to the client: a mailbox sees the global address list, SharePoint and OneDrive expose what is shared with everyone.",
    remediation: "Disable the plans in the licence group (apply the blueprint: it disables every plan outside the allow-list, so remove them from `licensing.enabledServicePlans`), use only the Remote Assist, Intune and Entra ID SKUs, move clients to a service tenant (`tenant.model`), or acknowledge `company-resource-plans`.",
    blueprintKey: "licensing.enabledServicePlans",
    acknowledgement: "company-resource-plans",
    references: [LINKS.guide],
    evidence: [READS.users, READS.subscribedSkus],
    messages: {
      pass: "{account}: no company-resource plan is live",
      live: "{account} has company-resource plans: {plans}",
      accepted: "{account} has {plans}, accepted in the blueprint (acknowledge: company-resource-plans)",
      serviceTenant: "{account} lives in a separate service tenant, where these plans reach no company resource",
    },
  },
  check(ctx) {
    return ctx.posture.accounts.map((a) => {
      if (ctx.bp.tenant.model === "service-tenant") return accountOutcome(ctx, a, "not_applicable", "serviceTenant");
      const live = companyResourcePlansIn(a.plans.map((p) => p.name));
      if (live.length === 0) return accountOutcome(ctx, a, "pass", "pass");
      const via = a.plans.filter((p) => live.includes(p.name)).map((p) => ({ plan: p.name, sku: p.skuPartNumber, via: p.via }));
      if (ctx.acknowledged("company-resource-plans")) return accountOutcome(ctx, a, "pass", "accepted", { plans: listText(live) }, { live: via, acknowledged: "company-resource-plans" });
      return accountOutcome(ctx, a, "fail", "live", { plans: listText(live) }, { live: via });
    });
  },
});
