/** HF2019: an account whose UPN is not in tenant.domain (or one of its subdomains) cannot be created there. */
import { defineCheck, finding } from "./finding.ts";

export const upnOutsideDomain = defineCheck(["tenant", "clients"], ["HF2019"], (bp, src) => {
  const domain = bp.tenant.domain;
  return bp.clients.flatMap((client, i) =>
    client.accounts.flatMap((account, j) => {
      const upnDomain = account.userPrincipalName.split("@")[1] ?? "";
      if (upnDomain === domain || upnDomain.endsWith(`.${domain}`)) return [];
      return [
        finding(src, ["clients", i, "accounts", j, "upn"], "HF2019", "error", {
          message: `account \`${account.userPrincipalName}\` is outside the tenant domain ${domain}`,
          why: "Graph creates a user only with a UPN on one of the tenant's verified domains (graph-facts §2); the blueprint names tenant.domain as that domain.",
          fix: `Write the bare alias (it gets @${domain}) or use an address @${domain}.`,
        }),
      ];
    }),
  );
});
