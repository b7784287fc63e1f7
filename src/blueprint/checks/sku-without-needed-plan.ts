/**
 * HF2064 (warning): an assigned SKU none of whose service plans the program keeps on — every plan is
 * outside the allow-list, so each client account takes a seat of it and gets nothing from it (e.g. an
 * information-barrier add-on while isolation does not use information barriers).
 */
import { findSku, licenceNeeds } from "../../catalog/index.ts";
import { planPolicy } from "../licence-plans.ts";
import { defineCheck, finding } from "./finding.ts";

export const skuWithoutNeededPlan = defineCheck(["licensing", "devices.kiosk", "isolation"], ["HF2064"], (bp, src) => {
  const { keep } = planPolicy(bp, licenceNeeds);
  return bp.licensing.skus.flatMap((name, i) => {
    const sku = findSku(name);
    if (!sku || sku.servicePlans.some((p) => keep.has(p.name))) return [];
    return [
      finding(src, ["licensing", "skus", i], "HF2064", "warning", {
        message: `SKU \`${name}\` gives client accounts nothing the program needs: all ${sku.servicePlans.length} of its service plans would be disabled`,
        why: "Only the plans of what the program needs stay on (guide: only assign licenses that the user requires); each client account would still take a seat of this SKU.",
        fix: `Remove ${name} from licensing.skus, or name the plan you assign it for in licensing.enabledServicePlans.`,
      }),
    ];
  });
});
