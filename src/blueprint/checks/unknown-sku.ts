/** HF2012: a SKU that is not in Microsoft's licensing list (by skuPartNumber / String_Id), with suggestions. */
import { findSku, skus } from "../../catalog/index.ts";
import { didYouMean } from "../suggest.ts";
import { defineCheck, finding } from "./finding.ts";

export const unknownSku = defineCheck(["licensing"], ["HF2012"], (bp, src) => {
  const unknown = bp.licensing.skus.map((sku, i) => ({ sku, i })).filter(({ sku }) => !findSku(sku));
  if (unknown.length === 0) return [];
  // Part numbers are matched exactly (case included), as Graph's subscribedSkus lists them; product
  // names lead to their part number ("Dynamics 365 Remote Assist" → MICROSOFT_REMOTE_ASSIST).
  const candidates = skus.map((s) => ({ name: s.skuPartNumber, aliases: [s.displayName] }));
  return unknown.map(({ sku, i }) =>
    finding(src, ["licensing", "skus", i], "HF2012", "error", {
      message: `unknown SKU \`${sku}\`.${didYouMean(sku, candidates)}`,
      why: "holofleet resolves each SKU to its skuId and service plans from Microsoft's licensing list; an unknown name cannot be assigned.",
      fix: "Use the skuPartNumber (String_Id, exact case) from Microsoft's 'Product names and service plan identifiers for licensing' list, e.g. MICROSOFT_REMOTE_ASSIST, INTUNE_A, AAD_PREMIUM.",
    }),
  );
});
