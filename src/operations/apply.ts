/**
 * The `apply` use case: plan afresh (preflight, read, diff), then — after the caller's approval, or
 * straight away for a saved plan — apply. A saved plan (`--plan`) is applied only when the blueprint
 * and everything holofleet reads are exactly what they were when it was made; otherwise nothing is
 * done and the error says to plan again.
 */
import type { Diagnostic } from "../diag/diagnostic.ts";
import type { Actor, EventLog } from "../fleet/store/port.ts";
import { applyPlan } from "../engine/apply.ts";
import { hasChanges } from "../engine/plan.ts";
import type { ApplyResult, EventSink, Plan } from "../engine/plan-types.ts";
import { generatePassword as cspRngPassword } from "../passwords/generate-password.ts";
import { resourceKinds } from "../resources/registry.ts";
import { readPlanFile, type SavedPlan } from "./plan-file.ts";
import { buildPlan, prepare, type PlanOptions } from "./plan.ts";

export interface ApplyOptions extends PlanOptions {
  /** A plan saved by `plan --out`: applied only if nothing changed since. */
  planFile?: string;
  /** Asked before anything is written (unless a saved plan is applied); false stops. */
  approve?: (plan: Plan) => Promise<boolean>;
  /** Passwords for new accounts (default: CSPRNG, src/passwords). */
  generatePassword?: (length: number) => string;
  concurrency?: number;
  replicationWaitMs?: number;
  events?: EventSink;
  /** When a fleet store is at hand, each apply that ran is logged there (`apply.run`), e.g. for the console's overview. */
  fleetLog?: { events: EventLog; actor: Actor };
}

export interface ApplyOutcome {
  plan?: Plan;
  /** Whether writing was approved (false: the plan was shown and nothing was done). */
  approved: boolean;
  result?: ApplyResult;
  diagnostics: Diagnostic[];
}

/** Why a saved plan no longer fits: another blueprint, another tenant, or a tenant changed since. */
export function staleness(saved: SavedPlan, fresh: Plan, file: string): Diagnostic | undefined {
  const at = { file, start: { line: 1, col: 1 } };
  const fix = "Run `holofleet plan --out` again, review it, and apply the new plan.";
  if (saved.blueprint.digest !== fresh.blueprint.digest)
    return { severity: "error", code: "HF5502", message: `the plan ${file} was made for another version of the blueprint (${saved.blueprint.file})`, source: at, fix };
  if (saved.tenant.id.toLowerCase() !== fresh.tenant.id.toLowerCase())
    return { severity: "error", code: "HF5502", message: `the plan ${file} was made for tenant ${saved.tenant.id}, not ${fresh.tenant.id}`, source: at, fix };
  if (saved.fingerprint !== fresh.fingerprint)
    return { severity: "error", code: "HF5501", message: `the tenant changed since the plan ${file} was made: what holofleet reads now differs from what the plan was made from`, why: "applying it could undo or collide with those changes", source: at, fix };
  return undefined;
}

/** Logs an apply that ran; a store that cannot take it is a warning, not a failed apply (the tenant is already changed). */
async function logApply(log: ApplyOptions["fleetLog"], plan: Plan, result: ApplyResult): Promise<Diagnostic[]> {
  if (!log) return [];
  try {
    await log.events.append({ actor: log.actor, action: "apply.run", subjectType: "tenant", subjectId: plan.tenant.id, after: { blueprint: plan.blueprint.file, ...result.summary } });
    return [];
  } catch (err) {
    return [{ severity: "warning", code: "HF5504", message: `the apply ran, but the fleet store did not record it: ${(err as Error).message}` }];
  }
}

export async function applyBlueprint(opts: ApplyOptions): Promise<ApplyOutcome> {
  let saved: SavedPlan | undefined;
  if (opts.planFile) {
    const read = await readPlanFile(opts.planFile);
    if (!read.plan) return { approved: false, diagnostics: read.diagnostics };
    saved = read.plan;
  }
  const { ready, diagnostics } = await prepare(opts);
  if (!ready) return { approved: false, diagnostics };
  try {
    const { built, diagnostics: planDiags } = await buildPlan(ready.session, { file: opts.file, ...ready }, { adopt: saved?.adopt ?? opts.adopt, events: opts.events });
    const all = [...diagnostics, ...planDiags];
    if (!built) return { approved: false, diagnostics: all };
    const { plan } = built;
    if (saved) {
      const stale = staleness(saved, plan, opts.planFile!);
      if (stale) return { plan, approved: false, diagnostics: [...all, stale] };
    }
    if (!hasChanges(plan.changes)) {
      const result: ApplyResult = { formatVersion: plan.formatVersion, results: [], summary: { applied: 0, failed: 0, skipped: 0 } };
      return { plan, approved: true, result, diagnostics: [...all, ...(await logApply(opts.fleetLog, plan, result))] };
    }
    const approved = saved ? true : opts.approve ? await opts.approve(plan) : false;
    if (!approved) return { plan, approved: false, diagnostics: all };
    const result = await applyPlan({
      changes: plan.changes,
      desired: built.compiled.desired,
      snapshot: built.snapshot,
      kinds: resourceKinds,
      ctx: built.ctx,
      generatePassword: opts.generatePassword ?? cspRngPassword,
      events: opts.events,
      concurrency: opts.concurrency,
      replicationWaitMs: opts.replicationWaitMs,
    });
    return { plan, approved: true, result, diagnostics: [...all, ...(await logApply(opts.fleetLog, plan, result))] };
  } finally {
    await ready.session.close();
  }
}
