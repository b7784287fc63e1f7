/**
 * Guide §CC passwords, options 1 and 2 as the blueprint chose them: `never-expire` puts
 * `DisablePasswordExpiration` on every client account; `extended` sets the domain's validity to
 * `passwords.maxAgeDays` (more than 90 days).
 */
import { passwordValidityDays } from "../../../guide/password-expiry.ts";
import { accountOutcome, defineRule } from "../define-rule.ts";
import { GUIDE, LINKS, READS } from "../support.ts";

export default defineRule({
  id: "passwords/require-policy-applied",
  meta: {
    title: "The program's password policy is applied",
    concern: "passwords",
    severity: "medium",
    criticality: "shall",
    version: 1,
    stage: "preview",
    guide: GUIDE.passwords,
    rationale: "The password option the program chose only protects loans when the tenant carries it: an account without DisablePasswordExpiration, or a domain left at 90 days, expires on the old schedule.",
    remediation: "Apply the blueprint: for `passwords.policy` never-expire it sets `passwordPolicies` on each account, for extended the domain's `passwordValidityPeriodInDays` to `passwords.maxAgeDays`.",
    blueprintKey: "passwords.policy",
    references: [LINKS.guide],
    evidence: [READS.users, READS.domains],
    messages: {
      pass: "{account}: {policy} is in force",
      notNever: "{account}: passwordPolicies is \"{actual}\"; never-expire needs DisablePasswordExpiration",
      notExtended: "{account}: the domain's validity is {actual} days; the program sets {expected}",
      other: "{account}: the program's option ({policy}) sets nothing in the tenant",
    },
  },
  check(ctx) {
    const { policy, maxAgeDays } = ctx.bp.passwords;
    return ctx.posture.accounts.map((a) => {
      if (policy === "never-expire") {
        return a.password.userNeverExpires ? accountOutcome(ctx, a, "pass", "pass", { policy }) : accountOutcome(ctx, a, "fail", "notNever", { actual: a.user.passwordPolicies ?? "" });
      }
      if (policy === "extended") {
        const actual = passwordValidityDays(a.password.domainValidityDays, null);
        return actual === maxAgeDays || (actual === null && a.password.domainValidityDays !== null)
          ? accountOutcome(ctx, a, "pass", "pass", { policy })
          : accountOutcome(ctx, a, "fail", "notExtended", { actual: actual ?? "never", expected: maxAgeDays }, { domain: a.password.domain });
      }
      return accountOutcome(ctx, a, "not_applicable", "other", { policy });
    });
  },
});
