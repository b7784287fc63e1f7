/**
 * HF2006 (warning): information barriers need an IB-capable licence (E5-class), which the guide's minimal
 * licences (Remote Assist, Intune, Entra ID) do not include (hololens-facts §14.1, gotcha 7). Under this
 * mode the allow-list keeps the INFORMATION_BARRIERS plan on, so only `licensing.disabledServicePlans` can
 * turn it off — which leaves the licence without the barriers too.
 */
import { informationBarrierCapableSkus } from "../../catalog/index.ts";
import { defineCheck, finding } from "./finding.ts";

const IB_PLAN = "INFORMATION_BARRIERS";

export const informationBarriersLicence = defineCheck(["isolation", "licensing"], ["HF2006"], (bp, src) => {
  if (bp.isolation.mode !== "information-barriers") return [];
  const capable = new Set(informationBarrierCapableSkus);
  const licensed = bp.licensing.skus.filter((sku) => capable.has(sku));
  const disabledAt = bp.licensing.disabledServicePlans.indexOf(IB_PLAN);
  if (licensed.length > 0 && disabledAt >= 0) {
    return [
      finding(src, ["licensing", "disabledServicePlans", disabledAt], "HF2006", "warning", {
        message: `isolation.mode is information-barriers but licensing.disabledServicePlans turns off ${IB_PLAN}, the plan ${licensed.join(", ")} gives it through`,
        why: "Information barriers need the INFORMATION_BARRIERS service plan on every account in a segment; with it disabled the licence does not cover them.",
        fix: `Remove ${IB_PLAN} from licensing.disabledServicePlans, use isolation.mode baseline or scoped-directory-search, or acknowledge information-barriers-licence.`,
      }),
    ];
  }
  if (licensed.length > 0) return [];
  // Name the familiar ones first (hololens-facts §14.1); the full list is the catalog's.
  const familiar = ["SPE_E5", "ENTERPRISEPREMIUM", "INFORMATION_PROTECTION_COMPLIANCE"].filter((s) => capable.has(s));
  return [
    finding(src, ["isolation", "mode"], "HF2006", "warning", {
      message: "isolation.mode is information-barriers but licensing.skus has no information-barrier-capable SKU",
      why: "Information barriers need a licence such as Microsoft 365 E5 or an E5 Compliance add-on; Remote Assist, Intune and Entra ID P1 do not include it.",
      fix: `Add an IB-capable SKU such as ${familiar.join(", ")} to licensing.skus (or the tenant's licence for IB), use isolation.mode baseline or scoped-directory-search, or acknowledge information-barriers-licence.`,
    }),
  ];
});
