/**
 * HF2061: a licence the program needs is not among the assigned SKUs, or its plan is disabled. Client
 * accounts need Remote Assist, Intune and Microsoft Entra ID (guide §CC-company-resources); a Guides user
 * needs a Dynamics 365 Guides licence (hololens-licenses-requirements.md, Guides User). The apps clients
 * call with or can start in the kiosk decide which of Remote Assist and Guides apply.
 */
import { findSku, licenceNeeds, type LicenceNeed, type LicenceNeedId } from "../../catalog/index.ts";
import { deviceNeedIds } from "../licence-plans.ts";
import type { Blueprint } from "../types.ts";
import { defineCheck, finding } from "./finding.ts";

/** Why each licence is needed, for the message. Needs without a licence of their own (calling, IB) are not required here. */
const WHY: Partial<Record<LicenceNeedId, string>> = {
  "entra-id":
    "The guide names Microsoft Entra ID among the only three licences clients need; automatic MDM enrollment and group-based licensing need Entra ID P1 (hololens-facts §2, §4).",
  intune: "The guide names Intune among the only three licences clients need: devices enroll in Intune and get their kiosk and policies from it.",
  "remote-assist": "A Dynamics 365 Remote Assist user needs a Remote Assist license (guide, prerequisites; hololens-licenses-requirements.md).",
  guides: "A Dynamics 365 Guides user needs a Dynamics 365 Guides license (hololens-licenses-requirements.md, Guides User); without it the app cannot open a guide or place a call.",
};

const APP_FOR_NEED: Partial<Record<LicenceNeedId, string>> = { "remote-assist": "remote-assist", guides: "dynamics-365-guides" };

/** Why the need applies to this blueprint, as a phrase, and the key that says so. */
function reason(need: LicenceNeed, bp: Blueprint): { text: string; key: string[] } {
  const app = APP_FOR_NEED[need.id];
  if (app === undefined) return { text: "every client account needs it", key: ["licensing"] };
  return bp.devices.kiosk.callingApp === app
    ? { text: `devices.kiosk.callingApp is ${app}`, key: ["devices", "kiosk", "callingApp"] }
    : { text: `devices.kiosk.apps lists ${app}`, key: ["devices", "kiosk", "apps"] };
}

export const requiredLicences = defineCheck(["licensing", "devices.kiosk"], ["HF2061"], (bp, src) => {
  const { skus, disabledServicePlans } = bp.licensing;
  const known = skus.map((name) => findSku(name));
  // An unknown SKU is reported by unknown-sku (HF2012); what it carries cannot be known here.
  if (known.some((sku) => sku === undefined)) return [];
  const wanted = new Set(deviceNeedIds(bp.devices.kiosk));
  const required = licenceNeeds.filter((need) => wanted.has(need.id) && WHY[need.id] !== undefined);
  return required.flatMap((need) => {
    const carriers = known.filter((sku) => sku!.servicePlans.some((p) => p.name === need.corePlan)).map((sku) => sku!.skuPartNumber);
    const disabledAt = disabledServicePlans.indexOf(need.corePlan);
    if (carriers.length > 0 && disabledAt < 0) return [];
    const licence = `${need.title} (${need.skuPartNumber}, service plan ${need.corePlan})`;
    const why = reason(need, bp);
    if (carriers.length > 0) {
      return [
        finding(src, ["licensing", "disabledServicePlans", disabledAt], "HF2061", "error", {
          message: `licensing.disabledServicePlans turns off ${need.corePlan}, the ${need.title} plan that ${carriers.join(", ")} carries, but ${why.text}`,
          why: WHY[need.id]!,
          fix: `Remove ${need.corePlan} from licensing.disabledServicePlans.`,
        }),
      ];
    }
    // The SKU list when the file writes it; otherwise (the default SKUs) the key that asks for the app.
    const path = src.has?.(["licensing", "skus"]) === false ? why.key : ["licensing", "skus"];
    return [
      finding(src, path, "HF2061", "error", {
        message: `${why.text}, but no SKU in licensing.skus carries ${licence}`,
        why: WHY[need.id]!,
        fix: `Add ${need.skuPartNumber} to licensing.skus (or a suite the tenant owns that includes ${need.corePlan}).`,
      }),
    ];
  });
});
