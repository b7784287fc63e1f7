/**
 * HF2065: `passwords.policy: extended` in the same-tenant model patches the organisation's own domain.
 * Entra keeps password expiry per domain (`passwordValidityPeriodInDays` on the Graph domain, hololens-
 * facts §14.4), so extending it for clients would change every employee's expiry too. A dedicated client
 * domain (`tenant.clientDomain`) or a service tenant avoids that; `acknowledge: [shared-password-domain]`
 * accepts it when the domain really holds only program accounts.
 */
import { defineCheck, finding } from "./finding.ts";

export const extendedPasswordSharedDomain = defineCheck(["tenant", "passwords"], ["HF2065"], (bp, src) => {
  const { model, domain, clientDomain } = bp.tenant;
  // A service tenant hosts only the program (guide, Image 1.1).
  if (bp.passwords.policy !== "extended" || model !== "same-tenant") return [];
  const patched = clientDomain ?? domain;
  if (patched !== domain) return [];
  return [
    finding(src, clientDomain === null ? ["passwords", "policy"] : ["tenant", "clientDomain"], "HF2065", "error", {
      message: `passwords.policy extended would set a ${bp.passwords.maxAgeDays}-day password expiry on ${patched}, the organisation's own domain`,
      why: "Entra sets password expiry per domain: every account in the domain — your employees and experts too, in the same-tenant model — would get the clients' expiry.",
      fix: "Set tenant.clientDomain to a verified domain that holds only client accounts (e.g. clients.contoso.com), host clients in a service tenant, use policy never-expire (set per client account), or acknowledge shared-password-domain if the domain holds only program accounts.",
    }),
  ];
});
