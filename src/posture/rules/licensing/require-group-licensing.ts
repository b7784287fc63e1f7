/** Guide §GR-2: licences are assigned to a group, not one by one; a directly assigned licence escapes the program's disabled plans. */
import { accountOutcome, defineRule, listText } from "../define-rule.ts";
import { GUIDE, LINKS, READS } from "../support.ts";

export default defineRule({
  id: "licensing/require-group-licensing",
  meta: {
    title: "Client licences come from a group",
    concern: "licensing",
    severity: "low",
    criticality: "should",
    version: 1,
    stage: "preview",
    guide: GUIDE.licences,
    rationale: "Group-based licensing keeps every client account on the same SKUs with the same disabled plans; a licence assigned directly to one account is outside that control and easily forgotten when the account changes client.",
    remediation: "Remove the direct assignment (Entra admin center > Users > Licenses) and let the clients group that holofleet licenses (`licensing.skus`) carry it.",
    blueprintKey: "licensing.skus",
    references: [LINKS.licensingGroups],
    evidence: [READS.users],
    messages: {
      pass: "{account}: every licence comes from a group",
      direct: "{account}: {skus} assigned directly, not through a group",
      none: "{account} has no licence",
    },
  },
  check(ctx) {
    return ctx.posture.accounts.map((a) => {
      if (a.licences.length === 0) return accountOutcome(ctx, a, "not_applicable", "none");
      const direct = a.licences.filter((l) => l.via.kind === "direct").map((l) => l.skuPartNumber);
      return direct.length ? accountOutcome(ctx, a, "fail", "direct", { skus: listText(direct) }, { direct }) : accountOutcome(ctx, a, "pass", "pass");
    });
  },
});
