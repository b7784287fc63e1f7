/**
 * The console's overview as data: posture by concern from the latest audit, devices by state, loans due
 * this week and overdue, the last audit and the last apply. `fleetOverview` is pure (everything it needs
 * is passed in); `readFleetOverview` gathers those inputs from the store in a handful of queries.
 */
import { daysOverdue, DEVICE_STATES, isOverdue, type DeviceState } from "../fleet/loan-state.ts";
import type { Actor, FleetEvent, FleetStore, Loan } from "../fleet/store/port.ts";
import { CONCERNS, type AuditResult, type Concern, type Status } from "../posture/rules/types.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
/** "This week": the next seven days from now. */
export const DUE_SOON_DAYS = 7;

export interface ConcernPosture {
  concern: Concern;
  counts: Record<Status, number>;
}

export interface LoanDue {
  loanId: number;
  serial: string;
  clientId: string;
  expectedReturn: string;
  /** Whole days past the expected return (0 when not overdue). */
  daysOverdue: number;
}

export interface FleetOverview {
  /** Concerns with at least one result, in the guide's order; null before the first audit. */
  posture: ConcernPosture[] | null;
  devicesByState: { state: DeviceState; count: number }[];
  totalDevices: number;
  dueThisWeek: LoanDue[];
  overdue: LoanDue[];
  lastAudit: { at: string; by: Actor; failures: number; total: number } | null;
  lastApply: { at: string; by: Actor; summary: unknown } | null;
}

export interface OverviewInput {
  now: Date;
  audit: { at: string; by: Actor; result: AuditResult } | null;
  stateCounts: Record<DeviceState, number>;
  openLoans: readonly Loan[];
  lastApply: FleetEvent | null;
}

const due = (loan: Loan, now: Date): LoanDue => ({ loanId: loan.id, serial: loan.deviceSerial, clientId: loan.clientId, expectedReturn: loan.expectedReturn, daysOverdue: daysOverdue(loan.expectedReturn, now) });
const byReturn = (a: LoanDue, b: LoanDue) => a.expectedReturn.localeCompare(b.expectedReturn) || (a.serial < b.serial ? -1 : 1);

export function fleetOverview(input: OverviewInput): FleetOverview {
  const { now } = input;
  const summary = input.audit?.result.summary;
  const posture = summary
    ? CONCERNS.map((concern) => ({ concern, counts: summary.byConcern[concern] })).filter((p) => Object.values(p.counts).some((n) => n > 0))
    : null;
  const soon = now.getTime() + DUE_SOON_DAYS * DAY_MS;
  const open = input.openLoans.filter((l) => l.state === "open");
  return {
    posture,
    devicesByState: DEVICE_STATES.map((state) => ({ state, count: input.stateCounts[state] ?? 0 })),
    totalDevices: DEVICE_STATES.reduce((n, s) => n + (input.stateCounts[s] ?? 0), 0),
    dueThisWeek: open.filter((l) => !isOverdue(l.expectedReturn, now) && Date.parse(l.expectedReturn) <= soon).map((l) => due(l, now)).sort(byReturn),
    overdue: open.filter((l) => isOverdue(l.expectedReturn, now)).map((l) => due(l, now)).sort(byReturn),
    lastAudit: input.audit && summary ? { at: input.audit.at, by: input.audit.by, failures: summary.byStatus.fail, total: summary.total } : null,
    lastApply: input.lastApply ? { at: input.lastApply.at, by: input.lastApply.actor, summary: input.lastApply.after } : null,
  };
}

/** Open loans due within the week (overdue ones included), the device counts and the last apply: four queries. */
export async function readFleetOverview(store: FleetStore, audit: OverviewInput["audit"], now: Date): Promise<FleetOverview> {
  const [stateCounts, openLoans, lastApply] = await Promise.all([
    store.devices.countByState(),
    store.loans.list({ state: "open", dueBefore: new Date(now.getTime() + DUE_SOON_DAYS * DAY_MS).toISOString() }),
    store.events.list({ action: "apply.run", newestFirst: true, limit: 1 }),
  ]);
  return fleetOverview({ now, audit, stateCounts, openLoans, lastApply: lastApply[0] ?? null });
}
