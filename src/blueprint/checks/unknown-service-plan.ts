/** HF2013: a disabled service plan name that no SKU in the licensing list has, with suggestions. */
import { findServicePlan, skus } from "../../catalog/index.ts";
import { didYouMean } from "../suggest.ts";
import { finding, type BlueprintCheck } from "./finding.ts";

export const unknownServicePlan: BlueprintCheck = (bp, src) => {
  const unknown = bp.licensing.disabledServicePlans.map((plan, i) => ({ plan, i })).filter(({ plan }) => !findServicePlan(plan));
  if (unknown.length === 0) return [];
  const names = [...new Set(skus.flatMap((s) => s.servicePlans.map((p) => p.name)))];
  return unknown.map(({ plan, i }) =>
    finding(src, ["licensing", "disabledServicePlans", i], "HF2013", "error", {
      message: `unknown service plan \`${plan}\`.${didYouMean(plan, names)}`,
      fix: "Use the Service_Plan_Name from Microsoft's licensing list, e.g. EXCHANGE_S_ENTERPRISE or SHAREPOINTENTERPRISE.",
    }),
  );
};
