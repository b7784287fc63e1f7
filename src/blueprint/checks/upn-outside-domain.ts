/** HF2019: an account whose UPN is not in tenant.domain (or one of its subdomains) cannot be created there. */
import { finding, type BlueprintCheck } from "./finding.ts";

export const upnOutsideDomain: BlueprintCheck = (bp, src) => {
  const domain = bp.tenant.domain;
  return bp.clients.flatMap((client, i) =>
    client.accounts.flatMap((account, j) => {
      const upnDomain = account.userPrincipalName.split("@")[1] ?? "";
      if (upnDomain === domain || upnDomain.endsWith(`.${domain}`)) return [];
      return [
        finding(src, ["clients", i, "accounts", j, "upn"], "HF2019", "error", {
          message: `account \`${account.userPrincipalName}\` is outside the tenant domain ${domain}`,
          why: "Client accounts are created in the tenant, with a UPN in its verified domain.",
          fix: `Write the bare alias (it gets @${domain}) or use an address @${domain}.`,
        }),
      ];
    }),
  );
};
