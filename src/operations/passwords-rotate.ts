/**
 * Rotating a client account's password: a new one from the CSPRNG (`generatePassword`, the blueprint's
 * length), set through Graph (`PATCH /users/{id}` passwordProfile, graph-facts §7), and a rotation record
 * that says who, when and why — never the password. The caller shows the password once or writes it to a
 * 0600 file; nothing here logs, stores or returns it anywhere else.
 */
import type { Blueprint } from "../blueprint/types.ts";
import { UserError } from "../diag/diagnostic.ts";
import type { RotationReason } from "../fleet/loan-state.ts";
import type { PasswordRotation } from "../fleet/store/port.ts";
import { GraphRequestError } from "../graph/errors.ts";
import { generatePassword } from "../passwords/generate-password.ts";
import type { FleetContext } from "./fleet-context.ts";

export interface RotatedPassword {
  upn: string;
  /** Shown once by the caller; never stored, logged or put in an event. */
  password: string;
  rotation: PasswordRotation;
}

/** The blueprint's client account with this UPN (case-insensitive), or null. */
export function blueprintAccount(bp: Blueprint, upn: string): { clientId: string; upn: string } | null {
  for (const client of bp.clients) {
    const account = client.accounts.find((a) => a.userPrincipalName.toLowerCase() === upn.toLowerCase());
    if (account) return { clientId: client.id, upn: account.userPrincipalName };
  }
  return null;
}

/** The tenant's user id of an account; a missing user is an HF8108 user error. */
export async function tenantUserId(ctx: Pick<FleetContext, "graph">, upn: string): Promise<string> {
  try {
    const res = await ctx.graph.request<{ id: string }>("GET", "/users/{upn}", { params: { upn }, query: { $select: "id,userPrincipalName" } });
    return res.body.id;
  } catch (err) {
    if (err instanceof GraphRequestError && err.status === 404) {
      throw new UserError("", [{ severity: "error", code: "HF8108", message: `the tenant has no user ${upn}`, fix: "Create the program's accounts first (`holofleet apply`), then retry." }]);
    }
    throw err;
  }
}

/**
 * Sets a new password on `upn` and records the rotation (in the same step as the Graph call succeeds:
 * a rotation that Graph refused is not recorded). `forceChangePasswordNextSignIn` stays false: the
 * organisation keeps client passwords and clients sign in with email and PIN (guide: "Don't share
 * usernames nor password with clients"), so nobody would be there to choose a new one.
 */
export async function rotatePassword(ctx: FleetContext, upn: string, reason: RotationReason, loanId: number | null = null): Promise<RotatedPassword> {
  const account = blueprintAccount(ctx.blueprint, upn);
  if (!account) {
    throw new UserError("", [{ severity: "error", code: "HF8112", message: `${upn} is not a client account of the blueprint`, fix: "Rotate only the program's client accounts (clients[].accounts[].upn)." }]);
  }
  const client = ctx.blueprint.clients.find((c) => c.id === account.clientId)!;
  await ctx.store.clients.put({ id: client.id, displayName: client.displayName }, ctx.actor);
  if (!(await ctx.store.accounts.get(account.upn))) await ctx.store.accounts.put({ upn: account.upn, clientId: client.id, displayName: null }, ctx.actor);
  const id = await tenantUserId(ctx, account.upn);
  const password = generatePassword(ctx.blueprint.passwords.length);
  await ctx.graph.request("PATCH", "/users/{id}", { params: { id }, body: { passwordProfile: { password, forceChangePasswordNextSignIn: false } } });
  const rotation = await ctx.store.passwordRotations.record({ upn: account.upn, reason, loanId }, ctx.actor);
  return { upn: account.upn, password, rotation };
}
