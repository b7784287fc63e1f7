/**
 * What this program needs licensed: the catalog's licence needs that apply to the blueprint (its calling
 * app and kiosk apps, information barriers when used, always Entra ID, Intune and Teams for calls).
 */
import type { LicenceNeedId } from "../catalog/types.ts";
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
