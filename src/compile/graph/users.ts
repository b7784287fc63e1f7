/**
 * Client accounts as Entra users (graph-facts §2). holofleet owns them: their UPN, usage location (needed
 * for licences), the department that names their client (the client's information-barrier segment name,
 * and what the scoped-directory-search address lists select), and —
 * for `passwords.policy: never-expire` — `passwordPolicies: DisablePasswordExpiration` (guide §CC
 * passwords, option 1). The password itself is a placeholder generated at apply time, never compiled.
 */
import type { Blueprint, Client } from "../../blueprint/types.ts";
import type { DesiredResource } from "../types.ts";
import { addresses } from "./addresses.ts";
import { userNickname } from "./naming.ts";

/** The name of a client's IB segment, and the `department` of its accounts. */
export function clientSegmentName(bp: Pick<Blueprint, "tenant">, client: Pick<Client, "id">): string {
  return `${bp.tenant.namingPrefix}-Client-${client.id}`;
}

export function compileUsers(bp: Blueprint): DesiredResource[] {
  const users: DesiredResource[] = [];
  for (const client of bp.clients) {
    for (const account of client.accounts) {
      users.push({
        kind: "user",
        address: addresses.user(account.userPrincipalName),
        api: "v1.0",
        collection: "/users",
        body: {
          accountEnabled: true,
          companyName: client.displayName,
          department: clientSegmentName(bp, client),
          displayName: account.displayName,
          mailNickname: userNickname(account.userPrincipalName),
          ...(bp.passwords.policy === "never-expire" ? { passwordPolicies: "DisablePasswordExpiration" } : {}),
          // Clients sign in with a PIN (guide §CC company resources: never share the password), so the
          // organisation keeps the password and no change is forced at first sign-in.
          passwordProfile: {
            forceChangePasswordNextSignIn: false,
            password: { $resolve: "password:generate", length: bp.passwords.length },
          },
          usageLocation: client.usageLocation,
          userPrincipalName: account.userPrincipalName,
        },
        dependsOn: [],
      });
    }
  }
  return users.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}
