/**
 * Parsing the `target` of an Intune assignment (configuration profiles and Autopilot profiles): the
 * abstract `deviceAndAppManagementAssignmentTarget` needs its `@odata.type` (with or without `#`,
 * graph-facts §9.10, §13.11), each subtype has its own properties (graph-facts §4.2), and Intune
 * builds the assignment id from the policy id and the target (`<policyId>_<groupId>`).
 */
import { GraphHttpError, type GraphVersion } from "../framework.ts";
import { targetKind, type TargetKind } from "./assignment-resolution.ts";
import { unknownPropertyError } from "./intune-error.ts";

/**
 * Intune's ids for the virtual "All devices" / "All users" groups, which it puts in assignment ids
 * (`<policyId>_<groupId>`) as seen in exported assignments.
 */
export const ALL_DEVICES_GROUP = "adadadad-808e-44e2-905a-0b7873a8a531";
export const ALL_USERS_GROUP = "acacacac-9df4-4c7d-9d50-4ef0226f57a9";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Beta's assignment filter on every target (BETA-MAP `deviceAndAppManagementAssignmentTarget`);
 * v1.0 targets have none (graph-facts §4.2). Filter types: beta enum
 * `deviceAndAppManagementAssignmentFilterType`.
 */
export const BETA_FILTER_ID = "deviceAndAppManagementAssignmentFilterId";
export const BETA_FILTER_TYPE = "deviceAndAppManagementAssignmentFilterType";
export const FILTER_TYPES = ["none", "include", "exclude"] as const;

export interface StoredTarget {
  "@odata.type": string;
  groupId?: string;
  collectionId?: string;
  deviceAndAppManagementAssignmentFilterId?: string | null;
  deviceAndAppManagementAssignmentFilterType?: string;
}

export interface ParsedTarget {
  kind: TargetKind;
  /** The target as stored (`@odata.type` with `#`; the beta filter always filled). */
  target: StoredTarget;
  /** What follows `<policyId>_` in the assignment id. */
  idSuffix: string;
}

/** `@odata.type` text without the `#`, or "" when absent. */
export function bareODataType(value: unknown): string {
  return typeof value === "string" ? value.replace(/^#/, "") : "";
}

/** The 400 Graph gives for an `@odata.type` its model does not know. */
export function unresolvedTypeError(typeName: string): GraphHttpError {
  return new GraphHttpError(400, "BadRequest", `A type named '${typeName}' could not be resolved by the model. When a model is available, each type name must resolve to a valid type.`);
}

/**
 * Validates one assignment target. `allowed` lists the target kinds the policy type takes; any other
 * known kind answers `notAllowedMessage`.
 */
export function parseAssignmentTarget(raw: unknown, allowed: readonly TargetKind[], notAllowedMessage: string, version: GraphVersion = "v1.0"): ParsedTarget {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new GraphHttpError(400, "BadRequest", "The assignment needs a 'target'.");
  const target = raw as Record<string, unknown>;
  const type = bareODataType(target["@odata.type"]);
  const kind = targetKind(type);
  // deviceAndAppManagementAssignmentTarget is abstract (graph-facts §4.2).
  if (!kind) throw unresolvedTypeError(type || "microsoft.graph.deviceAndAppManagementAssignmentTarget");
  if (!allowed.includes(kind)) throw new GraphHttpError(400, "BadRequest", notAllowedMessage);
  const odataType = `#${type}`;
  let parsed: ParsedTarget;
  if (kind === "group" || kind === "exclusionGroup") {
    const groupId = target.groupId;
    if (typeof groupId !== "string" || !GUID.test(groupId)) throw new GraphHttpError(400, "BadRequest", "The target needs a 'groupId' (a GUID).");
    parsed = { kind, target: { "@odata.type": odataType, groupId }, idSuffix: groupId };
  } else if (kind === "configurationManagerCollection") {
    if (typeof target.collectionId !== "string") throw new GraphHttpError(400, "BadRequest", "The target needs a 'collectionId'.");
    parsed = { kind, target: { "@odata.type": odataType, collectionId: target.collectionId }, idSuffix: target.collectionId };
  } else {
    parsed = { kind, target: { "@odata.type": odataType }, idSuffix: kind === "allDevices" ? ALL_DEVICES_GROUP : ALL_USERS_GROUP };
  }
  for (const key of Object.keys(target)) {
    if (key in parsed.target) continue;
    if (version === "beta" && (key === BETA_FILTER_ID || key === BETA_FILTER_TYPE)) continue;
    throw unknownPropertyError(key, type);
  }
  const filterId = target[BETA_FILTER_ID] ?? null;
  const filterType = target[BETA_FILTER_TYPE] ?? "none";
  if (filterId !== null && (typeof filterId !== "string" || !GUID.test(filterId))) throw new GraphHttpError(400, "BadRequest", `'${BETA_FILTER_ID}' must be a GUID.`);
  if (typeof filterType !== "string" || !(FILTER_TYPES as readonly string[]).includes(filterType)) throw new GraphHttpError(400, "BadRequest", `'${BETA_FILTER_TYPE}' must be one of ${FILTER_TYPES.join(", ")}.`);
  parsed.target = { ...parsed.target, [BETA_FILTER_ID]: filterId, [BETA_FILTER_TYPE]: filterType };
  return parsed;
}

/** A stored target as `version` answers it: beta shows the assignment filter, v1.0 has no such properties. */
export function renderTarget(target: StoredTarget, version: GraphVersion): Record<string, unknown> {
  const { [BETA_FILTER_ID]: filterId, [BETA_FILTER_TYPE]: filterType, ...v1 } = target;
  return version === "beta" ? { ...v1, [BETA_FILTER_ID]: filterId ?? null, [BETA_FILTER_TYPE]: filterType ?? "none" } : v1;
}
