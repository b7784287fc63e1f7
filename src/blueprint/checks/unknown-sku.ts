/** HF2012: a SKU that is not in Microsoft's licensing list (by skuPartNumber / String_Id), with suggestions. */
import { findSku, skus } from "../../catalog/index.ts";
import { didYouMean } from "../suggest.ts";
import { finding, type BlueprintCheck } from "./finding.ts";

export const unknownSku: BlueprintCheck = (bp, src) =>
  bp.licensing.skus.flatMap((sku, i) =>
    findSku(sku)
      ? []
      : [
          finding(src, ["licensing", "skus", i], "HF2012", "error", {
            message: `unknown SKU \`${sku}\`.${didYouMean(sku, skus.map((s) => s.skuPartNumber))}`,
            fix: "Use the skuPartNumber (String_Id) from Microsoft's 'Product names and service plan identifiers for licensing' list, e.g. MICROSOFT_REMOTE_ASSIST, INTUNE_A, AAD_PREMIUM.",
          }),
        ],
  );
