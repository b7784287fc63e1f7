/**
 * HF2050: `isolation.mode: scoped-directory-search` without an Exchange Online mailbox on the client
 * accounts. Teams scopes search through Exchange address book policies (teams-scoped-directory-search.md),
 * and an address book policy is assigned to a mailbox: an account without one keeps seeing the whole
 * directory, so the mode would claim an isolation it does not have. Plans are kept by allow-list and no
 * mailbox plan is on it, so a mailbox is live only when an assigned SKU carries a mailbox plan that
 * `licensing.enabledServicePlans` keeps on. Every client account gets the same licences (the clients group).
 */
import { findSku, licenceNeeds, mailboxPlans } from "../../catalog/index.ts";
import { planPolicy } from "../licence-plans.ts";
import type { Blueprint } from "../types.ts";
import { defineCheck, finding } from "./finding.ts";

/** The mailbox plans the client accounts get: those of the assigned SKUs that the plan policy keeps on. */
export function enabledMailboxPlans(bp: Pick<Blueprint, "devices" | "isolation" | "licensing">): string[] {
  const mailbox = new Set(mailboxPlans);
  const { keep } = planPolicy(bp, licenceNeeds);
  const names = bp.licensing.skus.flatMap((sku) => (findSku(sku)?.servicePlans ?? []).map((p) => p.name));
  return [...new Set(names.filter((p) => mailbox.has(p) && keep.has(p)))];
}

export const scopedSearchNeedsMailbox = defineCheck(["isolation", "licensing", "devices.kiosk"], ["HF2050"], (bp, src) => {
  if (bp.isolation.mode !== "scoped-directory-search" || enabledMailboxPlans(bp).length > 0) return [];
  return [
    finding(src, ["isolation", "mode"], "HF2050", "error", {
      message: "isolation.mode is scoped-directory-search, but the licences keep no Exchange Online mailbox on for the client accounts",
      why: "Scoped directory search works through Exchange address book policies, which are assigned to mailboxes; a client account without one still finds every other client in Teams. No mailbox plan is on the allow-list of what the program needs, so every mailbox plan of an assigned SKU is disabled unless the file keeps it on.",
      fix: "Add a SKU with a mailbox plan (e.g. EXCHANGEDESKLESS, Exchange Online Kiosk) to licensing.skus and keep its plan on in licensing.enabledServicePlans (e.g. EXCHANGE_S_DESKLESS) — in the same tenant that mailbox is a company resource (HF2020) until you acknowledge company-resource-plans; or use isolation.mode baseline or information-barriers.",
    }),
  ];
});
