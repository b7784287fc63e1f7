/**
 * HF2019: an account whose UPN is not in the domain client accounts live in — tenant.clientDomain when
 * set, else tenant.domain (or one of its subdomains) — cannot be created there, or would sit among the
 * organisation's own accounts instead of in the dedicated client domain.
 */
import { defineCheck, finding } from "./finding.ts";

export const upnOutsideDomain = defineCheck(["tenant", "clients"], ["HF2019"], (bp, src) => {
  const { clientDomain } = bp.tenant;
  const domain = clientDomain ?? bp.tenant.domain;
  const key = clientDomain === null ? "tenant.domain" : "tenant.clientDomain";
  return bp.clients.flatMap((client, i) =>
    client.accounts.flatMap((account, j) => {
      const upnDomain = account.userPrincipalName.split("@")[1] ?? "";
      if (upnDomain === domain || upnDomain.endsWith(`.${domain}`)) return [];
      return [
        finding(src, ["clients", i, "accounts", j, "upn"], "HF2019", "error", {
          message: `account \`${account.userPrincipalName}\` is outside ${key} ${domain}`,
          why:
            clientDomain === null
              ? "Graph creates a user only with a UPN on one of the tenant's verified domains (graph-facts §2); the blueprint names tenant.domain as that domain."
              : "tenant.clientDomain is the domain that holds only client accounts (and whose password expiry holofleet may set); an account elsewhere would sit among the organisation's own accounts.",
          fix: `Write the bare alias (it gets @${domain}) or use an address @${domain}.`,
        }),
      ];
    }),
  );
});
