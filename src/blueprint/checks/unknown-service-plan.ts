/**
 * HF2013: a service plan name (in `licensing.enabledServicePlans` or `disabledServicePlans`) that is in
 * no SKU of Microsoft's licensing list, with suggestions.
 */
import { findServicePlan, findSku, skus, type Sku } from "../../catalog/index.ts";
import { didYouMean, type Candidate } from "../suggest.ts";
import { defineCheck, finding } from "./finding.ts";

/** Plan names (with their friendly names as aliases) of the given SKUs, once each. */
function planCandidates(from: readonly Sku[]): Candidate[] {
  const byName = new Map<string, Candidate>();
  for (const plan of from.flatMap((s) => s.servicePlans)) {
    if (!byName.has(plan.name)) byName.set(plan.name, { name: plan.name, aliases: [plan.friendlyName] });
  }
  return [...byName.values()];
}

export const unknownServicePlan = defineCheck(["licensing"], ["HF2013"], (bp, src) => {
  const unknown = (["enabledServicePlans", "disabledServicePlans"] as const).flatMap((list) =>
    bp.licensing[list].map((plan, i) => ({ list, plan, i })).filter(({ plan }) => !findServicePlan(plan)),
  );
  if (unknown.length === 0) return [];
  // The plans of the blueprint's own SKUs are what a typo most likely means; the whole list otherwise.
  const listed = planCandidates(bp.licensing.skus.flatMap((name) => findSku(name) ?? []));
  const all = planCandidates(skus);
  return unknown.map(({ list, plan, i }) =>
    finding(src, ["licensing", list, i], "HF2013", "error", {
      message: `unknown service plan \`${plan}\`.${didYouMean(plan, listed) || didYouMean(plan, all)}`,
      why:
        list === "disabledServicePlans"
          ? "holofleet turns each name into the plan ids of Graph's disabledPlans; a name no SKU has would leave the plan you meant enabled."
          : "holofleet keeps each named plan on; a name no SKU has would leave the plan you meant disabled.",
      fix: "Use the Service_Plan_Name (exact case) from Microsoft's licensing list, e.g. EXCHANGE_S_ENTERPRISE or SHAREPOINTENTERPRISE.",
    }),
  );
});
