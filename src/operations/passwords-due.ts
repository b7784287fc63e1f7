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

/** One client account's password as the console shows it: last set, expiry, and whether it falls during its loan. */
export interface AccountPassword {
  upn: string;
  clientId: string;
  /** Null when the account is not in the tenant. */
  inTenant: boolean;
  lastSetAt: string | null;
  /** The last rotation holofleet recorded (store), or null. */
  lastRotatedAt: string | null;
  /** Null when the policy never expires passwords or the tenant gives no last change. */
  expiresAt: string | null;
  loan: { serial: string; expectedReturn: string } | null;
  why: ("during-loan" | "soon")[];
}

/**
 * Every client account of the blueprint (or of one client) with its password's last change, expiry and
 * loan; `passwordsDue` keeps those with a reason. One Graph read per account.
 */
export async function accountPasswords(ctx: FleetContext, opts: { withinDays?: number; clientId?: string } = {}): Promise<AccountPassword[]> {
  const policy = ctx.blueprint.passwords;
  const now = ctx.now();
  const clients = ctx.blueprint.clients.filter((c) => opts.clientId === undefined || c.id === opts.clientId);
  const openLoans = await ctx.store.loans.list({ state: "open", ...(opts.clientId !== undefined && { clientId: opts.clientId }) });
  const loanOf = new Map<string, { serial: string; expectedReturn: string }>();
  for (const loan of openLoans) for (const upn of loan.accountUpns) loanOf.set(upn.toLowerCase(), { serial: loan.deviceSerial, expectedReturn: loan.expectedReturn });
  const rotated = await ctx.store.passwordRotations.lastRotatedAt(clients.flatMap((c) => c.accounts.map((a) => a.userPrincipalName)));
  const out: AccountPassword[] = [];
  for (const client of clients) {
    for (const account of client.accounts) {
      let user: TenantUser | null = null;
      try {
        user = (await ctx.graph.request<TenantUser>("GET", "/users/{upn}", { params: { upn: account.userPrincipalName }, query: { $select: "userPrincipalName,lastPasswordChangeDateTime,createdDateTime" } })).body;
      } catch {
        user = null; // Not in the tenant: nothing expires (the loan checks report the missing account).
      }
      const lastRotatedAt = rotated.get(account.userPrincipalName) ?? null;
      const loan = loanOf.get(account.userPrincipalName.toLowerCase()) ?? null;
      const lastSet = user ? (user.lastPasswordChangeDateTime ?? user.createdDateTime ?? lastRotatedAt ?? null) : null;
      const expiresAt = lastSet && policy.policy !== "never-expire" ? passwordExpiresAt(policy, new Date(lastSet)) : null;
      const why: AccountPassword["why"] = [];
      if (expiresAt && lastSet) {
        if (loan && passwordExpiryBeforeReturn(policy, new Date(lastSet), new Date(loan.expectedReturn))) why.push("during-loan");
        if (opts.withinDays !== undefined && expiresAt.getTime() <= now.getTime() + opts.withinDays * DAY_MS) why.push("soon");
      }
      out.push({ upn: account.userPrincipalName, clientId: client.id, inTenant: user !== null, lastSetAt: lastSet, lastRotatedAt, expiresAt: expiresAt?.toISOString() ?? null, loan, why });
    }
  }
  return out;
}

export async function passwordsDue(ctx: FleetContext, opts: { withinDays?: number } = {}): Promise<PasswordDue[]> {
  if (ctx.blueprint.passwords.policy === "never-expire") return [];
  const due: PasswordDue[] = [];
  for (const a of await accountPasswords(ctx, opts)) {
    if (a.why.length && a.expiresAt) due.push({ upn: a.upn, clientId: a.clientId, lastSetAt: a.lastSetAt, expiresAt: a.expiresAt, loan: a.loan, why: a.why });
  }
  return due.sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
}
