/**
 * HF2004 / HF2024: a client's planned loan outlasts the password's maximum age. With `extended` or
 * `reset-before-ship` the client is locked out mid-loan (error); with `rotate-on-return` the guide itself
 * warns that devices kept 90+ days cause issues (warning). `never-expire` has no maximum age.
 */
import { passwordExpiresWithin } from "../../passwords/password-expiry.ts";
import { defineCheck, finding } from "./finding.ts";

export const passwordExpiresDuringLoan = defineCheck(["passwords", "clients"], ["HF2004", "HF2024"], (bp, src) => {
  const { policy, maxAgeDays } = bp.passwords;
  return bp.clients.flatMap((client, i) => {
    // One rule with fleet reports, which apply it to a loan's real dates (passwords/password-expiry.ts).
    if (client.loanDays === null || !passwordExpiresWithin(bp.passwords, client.loanDays)) return [];
    const rotate = policy === "rotate-on-return";
    return [
      finding(src, ["clients", i, "loanDays"], rotate ? "HF2024" : "HF2004", rotate ? "warning" : "error", {
        message: `client \`${client.id}\` keeps devices ${client.loanDays} days but passwords expire after ${maxAgeDays} days (passwords.policy ${policy})`,
        why: rotate
          ? "rotate-on-return changes passwords when devices come back; the guide warns this causes issues when devices stay at the client for 90+ days."
          : "The password expires while the device is at the client, who cannot change it (credentials are not shared with clients).",
        fix: `Raise passwords.maxAgeDays to at least ${client.loanDays}, use policy never-expire${rotate ? "" : " or rotate-on-return"}, or shorten the loan.`,
      }),
    ];
  });
});
