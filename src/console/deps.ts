/**
 * What the console works with. The server (server.ts) builds one `ConsoleDeps` at start; every page and
 * action takes it and calls the operations layer through it, so the console holds no logic of its own.
 * Tests build one over a temporary fleet store and a test tenant.
 */
import type { Blueprint } from "../blueprint/types.ts";
import type { Diagnostic } from "../diag/diagnostic.ts";
import type { Plan } from "../engine/plan-types.ts";
import type { Actor, ConsoleRole, FleetStore } from "../fleet/store/port.ts";
import type { DeviceReach } from "../operations/device-reach.ts";
import type { FleetContext } from "../operations/fleet-context.ts";
import type { AuditResult } from "../posture/rules/types.ts";
import type { ReportMeta } from "../report/meta.ts";

/** The person signed in. */
export interface ConsoleViewer {
  /** Local account name, or the Entra user's UPN. */
  name: string;
  role: ConsoleRole;
  /** How they signed in. */
  via: "local" | "entra";
}

/** The actor recorded in the event log for a console user: `console:<name>`. */
export function consoleActor(viewer: ConsoleViewer): Actor {
  return `console:${viewer.name}`;
}

export interface LatestAudit {
  /** When the tenant was read (ISO 8601 UTC). */
  at: string;
  by: Actor;
  result: AuditResult;
  meta: ReportMeta;
  /** Which profiles reach each device and why, by upper-case serial (`audit({ withReach: true })`); absent when not kept. */
  reach?: ReadonlyMap<string, DeviceReach>;
}

export interface AuditSource {
  /** The last audit run by this console (or null before the first one has finished). */
  latest(): LatestAudit | null;
  /** Reads the tenant live and audits it; concurrent calls share one run. */
  run(actor: Actor): Promise<LatestAudit>;
}

export interface PendingPlan {
  at: string;
  /** Null when the plan could not be built (see `diagnostics`). */
  plan: Plan | null;
  diagnostics: Diagnostic[];
}

export interface PlanSource {
  /** The changes between the blueprint and the tenant now, as `holofleet plan` computes them. */
  compute(): Promise<PendingPlan>;
}

export interface ConsoleDeps {
  store: FleetStore;
  blueprint: Blueprint;
  blueprintFile: string;
  /** A fleet context acting for this person (actions talk to the tenant through it). */
  fleetFor(actor: Actor): FleetContext;
  audits: AuditSource;
  plans: PlanSource;
  now(): Date;
  toolVersion: string;
}

/** Hono's typed context variables, set by the session middleware before any page runs. */
export interface ConsoleEnv {
  Variables: {
    viewer: ConsoleViewer;
    /** The session's CSRF token: every form that changes something carries it as `_csrf`. */
    csrfToken: string;
    /** The per-response nonce the Content-Security-Policy allows for scripts. */
    cspNonce: string;
  };
}

/** The role each change needs: viewers read, operators act on devices and passwords, admins manage users. */
export const ROLE_RANK: Record<ConsoleRole, number> = { viewer: 0, operator: 1, admin: 2 };

export function hasRole(viewer: ConsoleViewer, needed: ConsoleRole): boolean {
  return ROLE_RANK[viewer.role] >= ROLE_RANK[needed];
}
