/**
 * The `drift` use case: plan against the tenant and report, for what holofleet manages, every place
 * the tenant no longer matches the blueprint — a setting changed by hand, a member removed, an
 * assignment deleted, a service plan enabled, an owned object gone or duplicated. Reads only.
 */
import type { Diagnostic } from "../diag/diagnostic.ts";
import { PLAN_FORMAT_VERSION, type PlanChange } from "../engine/plan-types.ts";
import { planBlueprint, type PlanOptions } from "./plan.ts";

export interface DriftReport {
  formatVersion: typeof PLAN_FORMAT_VERSION;
  blueprint: { file: string; name: string };
  tenant: { id: string; kind: "local" | "remote" };
  /** Every address where the tenant differs from the blueprint (what `apply` would change). */
  drifted: PlanChange[];
  /** Addresses that match. */
  inSync: number;
}

export interface DriftOutcome {
  report?: DriftReport;
  diagnostics: Diagnostic[];
}

export async function detectDrift(opts: Omit<PlanOptions, "adopt">): Promise<DriftOutcome> {
  const { plan, diagnostics } = await planBlueprint(opts);
  if (!plan) return { diagnostics };
  return {
    report: {
      formatVersion: PLAN_FORMAT_VERSION,
      blueprint: { file: plan.blueprint.file, name: plan.blueprint.name },
      tenant: plan.tenant,
      drifted: plan.changes.filter((c) => c.action !== "noop"),
      inSync: plan.summary.unchanged,
    },
    diagnostics,
  };
}
