/**
 * HF2050: `isolation.mode: scoped-directory-search` without an Exchange Online mailbox on the client
 * accounts. Teams scopes search through Exchange address book policies (teams-scoped-directory-search.md),
 * and an address book policy is assigned to a mailbox: an account without one keeps seeing the whole
 * directory, so the mode would claim an isolation it does not have. Every client account gets the same
 * licences (the clients group), so a mailbox plan left on in one assigned SKU covers them all.
 */
import { findSku, mailboxPlans } from "../../catalog/index.ts";
import type { Blueprint } from "../types.ts";
import { defineCheck, finding } from "./finding.ts";

/** The mailbox plans the client accounts get: those of the assigned SKUs that stay enabled. */
export function enabledMailboxPlans(licensing: Blueprint["licensing"]): string[] {
  const mailbox = new Set(mailboxPlans);
  const disabled = new Set(licensing.disabledServicePlans);
  return licensing.skus.flatMap((sku) => (findSku(sku)?.servicePlans ?? []).map((p) => p.name).filter((p) => mailbox.has(p) && !disabled.has(p)));
}

export const scopedSearchNeedsMailbox = defineCheck(["isolation", "licensing"], ["HF2050"], (bp, src) => {
  if (bp.isolation.mode !== "scoped-directory-search" || enabledMailboxPlans(bp.licensing).length > 0) return [];
  return [
    finding(src, ["isolation", "mode"], "HF2050", "error", {
      message: "isolation.mode is scoped-directory-search, but licensing.skus gives the client accounts no Exchange Online mailbox",
      why: "Scoped directory search works through Exchange address book policies, which are assigned to mailboxes; a client account without one still finds every other client in Teams.",
      fix: "Add a SKU with a mailbox plan (e.g. EXCHANGEDESKLESS, Exchange Online Kiosk) and keep its plan out of licensing.disabledServicePlans — in the same tenant that mailbox is a company resource (HF2020) until you acknowledge company-resource-plans; or use isolation.mode baseline or information-barriers.",
    }),
  ];
});
