/**
 * `configurationAssignment` (pure): the groups a profile is assigned to (graph-facts §4.2, §5.1).
 * Owned with its profile, in full: an assignment added by hand to a profile holofleet owns is drift,
 * and one deleted by hand comes back. Two wire shapes, one meaning: `…/assign` replaces the whole set
 * (device configurations, enrollment configurations); Autopilot profiles take one assignment per
 * `POST …/assignments`. Compared as a set of targets (`@odata.type` and group id); the filter fields
 * beta adds to targets are not holofleet's.
 */
import type { DesiredResource } from "../../compile/types.ts";
import { odataType } from "../intune-profile.ts";
import { normaliseGuid, sortedByJson, toJson } from "../normalise.ts";
import type { Json, ResourceKindDefinition } from "../types.ts";

/** Whether the resource is written as a whole set (`…/assign`) rather than one per POST. */
export function replacesWholeSet(r: Pick<DesiredResource, "collection">): boolean {
  return r.collection.endsWith("/assign");
}

/** The body property that carries the set (`assignments`, `enrollmentConfigurationAssignments`, …). */
export function setProperty(body: Record<string, unknown>): string {
  const key = Object.keys(body).find((k) => Array.isArray(body[k]));
  if (!key) throw new Error("an /assign body has no array of assignments");
  return key;
}

export function normaliseTarget(target: unknown): Json {
  const t = (target ?? {}) as Record<string, unknown>;
  const out: Record<string, Json> = { "@odata.type": odataType(t["@odata.type"]) };
  if (t.groupId !== undefined) out.groupId = toJson(normaliseGuid(t.groupId));
  if (t.collectionId !== undefined) out.collectionId = toJson(t.collectionId);
  return out;
}

export function targetsOf(assignments: unknown): Json[] {
  return sortedByJson((Array.isArray(assignments) ? assignments : []).map((a: { target?: unknown }) => normaliseTarget(a.target)));
}

/** The targets a desired body names, whichever shape it has. */
export function desiredTargets(r: Pick<DesiredResource, "collection">, body: Record<string, unknown>): Json[] {
  return replacesWholeSet(r) ? targetsOf(body[setProperty(body)]) : [normaliseTarget(body.target)];
}

export const configurationAssignmentKind: ResourceKindDefinition = {
  kind: "configurationAssignment",
  title: "profile assignment",
  // The shape does not matter for the comparison: a set of targets either way.
  desiredAttributes: (body) => ({ targets: body.target === undefined ? targetsOf(body[setProperty(body)]) : [normaliseTarget(body.target)] }),
  remoteAttributes: (remote) => ({ targets: targetsOf(remote.data.assignments) }),
  immutable: [],
  writeOnly: [],
  lifecycle: { create: true, update: true, delete: true },
  ownershipRule: "the assignments of a profile holofleet owns are holofleet's, all of them",
  readStage: 1,
  blueprintPath: () => ["devices"],
};
