/**
 * `passwords due`: client accounts whose password expires before their device is back (an open loan's
 * expected return), or within the next days asked for. The rule is `password-expiry.ts`, the same one the
 * blueprint check `password-expires-during-loan` uses; the last change comes from the tenant
 * (`lastPasswordChangeDateTime`), so a password set outside holofleet counts too.
 */
import { passwordExpiresAt, passwordExpiryBeforeReturn } from "../passwords/password-expiry.ts";
import type { FleetContext } from "./fleet-context.ts";

export interface PasswordDue {
  upn: string;
  clientId: string;
  /** When the password was last set (tenant), or null when the tenant does not say. */
  lastSetAt: string | null;
  expiresAt: string;
  /** The device on loan with this account, and when it is expected back. */
  loan: { serial: string; expectedReturn: string } | null;
  /** `during-loan`: expires before the device is back; `soon`: within the days asked for. */
  why: ("during-loan" | "soon")[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

interface TenantUser {
  userPrincipalName: string;
  lastPasswordChangeDateTime: string | null;
  createdDateTime?: string | null;
}

export async function passwordsDue(ctx: FleetContext, opts: { withinDays?: number } = {}): Promise<PasswordDue[]> {
  const policy = ctx.blueprint.passwords;
  if (policy.policy === "never-expire") return [];
  const now = ctx.now();
  const openLoans = await ctx.store.loans.list({ state: "open" });
  const loanOf = new Map<string, { serial: string; expectedReturn: string }>();
  for (const loan of openLoans) for (const upn of loan.accountUpns) loanOf.set(upn.toLowerCase(), { serial: loan.deviceSerial, expectedReturn: loan.expectedReturn });
  const rotated = await ctx.store.passwordRotations.lastRotatedAt(ctx.blueprint.clients.flatMap((c) => c.accounts.map((a) => a.userPrincipalName)));
  const due: PasswordDue[] = [];
  for (const client of ctx.blueprint.clients) {
    for (const account of client.accounts) {
      let user: TenantUser | null = null;
      try {
        user = (await ctx.graph.request<TenantUser>("GET", "/users/{upn}", { params: { upn: account.userPrincipalName }, query: { $select: "userPrincipalName,lastPasswordChangeDateTime,createdDateTime" } })).body;
      } catch {
        user = null; // Not in the tenant: nothing expires (the loan checks report the missing account).
      }
      if (!user) continue;
      const lastSet = user.lastPasswordChangeDateTime ?? user.createdDateTime ?? rotated.get(account.userPrincipalName) ?? null;
      if (!lastSet) continue;
      const expiresAt = passwordExpiresAt(policy, new Date(lastSet));
      if (!expiresAt) continue;
      const loan = loanOf.get(account.userPrincipalName.toLowerCase()) ?? null;
      const why: PasswordDue["why"] = [];
      if (loan && passwordExpiryBeforeReturn(policy, new Date(lastSet), new Date(loan.expectedReturn))) why.push("during-loan");
      if (opts.withinDays !== undefined && expiresAt.getTime() <= now.getTime() + opts.withinDays * DAY_MS) why.push("soon");
      if (why.length) due.push({ upn: account.userPrincipalName, clientId: client.id, lastSetAt: lastSet, expiresAt: expiresAt.toISOString(), loan, why });
    }
  }
  return due.sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
}
