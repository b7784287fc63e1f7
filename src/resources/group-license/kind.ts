/**
 * `groupLicense` (pure): the licences assigned to a group holofleet owns (graph-facts §3.1). It is
 * owned with its group, in full: a SKU added to that group by hand, or a service plan switched back
 * on, is drift that apply takes back. Compared as a set of `{ skuId, disabledPlans }`, GUIDs lower-cased
 * and plans sorted, as Graph returns them in any order and case.
 */
import { normaliseGuid, sortedByJson } from "../normalise.ts";
import type { Json, ResourceKindDefinition } from "../types.ts";

export interface AssignedLicence {
  skuId: string;
  disabledPlans: string[];
}

/** Licences as a comparable set (also what the e2e read-back compares). */
export function normaliseLicences(list: unknown): Json[] {
  if (!Array.isArray(list)) return [];
  return sortedByJson(
    list.map((l: { skuId?: unknown; disabledPlans?: unknown }) => {
      const plans = Array.isArray(l.disabledPlans) ? l.disabledPlans : [];
      // An unresolved placeholder stays as it is (the diff shows it as known after apply).
      const disabled = plans.every((p) => typeof p === "string") ? (plans as string[]).map((p) => String(normaliseGuid(p))).sort() : (plans as Json[]);
      return { skuId: normaliseGuid(l.skuId) as Json, disabledPlans: disabled } as Json;
    }),
  );
}

export const groupLicenseKind: ResourceKindDefinition = {
  kind: "groupLicense",
  title: "group licences",
  desiredAttributes: (body) => ({ licences: normaliseLicences(body.addLicenses) }),
  remoteAttributes: (remote) => ({ licences: normaliseLicences(remote.data.assignedLicenses) }),
  immutable: [],
  writeOnly: [],
  lifecycle: { create: true, update: true, delete: true },
  ownershipRule: "the licences of a group holofleet owns are holofleet's, all of them",
  readStage: 1,
  blueprintPath: () => ["licensing"],
};
