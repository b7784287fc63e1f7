/**
 * Which service plans client accounts keep: the allow-list of what this program needs (the catalog's
 * licence needs that apply to the blueprint), widened by `licensing.enabledServicePlans` and narrowed by
 * `licensing.disabledServicePlans`. Every other plan of an assigned SKU is disabled. The blueprint checks
 * and the compiler share it, so both reason about the same list. Pure: the needs come in as a value.
 */
import type { LicenceNeed, LicenceNeedId } from "../catalog/types.ts";
import type { Blueprint } from "./types.ts";

/** Kiosk apps that carry a licence need of their own (catalog app id → need). */
const APP_NEEDS: Readonly<Record<string, LicenceNeedId>> = {
  "remote-assist": "remote-assist",
  "dynamics-365-guides": "guides",
};

/** When each need applies, in words (docs/blueprint.md); `programNeedIds` is the rule. */
export const NEED_APPLIES_WHEN: Readonly<Record<LicenceNeedId, string>> = {
  "entra-id": "always",
  intune: "always",
  calling: "always (Teams carries the calls to experts)",
  "remote-assist": "`devices.kiosk.callingApp` is `remote-assist`, or the kiosk lists `remote-assist`",
  guides: "`devices.kiosk.callingApp` is `dynamics-365-guides`, or the kiosk lists it",
  "information-barriers": "`isolation.mode` is `information-barriers`",
};

/**
 * The needs that apply to `bp`: always Entra ID, Intune and calling (Teams carries the calls); the
 * calling app's licence and that of every other kiosk app that has one (an app clients can start is an
 * app they need licensed); information barriers when isolation uses them.
 */
export function programNeedIds(bp: Pick<Blueprint, "devices" | "isolation">): LicenceNeedId[] {
  const ids = deviceNeedIds(bp.devices.kiosk);
  return bp.isolation.mode === "information-barriers" ? [...ids, "information-barriers"] : ids;
}

/** The needs every program has and those of its apps: `programNeedIds` without isolation. */
export function deviceNeedIds(kiosk: Pick<Blueprint["devices"]["kiosk"], "callingApp" | "apps">): LicenceNeedId[] {
  const ids = new Set<LicenceNeedId>(["entra-id", "intune", "calling"]);
  for (const app of [kiosk.callingApp, ...kiosk.apps]) {
    const need = APP_NEEDS[app];
    if (need) ids.add(need);
  }
  return [...ids];
}

export interface PlanPolicy {
  /** The needs that apply, in catalog order. */
  needs: LicenceNeed[];
  /** Each allow-listed plan with the need that keeps it on (the first, in catalog order). */
  allowed: Map<string, LicenceNeed>;
  /** The plans that stay on: allowed, plus `enabledServicePlans`, minus `disabledServicePlans`. */
  keep: Set<string>;
}

export function planPolicy(bp: Pick<Blueprint, "devices" | "isolation" | "licensing">, needs: readonly LicenceNeed[]): PlanPolicy {
  const wanted = new Set(programNeedIds(bp));
  const applying = needs.filter((n) => wanted.has(n.id));
  const allowed = new Map<string, LicenceNeed>();
  for (const need of applying) for (const plan of need.plans) if (!allowed.has(plan)) allowed.set(plan, need);
  const disabled = new Set(bp.licensing.disabledServicePlans);
  const keep = new Set([...allowed.keys(), ...bp.licensing.enabledServicePlans].filter((p) => !disabled.has(p)));
  return { needs: applying, allowed, keep };
}
