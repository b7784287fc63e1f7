/**
 * The life cycle of a loaned device, pure: its states, the transitions between them as data (from
 * where, to where, what the operator must give, what happens to the loan record, and what the tenant
 * side must do), the guards that depend on the clock, and the password rotations a policy asks for.
 * The fleet store applies a transition only through `planTransition`; the operations layer carries out
 * the `duties`.
 */
import type { Blueprint } from "../blueprint/types.ts";

/** `overdue` and `lost` sit beside the main cycle in-stock → prepared → shipped → at-client → returned → resetting → in-stock. */
export const DEVICE_STATES = ["in-stock", "prepared", "shipped", "at-client", "overdue", "returned", "resetting", "lost"] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

/** What the operator gives with a transition. */
export interface TransitionInput {
  /** The client the device goes to (prepare). */
  clientId?: string;
  /** The client's accounts that sign in on the device (prepare). */
  accountUpns?: readonly string[];
  /** When the device is expected back, ISO 8601 (prepare, extend). */
  expectedReturn?: string;
}

/** What a transition does to the device's loan record. */
export type LoanEffect =
  | "open" // a new loan for the client, state `open`
  | "shipped" // records shippedAt
  | "delivered" // records deliveredAt
  | "none" // the loan stays as it is (overdue is flagged on the device)
  | "extended" // a new expected return
  | "returned" // records returnedAt, closes the loan as `returned`
  | "cancelled" // closes the loan as `cancelled` (never shipped)
  | "lost" // closes the loan as `lost`
  | "found"; // a lost loan ends as `returned` after all

/**
 * What the tenant side must do for the transition to be real (the operations layer's part; the store
 * records only the outcome): named here so the CLI, the console and the docs list the same steps.
 */
export type TransitionDuty =
  | "audit-device" // the device passes the audit's device rules
  | "check-accounts" // the client's accounts exist, are licensed, sit in the client's isolation group
  | "rotate-passwords-if-due" // rotationDueOnShip / rotationDueOnReturn
  | "handoff-sheet" // the PDF for the client: device, account, sign-in with email and PIN, never a password
  | "reset-device" // the blueprint's loans.onReturn (e.g. wipe) through Graph
  | "confirm-reset"; // the wipe completed: the managed device is gone, the Autopilot registration stays

/** A reason the transition cannot happen now, with the input field it concerns when there is one. */
export interface TransitionProblem {
  field?: keyof TransitionInput;
  message: string;
}

/** What the guard of a transition sees. */
export interface TransitionContext {
  now: Date;
  input: TransitionInput;
  /** The device's current (or, for `found`, last) loan; null when it has none. */
  loan: { expectedReturn: string } | null;
}

export interface TransitionSpec {
  from: readonly DeviceState[];
  to: DeviceState;
  requires: readonly (keyof TransitionInput)[];
  loan: LoanEffect;
  duties: readonly TransitionDuty[];
  guard?: (ctx: TransitionContext) => TransitionProblem[];
}

const ON_LOAN = ["shipped", "at-client", "overdue"] as const satisfies readonly DeviceState[];

/** The expected return must be a real date after now. */
function returnAfterNow(ctx: TransitionContext): TransitionProblem[] {
  const at = ctx.input.expectedReturn === undefined ? Number.NaN : Date.parse(ctx.input.expectedReturn);
  if (Number.isNaN(at)) return [{ field: "expectedReturn", message: "the expected return is not a date (ISO 8601, e.g. 2026-03-31)" }];
  if (at <= ctx.now.getTime()) return [{ field: "expectedReturn", message: `the expected return ${ctx.input.expectedReturn} is not in the future` }];
  return [];
}

export const LOAN_TRANSITIONS = {
  prepare: {
    from: ["in-stock"],
    to: "prepared",
    requires: ["clientId", "accountUpns", "expectedReturn"],
    loan: "open",
    duties: ["audit-device", "check-accounts", "rotate-passwords-if-due"],
    guard: (ctx) => [
      ...(ctx.input.accountUpns !== undefined && ctx.input.accountUpns.length === 0
        ? [{ field: "accountUpns" as const, message: "a loan needs at least one of the client's accounts" }]
        : []),
      ...returnAfterNow(ctx),
    ],
  },
  cancel: { from: ["prepared"], to: "in-stock", requires: [], loan: "cancelled", duties: [] },
  ship: {
    from: ["prepared"],
    to: "shipped",
    requires: [],
    loan: "shipped",
    duties: ["audit-device", "check-accounts", "handoff-sheet"],
  },
  deliver: { from: ["shipped"], to: "at-client", requires: [], loan: "delivered", duties: [] },
  "flag-overdue": {
    from: ["shipped", "at-client"],
    to: "overdue",
    requires: [],
    loan: "none",
    duties: [],
    guard: (ctx) =>
      ctx.loan && isOverdue(ctx.loan.expectedReturn, ctx.now) ? [] : [{ message: "the loan is not past its expected return" }],
  },
  extend: { from: ["at-client", "overdue"], to: "at-client", requires: ["expectedReturn"], loan: "extended", duties: [], guard: returnAfterNow },
  return: { from: ON_LOAN, to: "returned", requires: [], loan: "returned", duties: ["rotate-passwords-if-due", "reset-device"] },
  "start-reset": { from: ["returned"], to: "resetting", requires: [], loan: "none", duties: ["reset-device"] },
  restock: { from: ["resetting"], to: "in-stock", requires: [], loan: "none", duties: ["confirm-reset"] },
  lose: { from: ON_LOAN, to: "lost", requires: [], loan: "lost", duties: [] },
  found: { from: ["lost"], to: "returned", requires: [], loan: "found", duties: ["rotate-passwords-if-due", "reset-device"] },
} as const satisfies Record<string, TransitionSpec>;

export type LoanAction = keyof typeof LOAN_TRANSITIONS;
export const LOAN_ACTIONS = Object.keys(LOAN_TRANSITIONS) as LoanAction[];

/** The transitions legal from `state`, in table order. */
export function legalActions(state: DeviceState): LoanAction[] {
  return LOAN_ACTIONS.filter((a) => (LOAN_TRANSITIONS[a].from as readonly DeviceState[]).includes(state));
}

export type TransitionPlan =
  | { ok: true; action: LoanAction; from: DeviceState; to: DeviceState; loan: LoanEffect; duties: readonly TransitionDuty[] }
  | { ok: false; problems: TransitionProblem[] };

/** Whether `action` may happen to a device in `state` now, and what it does; every problem is collected. */
export function planTransition(state: DeviceState, action: LoanAction, ctx: TransitionContext): TransitionPlan {
  const spec: TransitionSpec = LOAN_TRANSITIONS[action];
  if (!spec.from.includes(state)) {
    const legal = legalActions(state);
    return {
      ok: false,
      problems: [{ message: `cannot ${action} a device that is ${state} (from ${state}: ${legal.length ? legal.join(", ") : "nothing"})` }],
    };
  }
  const problems: TransitionProblem[] = spec.requires
    .filter((field) => ctx.input[field] === undefined)
    .map((field) => ({ field, message: `${action} needs ${field}` }));
  if (problems.length === 0 && spec.guard) problems.push(...spec.guard(ctx));
  if (problems.length) return { ok: false, problems };
  return { ok: true, action, from: state, to: spec.to, loan: spec.loan, duties: spec.duties };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** True once `now` is past the expected return. */
export function isOverdue(expectedReturn: string, now: Date): boolean {
  return now.getTime() > Date.parse(expectedReturn);
}

/** Whole days a loan is past its expected return (0 when it is not). */
export function daysOverdue(expectedReturn: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(expectedReturn)) / DAY_MS));
}

/** Why a password is rotated: the policy's rule, a change of client, the operator's request, or coming expiry. */
export const ROTATION_REASONS = ["reset-before-ship", "client-changed", "rotate-on-return", "manual", "expiring"] as const;
export type RotationReason = (typeof ROTATION_REASONS)[number];

type PasswordPolicyName = Blueprint["passwords"]["policy"];

/**
 * Before a device ships: `reset-before-ship` always rotates; any policy rotates when the device's last
 * client is not this one (guide §CC passwords option 4; the "or the device's last client differs").
 */
export function rotationDueOnShip(policy: PasswordPolicyName, lastClientId: string | null, clientId: string): RotationReason | null {
  if (policy === "reset-before-ship") return "reset-before-ship";
  if (lastClientId !== null && lastClientId !== clientId) return "client-changed";
  return null;
}

/** When a device comes back: `rotate-on-return` rotates the client's passwords (guide §CC passwords option 3). */
export function rotationDueOnReturn(policy: PasswordPolicyName): RotationReason | null {
  return policy === "rotate-on-return" ? "rotate-on-return" : null;
}
