/**
 * HF2066: with `passwords.policy: extended`, an account that is not in the domain whose expiry holofleet
 * extends (tenant.clientDomain, else tenant.domain). Expiry is per domain, so a subdomain — or any other
 * domain — keeps its own, shorter expiry and the account's password runs out during the loan.
 */
import { defineCheck, finding } from "./finding.ts";

export const extendedPasswordAccountDomain = defineCheck(["tenant", "passwords", "clients"], ["HF2066"], (bp, src) => {
  if (bp.passwords.policy !== "extended") return [];
  const patched = bp.tenant.clientDomain ?? bp.tenant.domain;
  return bp.clients.flatMap((client, i) =>
    client.accounts.flatMap((account, j) => {
      const upnDomain = account.userPrincipalName.split("@")[1] ?? "";
      if (upnDomain === patched) return [];
      return [
        finding(src, ["clients", i, "accounts", j, "upn"], "HF2066", "error", {
          message: `account \`${account.userPrincipalName}\` is not in ${patched}, the domain whose password expiry passwords.policy extended extends`,
          why: "Entra sets password expiry per domain (a subdomain has its own): this account keeps its domain's expiry and its password may run out while the device is at the client.",
          fix: `Write the bare alias (it gets @${patched}) or an address @${patched}.`,
        }),
      ];
    }),
  );
});
