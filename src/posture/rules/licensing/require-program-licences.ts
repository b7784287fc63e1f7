/**
 * Guide §GR-2 and §CC company resources: a client account needs the program's licences (Remote Assist or
 * Guides, Intune and Entra ID P1 by default) live, without assignment errors (seats run out, a usage
 * location that prohibits the service).
 */
import { findSku } from "../../../catalog/index.ts";
import { accountOutcome, defineRule, listText } from "../define-rule.ts";
import { GUIDE, LINKS, READS } from "../support.ts";

export default defineRule({
  id: "licensing/require-program-licences",
  meta: {
    title: "Client accounts hold the program's licences, without errors",
    concern: "licensing",
    severity: "high",
    criticality: "shall",
    version: 1,
    stage: "preview",
    guide: GUIDE.licences,
    rationale: "Without its Remote Assist, Intune or Entra ID licence the account cannot call, is not managed, or cannot enroll; a licence in an error state (no seats left, prohibited usage location) gives none of its plans.",
    remediation: "Add the account to the licence group holofleet creates (apply the blueprint), buy seats for the SKUs in `licensing.skus`, and fix the error Entra shows on the group's members with licence errors.",
    blueprintKey: "licensing.skus",
    references: [LINKS.licensingGroups],
    evidence: [READS.users, READS.subscribedSkus, READS.groups],
    messages: {
      pass: "{account} holds {skus}",
      missing: "{account} lacks {missing}",
      error: "{account}: licence {sku} is in state {state} ({error})",
    },
  },
  check(ctx) {
    const wanted = ctx.bp.licensing.skus;
    return ctx.posture.accounts.map((a) => {
      const broken = a.licences.find((l) => l.error !== null || /error/i.test(l.state));
      if (broken) return accountOutcome(ctx, a, "fail", "error", { sku: broken.skuPartNumber, state: broken.state, error: broken.error ?? "no detail" }, { licence: broken });
      const live = new Set(a.plans.map((p) => p.skuPartNumber));
      // A SKU counts as held when one of its plans is live (some of its plans may be disabled on purpose).
      const missing = wanted.filter((sku) => !live.has(sku) && findSku(sku) !== undefined);
      if (missing.length) return accountOutcome(ctx, a, "fail", "missing", { missing: listText(missing) }, { expected: wanted, actual: [...live].sort() });
      return accountOutcome(ctx, a, "pass", "pass", { skus: listText(wanted) });
    });
  },
});
