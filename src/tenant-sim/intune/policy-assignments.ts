/**
 * Assignments of an Intune object (compliance policy, settings catalog policy, app) as one family of
 * routes: `POST …/{id}/assign` (a full replace, graph-facts §4.2), `GET|POST …/{id}/assignments`,
 * `GET|DELETE …/{id}/assignments/{assignmentId}`, and what an object's `$expand=assignments` shows.
 * A family says what differs: its store kind, entity type, the targets it takes, its extra
 * properties (an app assignment's `intent` and `settings`) and how `assign` answers.
 */
import { GraphHttpError, type GraphVersion, type RouteContext, type RouteDef, type SimResult, type SimStore } from "../framework.ts";
import type { TargetKind } from "./assignment-resolution.ts";
import { bareODataType, parseAssignmentTarget, renderTarget, unresolvedTypeError, type StoredTarget } from "./assignment-target.ts";
import { unknownPropertyError } from "./intune-error.ts";
import { actionCollection, createdEntity, intuneList, intuneRoute, loadOr404, type IntuneRouteOptions } from "./intune-route.ts";

export interface PolicyAssignmentDoc {
  id: string;
  target: StoredTarget;
  /** The assigned object's id. */
  _parentId: string;
  /** Family-specific properties (`intent`, `settings`), as stored. */
  _extra?: Record<string, unknown>;
}

export interface AssignmentFamily {
  /** Store kind of the assignments. */
  kind: string;
  /** `microsoft.graph.deviceCompliancePolicyAssignment` and the like. */
  entityType: string;
  /** The assigned object's Intune name in a 404 (`DeviceCompliancePolicyAssignment`). */
  entityName: string;
  targets: readonly TargetKind[];
  /** Properties besides `id` and `target` a body may carry, per version. */
  extraProperties: Record<GraphVersion, readonly string[]>;
  /** Parses the extra properties of a body (throws Graph's 400). */
  parseExtra?(body: Record<string, unknown>, version: GraphVersion): Record<string, unknown>;
  /** Properties every rendered assignment has besides `id` and `target` (from the stored extras). */
  renderExtra?(doc: PolicyAssignmentDoc, version: GraphVersion): Record<string, unknown>;
  /** Beta shows `source: direct` and `sourceId` (the assigned object) on assignments. */
  betaSource: boolean;
  /** The `assign` action's parameter name (`assignments`, or `mobileAppAssignments` for apps). */
  assignParameter: string;
  /** `assign` answers the new set (200 `Collection(...)`) or nothing (204). */
  assignAnswers: "collection" | "noContent";
}

export function assignmentsOf(store: SimStore, family: AssignmentFamily, parentId: string): PolicyAssignmentDoc[] {
  return store.list<PolicyAssignmentDoc>(family.kind).filter((a) => a._parentId === parentId);
}

/** Removes every assignment of an object (before a replace or when the object is deleted). */
export function clearAssignments(store: SimStore, family: AssignmentFamily, parentId: string): void {
  for (const a of assignmentsOf(store, family, parentId)) store.delete(family.kind, a.id);
}

export function renderAssignment(family: AssignmentFamily, doc: PolicyAssignmentDoc, version: GraphVersion): Record<string, unknown> {
  return {
    "@odata.type": `#${family.entityType}`,
    id: doc.id,
    ...(family.renderExtra ? family.renderExtra(doc, version) : {}),
    target: renderTarget(doc.target, version),
    ...(version === "beta" && family.betaSource ? { source: "direct", sourceId: doc._parentId } : {}),
  };
}

/** Validates one assignment body and gives it Intune's id (`<objectId>_<target>`). */
export function parseAssignment(family: AssignmentFamily, raw: unknown, parentId: string, version: GraphVersion): PolicyAssignmentDoc {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new GraphHttpError(400, "BadRequest", "Each assignment must be an object.");
  const body = raw as Record<string, unknown>;
  const allowed = new Set(["id", "target", ...family.extraProperties[version], ...(version === "beta" && family.betaSource ? ["source", "sourceId"] : [])]);
  for (const key of Object.keys(body)) if (!key.includes("@") && !allowed.has(key)) throw unknownPropertyError(key, family.entityType);
  const odataType = bareODataType(body["@odata.type"]);
  if (odataType && odataType !== family.entityType) throw unresolvedTypeError(odataType);
  const parsed = parseAssignmentTarget(body.target, family.targets, "The target type is not supported for this kind of assignment.", version);
  const extra = family.parseExtra ? family.parseExtra(body, version) : undefined;
  // source and sourceId are the service's own (direct assignments name the object); a sent value is not kept.
  return { id: `${parentId}_${parsed.idSuffix}`, target: parsed.target, _parentId: parentId, ...(extra ? { _extra: extra } : {}) };
}

export interface AssignmentRoutesSpec {
  family: AssignmentFamily;
  /** The object collection's route pattern, e.g. `/deviceManagement/deviceCompliancePolicies`. */
  base: string;
  /** `@odata.context` fragment of the object collection, e.g. `deviceManagement/deviceCompliancePolicies`. */
  contextPath: string;
  /** Loads the assigned object or throws Intune's 404. */
  loadParent(ctx: RouteContext): { id: string };
  /** Called after the set changed (an app's `isAssigned`, a policy's `lastModifiedDateTime`). */
  onChange?(ctx: RouteContext, parentId: string): void;
  options?: IntuneRouteOptions;
}

/** The `assign` action and the `assignments` navigation of one kind of object. */
export function assignmentRoutes(spec: AssignmentRoutesSpec): RouteDef[] {
  const { family, base, contextPath } = spec;
  const assignmentsContext = (parentId: string) => `${contextPath}('${parentId}')/assignments`;
  const loadAssignment = (ctx: RouteContext, parentId: string) =>
    loadOr404<PolicyAssignmentDoc>(ctx, family.kind, ctx.params.assignmentId ?? "", family.entityName, `${base}/${parentId}/assignments`, (a) => a._parentId === parentId);
  const render = (ctx: RouteContext, doc: PolicyAssignmentDoc) => renderAssignment(family, doc, ctx.version);
  const changed = (ctx: RouteContext, parentId: string) => spec.onChange?.(ctx, parentId);
  return [
    intuneRoute(
      "POST",
      `${base}/{id}/assign`,
      (ctx): SimResult => {
        const parent = spec.loadParent(ctx);
        const raw = (ctx.body as Record<string, unknown> | undefined)?.[family.assignParameter];
        if (!Array.isArray(raw)) throw new GraphHttpError(400, "BadRequest", `The parameter '${family.assignParameter}' is required and must be a collection.`);
        const next = raw.map((a) => parseAssignment(family, a, parent.id, ctx.version));
        if (new Set(next.map((a) => a.id)).size !== next.length) throw new GraphHttpError(400, "BadRequest", "The same target is assigned twice.");
        clearAssignments(ctx.store, family, parent.id);
        for (const a of next) ctx.store.put(family.kind, a);
        changed(ctx, parent.id);
        return family.assignAnswers === "noContent" ? { status: 204 } : actionCollection(ctx, family.entityType, next.map((a) => render(ctx, a)));
      },
      spec.options,
    ),
    intuneRoute(
      "GET",
      `${base}/{id}/assignments`,
      (ctx) => {
        const parent = spec.loadParent(ctx);
        return intuneList(ctx, assignmentsOf(ctx.store, family, parent.id).map((a) => render(ctx, a)), assignmentsContext(parent.id), family.entityType);
      },
      spec.options,
    ),
    intuneRoute(
      "POST",
      `${base}/{id}/assignments`,
      (ctx) => {
        const parent = spec.loadParent(ctx);
        const assignment = parseAssignment(family, ctx.body, parent.id, ctx.version);
        if (ctx.store.get(family.kind, assignment.id)) throw new GraphHttpError(409, "Conflict", `An assignment for this target already exists (${assignment.id}).`);
        ctx.store.put(family.kind, assignment);
        changed(ctx, parent.id);
        return createdEntity(ctx, render(ctx, assignment), `${assignmentsContext(parent.id)}/$entity`, family.entityType);
      },
      spec.options,
    ),
    intuneRoute(
      "GET",
      `${base}/{id}/assignments/{assignmentId}`,
      (ctx) => {
        const parent = spec.loadParent(ctx);
        return ctx.entity(render(ctx, loadAssignment(ctx, parent.id)), `${assignmentsContext(parent.id)}/$entity`, null, family.entityType);
      },
      spec.options,
    ),
    intuneRoute(
      "DELETE",
      `${base}/{id}/assignments/{assignmentId}`,
      (ctx) => {
        const parent = spec.loadParent(ctx);
        ctx.store.delete(family.kind, loadAssignment(ctx, parent.id).id);
        changed(ctx, parent.id);
        return { status: 204 };
      },
      spec.options,
    ),
  ];
}
