/**
 * The console's view of pending changes: `holofleet plan` computed by the operations layer against the
 * console's tenant (a fresh read each time; overlapping requests share one computation).
 */
import { planBlueprint } from "../operations/plan.ts";
import type { SessionOptions } from "../operations/tenant-session.ts";
import type { PendingPlan, PlanSource } from "./deps.ts";

export function createPlanSource(opts: { blueprintFile: string; target: SessionOptions; now(): Date }): PlanSource {
  let running: Promise<PendingPlan> | null = null;
  const computeOnce = async (): Promise<PendingPlan> => {
    const at = opts.now().toISOString();
    const outcome = await planBlueprint({ file: opts.blueprintFile, target: opts.target });
    return { at, plan: outcome.plan ?? null, diagnostics: outcome.diagnostics };
  };
  return {
    compute() {
      running ??= computeOnce().finally(() => {
        running = null;
      });
      return running;
    },
  };
}
