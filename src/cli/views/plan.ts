/**
 * Plans, apply progress and drift as text, in the style of `terraform plan`: one block per address
 * with its symbol (+ create, ~ update/adopt, -/+ replace, - delete, ! blocked), the reason, and each
 * attribute's before → after. Long strings (a kiosk XML) show only where they differ. Pure: returns
 * lines; the commands write them.
 */
import type { AttributeChange, EngineEvent, ManualStep, Plan, PlanChange, PlanSummary } from "../../engine/plan-types.ts";
import type { Json } from "../../resources/types.ts";

const SYMBOL: Record<PlanChange["action"], string> = { create: "+", update: "~", adopt: "~", replace: "-/+", delete: "-", blocked: "!", noop: " " };

const HEADLINE: Record<PlanChange["action"], string> = {
  create: "will be created",
  update: "will be updated in place",
  adopt: "will be taken over (--adopt) and updated in place",
  replace: "must be replaced",
  delete: "will be deleted",
  blocked: "is not holofleet's: nothing will be done",
  noop: "is unchanged",
};

/** A string this long is shown around its first difference, not whole. */
const LONG = 100;
const CONTEXT = 40;

function excerpt(s: string, at: number): string {
  const start = Math.max(0, at - CONTEXT);
  const end = Math.min(s.length, at + CONTEXT);
  return `${start > 0 ? "…" : ""}${JSON.stringify(s.slice(start, end)).slice(1, -1)}${end < s.length ? "…" : ""}`;
}

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function show(v: Json): string {
  if (v !== null && typeof v === "object" && !Array.isArray(v) && typeof (v as { $unknown?: unknown }).$unknown === "string") return "(known after apply)";
  const text = JSON.stringify(v);
  return text.length > LONG ? `${text.slice(0, LONG)}… (${text.length} characters)` : text;
}

/** One attribute's line: `+ path = value`, `~ path: before → after`, `- path`. */
export function attributeLine(a: AttributeChange, action: PlanChange["action"]): string {
  const forces = a.forcesReplacement ? "   # forces replacement" : "";
  if (a.sensitive) return `${action === "create" ? "+" : "~"} ${a.path} = (sensitive value)`;
  if (a.before === null && action !== "update") return `+ ${a.path} = ${a.knownAfterApply ? "(known after apply)" : show(a.after)}${forces}`;
  if (a.after === null) return `- ${a.path} = ${show(a.before)}${forces}`;
  if (typeof a.before === "string" && typeof a.after === "string" && (a.before.length > LONG || a.after.length > LONG)) {
    const at = firstDifference(a.before, a.after);
    return `~ ${a.path}: differs at character ${at + 1}: "${excerpt(a.before, at)}" → "${excerpt(a.after, at)}"${forces}`;
  }
  return `~ ${a.path}: ${show(a.before)} → ${a.knownAfterApply ? "(known after apply)" : show(a.after)}${forces}`;
}

export function changeLines(c: PlanChange): string[] {
  const reason = c.detail ? ` (${c.detail})` : c.action === "update" ? " (changed in the tenant)" : "";
  const lines = [`  # ${c.address} ${HEADLINE[c.action]}${reason}`, `  ${SYMBOL[c.action]} ${c.address}`];
  for (const a of c.attributes) lines.push(`      ${attributeLine(a, c.action)}`);
  return lines;
}

export function summaryLine(s: PlanSummary): string {
  const parts = [`${s.create} to create`, `${s.update + s.adopt} to update`, `${s.replace} to replace`, `${s.delete} to delete`];
  return `Plan: ${parts.join(", ")}; ${s.unchanged} unchanged${s.blocked ? `, ${s.blocked} blocked` : ""}.`;
}

export function manualStepLines(steps: readonly ManualStep[]): string[] {
  if (steps.length === 0) return [];
  return ["", "Manual steps (no Graph API; run them by hand — `holofleet compile --out` writes the scripts):", ...steps.map((s) => `  - ${s.title}: ${s.file}`)];
}

export function planLines(plan: Plan): string[] {
  const changes = plan.changes.filter((c) => c.action !== "noop");
  const head =
    changes.length === 0
      ? [`No changes. Tenant ${plan.tenant.id} matches ${plan.blueprint.file}.`]
      : [`holofleet will perform the following actions on tenant ${plan.tenant.id}:`, "", ...changes.flatMap((c) => [...changeLines(c), ""])];
  return [...head, ...(changes.length ? [summaryLine(plan.summary)] : []), ...manualStepLines(plan.manualSteps)];
}

export function driftLines(drifted: readonly PlanChange[], inSync: number, tenantId: string): string[] {
  if (drifted.length === 0) return [`No drift: tenant ${tenantId} matches the blueprint (${inSync} objects).`];
  return [`Drift on tenant ${tenantId}: ${drifted.length === 1 ? "1 object differs" : `${drifted.length} objects differ`} from the blueprint (${inSync} match):`, "", ...drifted.flatMap((c) => [...changeLines(c), ""]), "Run `holofleet apply` to restore the blueprint's values."];
}

const DONE: Record<PlanChange["action"], string> = { create: "created", update: "updated", adopt: "taken over", replace: "replaced", delete: "deleted", blocked: "", noop: "" };

/** A progress line for an apply event (TTY); undefined for events not worth a line. */
export function progressLine(e: EngineEvent): string | undefined {
  switch (e.type) {
    case "apply.start":
      return `${e.address}: ${e.action}…`;
    case "apply.done":
      return `${e.address}: ${DONE[e.action]} (${e.ms} ms)`;
    case "apply.failed":
      return `${e.address}: failed${e.code ? ` (${e.code})` : ""}: ${e.message}`;
    case "apply.skipped":
      return `${e.address}: skipped: ${e.because}`;
    case "apply.wait":
      return `${e.address}: waiting for ${e.what}`;
    case "applied":
      return `Apply complete: ${e.summary.applied} applied, ${e.summary.failed} failed, ${e.summary.skipped} skipped.`;
    default:
      return undefined;
  }
}
