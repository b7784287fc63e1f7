/**
 * Clients as the console shows them: the list (accounts, devices on loan, overdue, open findings) and one
 * client's page (each account's password against its loan — the passwords-due logic — its devices on loan
 * and the findings that affect it). The blueprint names the clients; the store knows their loans.
 */
import type { Client } from "../blueprint/types.ts";
import { isOverdue } from "../fleet/loan-state.ts";
import type { Device, FleetStore, Loan } from "../fleet/store/port.ts";
import type { AuditFinding, AuditResult } from "../posture/rules/types.ts";
import type { FleetContext } from "./fleet-context.ts";
import { findingsForClient } from "./findings-view.ts";
import { accountPasswords, type AccountPassword } from "./passwords-due.ts";

export interface ClientRow {
  id: string;
  displayName: string;
  accounts: number;
  onLoan: number;
  overdue: number;
  /** Failing or manual findings that affect the client; null before the first audit. */
  openFindings: number | null;
}

/** Pure: the list from the blueprint's clients, the open loans and the audit. */
export function clientRows(clients: readonly Client[], openLoans: readonly Loan[], audit: AuditResult | null, now: Date): ClientRow[] {
  return clients.map((c) => {
    const loans = openLoans.filter((l) => l.clientId === c.id);
    return {
      id: c.id,
      displayName: c.displayName,
      accounts: c.accounts.length,
      onLoan: loans.length,
      overdue: loans.filter((l) => isOverdue(l.expectedReturn, now)).length,
      openFindings: audit ? findingsForClient(audit.results, { id: c.id, upns: c.accounts.map((a) => a.userPrincipalName), serials: loans.map((l) => l.deviceSerial) }).length : null,
    };
  });
}

export async function readClientRows(store: FleetStore, clients: readonly Client[], audit: AuditResult | null, now: Date): Promise<ClientRow[]> {
  return clientRows(clients, await store.loans.list({ state: "open" }), audit, now);
}

export interface ClientAccountView extends AccountPassword {
  displayName: string;
}

export interface ClientDetail {
  client: Client;
  accounts: ClientAccountView[];
  /** Open loans with their device, soonest return first. */
  onLoan: { loan: Loan; device: Device | null; overdue: boolean }[];
  findings: AuditFinding[] | null;
}

/** One client's page: reads each account's password from the tenant (one request each). */
export async function readClientDetail(ctx: FleetContext, clientId: string, audit: AuditResult | null): Promise<ClientDetail | null> {
  const client = ctx.blueprint.clients.find((c) => c.id === clientId);
  if (!client) return null;
  const now = ctx.now();
  const loans = (await ctx.store.loans.list({ state: "open", clientId })).sort((a, b) => a.expectedReturn.localeCompare(b.expectedReturn));
  const [passwords, devices] = await Promise.all([accountPasswords(ctx, { clientId }), Promise.all(loans.map((l) => ctx.store.devices.get(l.deviceSerial)))]);
  const names = new Map(client.accounts.map((a) => [a.userPrincipalName, a.displayName]));
  return {
    client,
    accounts: passwords.map((p) => ({ ...p, displayName: names.get(p.upn) ?? p.upn })),
    onLoan: loans.map((loan, i) => ({ loan, device: devices[i] ?? null, overdue: isOverdue(loan.expectedReturn, now) })),
    findings: audit ? findingsForClient(audit.results, { id: client.id, upns: client.accounts.map((a) => a.userPrincipalName), serials: loans.map((l) => l.deviceSerial) }) : null,
  };
}
