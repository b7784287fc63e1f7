/**
 * Guide §CC isolation: which other clients an account can find or call. The baseline (Remote Assist cannot
 * call HoloLens to HoloLens) passes with what it allows stated: clients find each other but cannot call. Under
 * information barriers or scoped directory search the evidence files decide; without them the result is
 * `manual` with the exact commands that collect them.
 */
import { collectionCommands } from "../../evidence/kinds.ts";
import { accountOutcome, defineRule, listText } from "../define-rule.ts";
import { GUIDE, LINKS } from "../support.ts";

export default defineRule({
  id: "client-isolation/no-cross-client-reach",
  meta: {
    title: "Clients cannot reach each other beyond what the isolation mode allows",
    concern: "client-isolation",
    severity: "high",
    criticality: "shall",
    version: 1,
    stage: "preview",
    guide: GUIDE.isolation,
    rationale: "A client that can find or call another client's accounts learns who else you serve and can contact them through your tenant. The guide's baseline allows search but not calls; information barriers or scoped directory search also restrict search.",
    remediation: "Run the isolation script holofleet compiles for `isolation.mode` (information barriers: segments and allow-only policies; scoped directory search: address book policies and Teams search by name), then collect the evidence again.",
    blueprintKey: "isolation.mode",
    references: [LINKS.guide, LINKS.informationBarriers, LINKS.scopedSearch],
    evidence: ["users", "groups", "evidence: organization-segments.json, information-barrier-policies.json, address-book-policies.json, address-lists.json, mailboxes.json, teams-client-configuration.json"],
    messages: {
      pass: "{account} reaches no other client ({basis})",
      baseline: "{account} can find {clients} but cannot call them ({basis})",
      reaches: "{account} can {how} {clients} ({basis})",
      missing: "{account}: the {mode} evidence is missing ({files}); collect it with: {commands}",
      unevaluable: "{account}: isolation cannot be evaluated offline: {reason}",
    },
  },
  check(ctx) {
    return ctx.posture.accounts.map((a) => {
      const r = a.isolation;
      if (r.state === "missing-evidence") {
        return accountOutcome(ctx, a, "manual", "missing", { mode: r.mode, files: listText(r.missing), commands: collectionCommands(r.missing).join(" ; ") }, { missing: r.missing, commands: collectionCommands(r.missing) });
      }
      if (r.state === "unevaluable") return accountOutcome(ctx, a, "manual", "unevaluable", { reason: r.reason });
      const evidence = { canFind: r.canFind, canCall: r.canCall, mode: r.mode };
      if (r.canCall.length) return accountOutcome(ctx, a, "fail", "reaches", { how: "find and call", clients: listText(r.canCall), basis: r.basis }, evidence);
      if (r.canFind.length && r.mode !== "baseline") return accountOutcome(ctx, a, "fail", "reaches", { how: "find", clients: listText(r.canFind), basis: r.basis }, evidence);
      if (r.canFind.length) return accountOutcome(ctx, a, "pass", "baseline", { clients: listText(r.canFind), basis: r.basis }, evidence);
      return accountOutcome(ctx, a, "pass", "pass", { basis: r.basis }, evidence);
    });
  },
});
