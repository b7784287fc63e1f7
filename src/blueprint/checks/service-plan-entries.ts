/**
 * HF2062 / HF2063: an entry of `licensing.enabledServicePlans` or `disabledServicePlans` that changes
 * nothing — the allow-list already keeps the plan on (or already turns it off), or no assigned SKU has it
 * — or a plan listed in both. Every key must change the compiled licence; a no-op entry would suggest a
 * protection (or an exception) that is not there.
 */
import { findServicePlan, findSku, licenceNeeds } from "../../catalog/index.ts";
import { planPolicy } from "../licence-plans.ts";
import { defineCheck, finding } from "./finding.ts";

export const servicePlanEntries = defineCheck(["licensing", "devices.kiosk", "isolation"], ["HF2062", "HF2063"], (bp, src) => {
  const { skus, enabledServicePlans, disabledServicePlans } = bp.licensing;
  const { allowed } = planPolicy(bp, licenceNeeds);
  const known = skus.map((name) => findSku(name));
  // With an unknown SKU (HF2012) the plans it carries are unknown: "no SKU has it" cannot be said.
  const allKnown = known.every((sku) => sku !== undefined);
  const carried = new Set(known.flatMap((sku) => sku?.servicePlans.map((p) => p.name) ?? []));
  const disabled = new Set(disabledServicePlans);
  const noSku = (plan: string) => allKnown && !carried.has(plan);
  const skuList = skus.join(", ") || "none";

  const enabled = enabledServicePlans.flatMap((plan, i) => {
    // Unknown names are reported once, by unknown-service-plan (HF2013).
    if (!findServicePlan(plan)) return [];
    const path = ["licensing", "enabledServicePlans", i];
    if (disabled.has(plan)) {
      return [
        finding(src, path, "HF2063", "error", {
          message: `service plan \`${plan}\` is both in licensing.enabledServicePlans and in licensing.disabledServicePlans`,
          why: "One list keeps the plan on and the other turns it off; holofleet cannot tell which you meant.",
          fix: `Remove ${plan} from one of the two lists.`,
        }),
      ];
    }
    const need = allowed.get(plan);
    if (need) {
      return [
        finding(src, path, "HF2062", "warning", {
          message: `licensing.enabledServicePlans lists \`${plan}\`, which stays on anyway: the program needs it for ${need.title}`,
          why: "The allow-list already keeps every plan of the licences the program needs; the entry changes nothing.",
          fix: `Remove ${plan} from licensing.enabledServicePlans.`,
        }),
      ];
    }
    if (noSku(plan)) {
      return [
        finding(src, path, "HF2062", "warning", {
          message: `licensing.enabledServicePlans lists \`${plan}\`, which none of the assigned SKUs (${skuList}) has`,
          why: "A plan is kept on only inside a SKU that carries it; the entry changes nothing.",
          fix: `Add the SKU that carries ${plan} to licensing.skus, or remove the entry.`,
        }),
      ];
    }
    return [];
  });

  const disabledEntries = disabledServicePlans.flatMap((plan, i) => {
    if (!findServicePlan(plan) || enabledServicePlans.includes(plan)) return [];
    const path = ["licensing", "disabledServicePlans", i];
    if (!allowed.has(plan)) {
      return [
        finding(src, path, "HF2062", "warning", {
          message: `licensing.disabledServicePlans lists \`${plan}\`, which is off anyway: the program does not need it`,
          why: "Every plan outside the allow-list of what the program needs is disabled already (guide: only assign licences the user requires); the entry changes nothing.",
          fix: `Remove ${plan} from licensing.disabledServicePlans.`,
        }),
      ];
    }
    if (noSku(plan)) {
      return [
        finding(src, path, "HF2062", "warning", {
          message: `licensing.disabledServicePlans lists \`${plan}\`, which none of the assigned SKUs (${skuList}) has`,
          why: "There is nothing to turn off; the entry changes nothing.",
          fix: `Remove ${plan} from licensing.disabledServicePlans.`,
        }),
      ];
    }
    return [];
  });
  return [...enabled, ...disabledEntries];
});
