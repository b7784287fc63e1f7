/** HF2018: one user principal name listed twice (UPNs are unique in a tenant). */
import { defineCheck, finding } from "./finding.ts";

export const duplicateUpn = defineCheck(["clients"], ["HF2018"], (bp, src) => {
  const first = new Map<string, string>();
  return bp.clients.flatMap((client, i) =>
    client.accounts.flatMap((account, j) => {
      const upn = account.userPrincipalName;
      const where = `clients[${i}].accounts[${j}]`;
      const earlier = first.get(upn);
      if (earlier === undefined) {
        first.set(upn, where);
        return [];
      }
      return [
        finding(src, ["clients", i, "accounts", j, "upn"], "HF2018", "error", {
          message: `account \`${upn}\` is already listed at ${earlier}`,
          why: "A user principal name is unique in a tenant (case-insensitive), so one account cannot belong to two entries.",
          fix: "Give each account its own alias; list shared devices under each account instead.",
        }),
      ];
    }),
  );
});
