/**
 * Guide §CC passwords: a client account's password must not expire while the device is at the client (the
 * client cannot change it). Expiry is the last change plus the validity the domain and the user's policy
 * give; the return date comes from the fleet store, or from the blueprint's loan length counted from the
 * snapshot's time (the latest a loan can have started). The same judgment as HF2004
 * (`guide/password-expiry.ts`).
 */
import { accountOutcome, defineRule } from "../define-rule.ts";
import { GUIDE, LINKS, READS } from "../support.ts";

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export default defineRule({
  id: "passwords/no-expiry-during-loan",
  meta: {
    title: "No client password expires while the device is at the client",
    concern: "passwords",
    severity: "high",
    criticality: "shall",
    version: 1,
    stage: "preview",
    guide: GUIDE.passwords,
    rationale: "Credentials stay with your organisation; a password that expires at the client's site locks the client out of the device until someone resets it remotely and gives them a new PIN sign-in.",
    remediation: "Reset the password now (before the device ships), shorten the loan, or choose a password policy that outlasts it (`passwords.policy`, `passwords.maxAgeDays`).",
    blueprintKey: "passwords.policy",
    references: [LINKS.guide],
    evidence: [READS.users, READS.domains],
    messages: {
      pass: "{account}: password valid until {expires}, after the expected return {returns}",
      never: "{account}: the password never expires",
      expires: "{account}: the password expires on {expires}, before the expected return {returns}",
      openEnded: "{account}: the password expires on {expires} and the loan has no end date; check the device is back by then",
      noLoan: "{account}: no loan date is known; the password expires on {expires}",
      unknown: "{account}: the last password change is not in the snapshot",
    },
  },
  check(ctx) {
    return ctx.posture.accounts.map((a) => {
      const p = a.password;
      const evidence = { lastChanged: p.lastChangedAt === null ? null : new Date(p.lastChangedAt).toISOString(), validityDays: p.validityDays, domainValidityDays: p.domainValidityDays, expectedReturn: p.expectedReturnAt === null ? null : new Date(p.expectedReturnAt).toISOString(), loanSource: p.loanSource };
      const loanPath = ["clients", ctx.bp.clients.findIndex((c) => c.id === a.clientId), "loanDays"];
      if (p.validityDays === null) return accountOutcome(ctx, a, "pass", "never", {}, evidence);
      if (p.expiresAt === null) return accountOutcome(ctx, a, "manual", "unknown", {}, evidence);
      const expires = day(p.expiresAt);
      if (p.loanSource === "none") return accountOutcome(ctx, a, "manual", "noLoan", { expires }, evidence);
      // An open-ended loan has no return date to compare with (the blueprint's HF2004 is silent there too).
      if (p.expectedReturnAt === null) return { ...accountOutcome(ctx, a, "manual", "openEnded", { expires }, evidence), blueprintPath: loanPath };
      const returns = day(p.expectedReturnAt);
      if (p.expiresDuringLoan) return { ...accountOutcome(ctx, a, "fail", "expires", { expires, returns }, evidence), blueprintPath: loanPath };
      return accountOutcome(ctx, a, "pass", "pass", { expires, returns }, evidence);
    });
  },
});
