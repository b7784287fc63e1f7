/**
 * The program an audit holds the tenant to: the blueprint when one is given, otherwise the guide's own
 * posture (holofleet's defaults, which are the guide's recommendations) with the clients inferred from the
 * snapshot — the client groups holofleet created (ownership marker and `<prefix>-client-<id>` nickname), or,
 * failing that, the people who sign in on the HoloLens devices, grouped by company. Loans come from the
 * blueprint today (a length, no start: a loan is taken to start at the snapshot's time, the latest it can
 * have started, so the password check is never optimistic) or from the fleet store later, as `loans`.
 */
import { blueprintSchema } from "../blueprint/schema/blueprint.ts";
import type { Blueprint } from "../blueprint/types.ts";
import type { TenantSnapshot } from "./snapshot/schema.ts";

export interface ProgramClient {
  id: string;
  displayName: string;
  /** Lower-case UPNs of the client's accounts. */
  accounts: Set<string>;
  /** Serial numbers the blueprint lists for the client's accounts. */
  serials: Set<string>;
  loanDays: number | null;
}

/** An account's loan: when its device is expected back (ISO), null for open-ended. From the fleet store. */
export interface LoanExpectation {
  userPrincipalName: string;
  expectedReturn: string | null;
}

export interface AuditProgram {
  /** `blueprint` when a blueprint was given; `guide` when the guide's defaults stand in for one. */
  source: "blueprint" | "guide";
  blueprint: Blueprint;
  clients: ProgramClient[];
  /** Lower-case UPN → client id. */
  clientOfAccount: Map<string, string>;
  /** Upper-case serial → client id (blueprint only). */
  clientOfSerial: Map<string, string>;
  /** Per-account loans given by the caller (fleet store); they win over the blueprint's loan lengths. */
  loans: Map<string, string | null>;
}

const HOLOLENS_MODEL = /hololens/i;

/** The guide's posture as a normalized blueprint: every section at holofleet's defaults. */
export function guideDefaults(domain: string, namingPrefix = "HF"): Blueprint {
  return blueprintSchema.parse({ apiVersion: "holofleet/v1", metadata: { name: "guide-defaults" }, tenant: { domain, namingPrefix } });
}

function fromBlueprint(bp: Blueprint): ProgramClient[] {
  return bp.clients.map((c) => ({
    id: c.id,
    displayName: c.displayName,
    accounts: new Set(c.accounts.map((a) => a.userPrincipalName.toLowerCase())),
    serials: new Set(c.accounts.flatMap((a) => a.devices.map((s) => s.toUpperCase()))),
    loanDays: c.loanDays,
  }));
}

/** Clients read from the tenant when there is no blueprint. */
function inferClients(snapshot: TenantSnapshot): { clients: ProgramClient[]; prefix: string | null } {
  const marker = /\[holofleet:([^\]]+)\]/;
  const clients: ProgramClient[] = [];
  let prefix: string | null = null;
  const usersById = new Map(snapshot.users.map((u) => [u.id, u]));
  for (const g of snapshot.groups) {
    const owner = marker.exec(g.description ?? "")?.[1];
    const m = owner ? new RegExp(`^${owner.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-client-(.+)$`).exec(g.mailNickname ?? "") : null;
    if (!m) continue;
    prefix = owner!;
    const accounts = g.members.flatMap((m) => (usersById.has(m.id) ? [usersById.get(m.id)!.userPrincipalName.toLowerCase()] : []));
    clients.push({ id: m[1]!, displayName: g.displayName, accounts: new Set(accounts), serials: new Set(), loanDays: null });
  }
  const known = new Set(clients.flatMap((c) => [...c.accounts]));
  const byCompany = new Map<string, ProgramClient>();
  for (const d of snapshot.managedDevices) {
    if (!HOLOLENS_MODEL.test(d.model ?? "") || !d.userPrincipalName || known.has(d.userPrincipalName.toLowerCase())) continue;
    const user = snapshot.users.find((u) => u.userPrincipalName.toLowerCase() === d.userPrincipalName!.toLowerCase());
    const company = user?.companyName || user?.department || "unknown";
    const id = company.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "unknown";
    const client = byCompany.get(id) ?? { id, displayName: company, accounts: new Set<string>(), serials: new Set<string>(), loanDays: null };
    client.accounts.add(d.userPrincipalName.toLowerCase());
    byCompany.set(id, client);
  }
  return { clients: [...clients, ...byCompany.values()].sort((a, b) => (a.id < b.id ? -1 : 1)), prefix };
}

export function auditProgram(snapshot: TenantSnapshot, blueprint: Blueprint | null, loans: readonly LoanExpectation[] = []): AuditProgram {
  let bp: Blueprint;
  let clients: ProgramClient[];
  if (blueprint) {
    bp = blueprint;
    clients = fromBlueprint(blueprint);
  } else {
    const inferred = inferClients(snapshot);
    bp = guideDefaults(snapshot.tenant.defaultDomain ?? snapshot.domains.find((d) => d.isDefault)?.id ?? "tenant.invalid", inferred.prefix ?? undefined);
    // The group tag holofleet's device group matches, when the tenant has that group.
    const tag = snapshot.groups
      .filter((g) => inferred.prefix !== null && (g.description ?? "").includes(`[holofleet:${inferred.prefix}]`))
      .map((g) => /\[OrderID\]:([^"]+)"/i.exec(g.membershipRule ?? "")?.[1])
      .find((t) => t !== undefined);
    if (tag) bp = { ...bp, devices: { ...bp.devices, autopilot: { ...bp.devices.autopilot, groupTag: tag } } };
    clients = inferred.clients;
  }
  const clientOfAccount = new Map<string, string>();
  const clientOfSerial = new Map<string, string>();
  for (const c of clients) {
    for (const a of c.accounts) clientOfAccount.set(a, c.id);
    for (const s of c.serials) clientOfSerial.set(s, c.id);
  }
  return {
    source: blueprint ? "blueprint" : "guide",
    blueprint: bp,
    clients,
    clientOfAccount,
    clientOfSerial,
    loans: new Map(loans.map((l) => [l.userPrincipalName.toLowerCase(), l.expectedReturn])),
  };
}
