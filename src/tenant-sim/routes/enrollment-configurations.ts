/**
 * `/deviceManagement/deviceEnrollmentConfigurations` (v1.0 and beta): enrollment restrictions, Windows
 * Hello for Business and the Enrollment Status Page — list (filter, page, `$expand=assignments`),
 * create with `@odata.type`, read, update, delete, `assign` (a full replace, 204), `assignments`,
 * `setPriority`. The tenant's defaults (`<tenantId>_Default…`, priority 0) apply to everyone: they
 * can be read and updated but not assigned, re-prioritised or deleted. Intune's enrollment service
 * answers these (throttled as such, graph-facts §9.5).
 */
import { randomUUID } from "node:crypto";
import { GraphHttpError, type GraphVersion, type HttpMethod, type RouteContext, type RouteDef, type SimResult } from "../framework.ts";
import { bareODataType, parseAssignmentTarget, renderTarget, unresolvedTypeError, type StoredTarget } from "../intune/assignment-target.ts";
import {
  createEnrollmentConfiguration,
  patchEnrollmentConfiguration,
  renderEnrollmentConfiguration,
  servedOn,
  typeDef,
  type EnrollmentConfigurationDoc,
} from "../intune/enrollment-configuration.ts";
import { ENROLLMENT_CONFIGURATIONS_KIND } from "../intune/enrollment-configuration-seed.ts";
import { unknownPropertyError } from "../intune/intune-error.ts";
import { createdEntity, intuneList, intuneRoute as anyIntuneRoute, loadOr404, notFoundAt, type IntuneRouteOptions } from "../intune/intune-route.ts";
import { stripInternal } from "../odata/collection.ts";

const KIND = ENROLLMENT_CONFIGURATIONS_KIND;
export const ENROLLMENT_ASSIGNMENTS_KIND = "enrollmentConfigurationAssignments";
const BASE = "/deviceManagement/deviceEnrollmentConfigurations";
const CONTEXT = "deviceManagement/deviceEnrollmentConfigurations";
const CONFIGURATION_TYPE = "microsoft.graph.deviceEnrollmentConfiguration";
const ASSIGNMENT_TYPE = "microsoft.graph.enrollmentConfigurationAssignment";

export interface EnrollmentAssignmentDoc {
  id: string;
  target: StoredTarget;
  _configurationId: string;
}

/** Enrollment configurations are served by Intune's enrollment front-end (graph-facts §9.5). */
function intuneRoute(method: HttpMethod, path: string, handler: (ctx: RouteContext) => SimResult, options: IntuneRouteOptions = {}): RouteDef {
  return anyIntuneRoute(method, path, handler, { ...options, throttle: "intune-enrollment" });
}

/** The configuration, or Intune's 404; a beta-only type is as missing on v1.0 as an unknown id. */
function load(ctx: RouteContext): EnrollmentConfigurationDoc {
  const id = ctx.params.id ?? "";
  const doc = loadOr404<EnrollmentConfigurationDoc>(ctx, KIND, id, "DeviceEnrollmentConfiguration", `${BASE}/${id}`);
  if (!servedOn(doc, ctx.version)) throw notFoundAt(ctx, "DeviceEnrollmentConfiguration", id, `${BASE}/${id}`);
  return doc;
}

function loadAssignment(ctx: RouteContext, configurationId: string): EnrollmentAssignmentDoc {
  const id = ctx.params.assignmentId ?? "";
  return loadOr404<EnrollmentAssignmentDoc>(ctx, ENROLLMENT_ASSIGNMENTS_KIND, id, "EnrollmentConfigurationAssignment", `${BASE}/${configurationId}/assignments`, (a) => a._configurationId === configurationId);
}

function assignmentsOf(ctx: RouteContext, configurationId: string): EnrollmentAssignmentDoc[] {
  return ctx.store.list<EnrollmentAssignmentDoc>(ENROLLMENT_ASSIGNMENTS_KIND).filter((a) => a._configurationId === configurationId);
}

function renderAssignment(a: EnrollmentAssignmentDoc, version: GraphVersion): Record<string, unknown> {
  const out: Record<string, unknown> = { "@odata.type": `#${ASSIGNMENT_TYPE}`, id: a.id, target: renderTarget(a.target, version) };
  // Beta adds where an assignment came from (BETA-MAP `enrollmentConfigurationAssignment`); holofleet's are direct.
  if (version === "beta") Object.assign(out, { source: "direct", sourceId: a._configurationId });
  return out;
}

const ASSIGNMENT_PROPERTIES: Record<GraphVersion, readonly string[]> = { "v1.0": ["id", "target"], beta: ["id", "target", "source", "sourceId"] };

function parseAssignment(raw: unknown, configurationId: string, version: GraphVersion): EnrollmentAssignmentDoc {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new GraphHttpError(400, "BadRequest", "Each assignment must be an object.");
  const body = raw as Record<string, unknown>;
  for (const key of Object.keys(body)) if (key !== "@odata.type" && !ASSIGNMENT_PROPERTIES[version].includes(key)) throw unknownPropertyError(key, ASSIGNMENT_TYPE);
  const odataType = bareODataType(body["@odata.type"]);
  if (odataType && odataType !== ASSIGNMENT_TYPE) throw unresolvedTypeError(odataType);
  const parsed = parseAssignmentTarget(body.target, ["group", "exclusionGroup", "allDevices", "allLicensedUsers"], "The target type is not supported for enrollment configurations.", version);
  return { id: `${configurationId}_${parsed.idSuffix}`, target: parsed.target, _configurationId: configurationId };
}

/** A default applies to everyone by definition; Intune offers no assignment or priority for it. */
function refuseForDefault(doc: EnrollmentConfigurationDoc, what: string): void {
  if (doc._default) throw new GraphHttpError(400, "BadRequest", `The default enrollment configuration '${doc.id}' applies to all users and all devices; it cannot be ${what}.`);
}

/** The non-default configurations that share `doc`'s priority order (those of its kind), by priority. */
function priorityPeers(ctx: RouteContext, enrollmentType: string): EnrollmentConfigurationDoc[] {
  return ctx.store
    .list<EnrollmentConfigurationDoc>(KIND)
    .filter((d) => !d._default && typeDef(d["@odata.type"].slice(1))?.enrollmentType === enrollmentType)
    .sort((a, b) => a.priority - b.priority);
}

const EXPANDABLE = ["assignments"];

/** `$expand=assignments` (admin tools read configurations and their assignments in one call). */
function expansions(ctx: RouteContext): boolean {
  const raw = ctx.query.get("$expand");
  if (raw === null) return false;
  for (const name of raw.split(",").map((p) => p.trim()).filter(Boolean)) {
    if (!EXPANDABLE.includes(name)) throw new GraphHttpError(400, "BadRequest", `Could not find a property named '${name}' on type '${CONFIGURATION_TYPE}'.`);
  }
  return true;
}

function renderWith(ctx: RouteContext, doc: EnrollmentConfigurationDoc, expand: boolean): Record<string, unknown> {
  const out = renderEnrollmentConfiguration(doc, ctx.version);
  if (expand) out.assignments = assignmentsOf(ctx, doc.id).map((a) => stripInternal(renderAssignment(a, ctx.version)));
  return out;
}

function clearAssignments(ctx: RouteContext, configurationId: string): void {
  for (const a of assignmentsOf(ctx, configurationId)) ctx.store.delete(ENROLLMENT_ASSIGNMENTS_KIND, a.id);
}

export const enrollmentConfigurationRoutes: RouteDef[] = [
  intuneRoute("GET", BASE, (ctx) => {
    const expand = expansions(ctx);
    const items = ctx.store
      .list<EnrollmentConfigurationDoc>(KIND)
      .filter((d) => servedOn(d, ctx.version))
      .map((d) => renderWith(ctx, d, expand));
    return intuneList(ctx, items, CONTEXT, CONFIGURATION_TYPE);
  }),
  intuneRoute("POST", BASE, (ctx) => {
    const probe = ctx.body && typeof ctx.body === "object" ? typeDef(bareODataType((ctx.body as Record<string, unknown>)["@odata.type"])) : undefined;
    const peers = probe ? priorityPeers(ctx, probe.enrollmentType) : [];
    const priority = peers.reduce((max, d) => Math.max(max, d.priority), 0) + 1;
    const doc = createEnrollmentConfiguration(ctx.body, { version: ctx.version, id: randomUUID(), now: ctx.now(), priority });
    ctx.store.put(KIND, doc);
    return createdEntity(ctx, renderEnrollmentConfiguration(doc, ctx.version), `${CONTEXT}/$entity`, CONFIGURATION_TYPE);
  }),
  intuneRoute("GET", `${BASE}/{id}`, (ctx) => {
    const expand = expansions(ctx);
    const doc = load(ctx);
    const answer = ctx.entity(renderEnrollmentConfiguration(doc, ctx.version), `${CONTEXT}/$entity`, null, CONFIGURATION_TYPE);
    // An expanded navigation is part of the answer whatever $select says (OData $expand).
    if (!expand) return answer;
    return { ...answer, body: { ...(answer.body as Record<string, unknown>), assignments: renderWith(ctx, doc, true).assignments } };
  }),
  intuneRoute("PATCH", `${BASE}/{id}`, (ctx) => {
    const doc = patchEnrollmentConfiguration(load(ctx), ctx.body, { version: ctx.version, now: ctx.now() });
    ctx.store.put(KIND, doc);
    // Intune answers an update of an enrollment configuration with the updated object (intune-onboarding-*-update.md).
    return ctx.entity(renderEnrollmentConfiguration(doc, ctx.version), `${CONTEXT}/$entity`, null, CONFIGURATION_TYPE);
  }),
  intuneRoute("DELETE", `${BASE}/{id}`, (ctx) => {
    const doc = load(ctx);
    refuseForDefault(doc, "deleted");
    clearAssignments(ctx, doc.id);
    ctx.store.delete(KIND, doc.id);
    return { status: 204 };
  }),
  intuneRoute("POST", `${BASE}/{id}/assign`, (ctx) => {
    const doc = load(ctx);
    refuseForDefault(doc, "assigned");
    const body = ctx.body as { enrollmentConfigurationAssignments?: unknown } | undefined;
    if (!body || typeof body !== "object" || Array.isArray(body)) throw new GraphHttpError(400, "BadRequest", "The request body must be a JSON object.");
    for (const key of Object.keys(body)) if (key !== "enrollmentConfigurationAssignments") throw new GraphHttpError(400, "BadRequest", `The parameter '${key}' is not in scope.`);
    if (!Array.isArray(body.enrollmentConfigurationAssignments))
      throw new GraphHttpError(400, "BadRequest", "The parameter 'enrollmentConfigurationAssignments' is required and must be a collection.");
    const next = body.enrollmentConfigurationAssignments.map((a) => parseAssignment(a, doc.id, ctx.version));
    if (new Set(next.map((a) => a.id)).size !== next.length) throw new GraphHttpError(400, "BadRequest", "The same target is assigned twice.");
    // `assign` replaces the whole set and answers 204 (intune-onboarding-deviceenrollmentconfiguration-assign.md).
    clearAssignments(ctx, doc.id);
    for (const a of next) ctx.store.put(ENROLLMENT_ASSIGNMENTS_KIND, a);
    return { status: 204 };
  }),
  intuneRoute("GET", `${BASE}/{id}/assignments`, (ctx) => {
    const doc = load(ctx);
    return intuneList(ctx, assignmentsOf(ctx, doc.id).map((a) => renderAssignment(a, ctx.version)), `${CONTEXT}('${doc.id}')/assignments`, ASSIGNMENT_TYPE);
  }),
  intuneRoute("POST", `${BASE}/{id}/assignments`, (ctx) => {
    const doc = load(ctx);
    refuseForDefault(doc, "assigned");
    const assignment = parseAssignment(ctx.body, doc.id, ctx.version);
    if (ctx.store.get(ENROLLMENT_ASSIGNMENTS_KIND, assignment.id)) throw new GraphHttpError(409, "Conflict", `An assignment for this target already exists (${assignment.id}).`);
    ctx.store.put(ENROLLMENT_ASSIGNMENTS_KIND, assignment);
    return createdEntity(ctx, renderAssignment(assignment, ctx.version), `${CONTEXT}('${doc.id}')/assignments/$entity`, ASSIGNMENT_TYPE);
  }),
  intuneRoute("GET", `${BASE}/{id}/assignments/{assignmentId}`, (ctx) => {
    const doc = load(ctx);
    return ctx.entity(renderAssignment(loadAssignment(ctx, doc.id), ctx.version), `${CONTEXT}('${doc.id}')/assignments/$entity`, null, ASSIGNMENT_TYPE);
  }),
  intuneRoute("DELETE", `${BASE}/{id}/assignments/{assignmentId}`, (ctx) => {
    ctx.store.delete(ENROLLMENT_ASSIGNMENTS_KIND, loadAssignment(ctx, load(ctx).id).id);
    return { status: 204 };
  }),
  intuneRoute("POST", `${BASE}/{id}/setPriority`, (ctx) => {
    const doc = load(ctx);
    refuseForDefault(doc, "re-prioritised");
    const body = ctx.body as { priority?: unknown } | undefined;
    const wanted = body?.priority;
    for (const key of Object.keys(body ?? {})) if (key !== "priority") throw new GraphHttpError(400, "BadRequest", `The parameter '${key}' is not in scope.`);
    // Priority 0 belongs to the default; the order of the others is 1, 2, … (CSDL action setPriority, Edm.Int32 not null).
    if (typeof wanted !== "number" || !Number.isInteger(wanted) || wanted < 1) throw new GraphHttpError(400, "BadRequest", "The parameter 'priority' must be an Edm.Int32 of at least 1.");
    const def = typeDef(doc["@odata.type"].slice(1))!;
    const order = priorityPeers(ctx, def.enrollmentType).filter((d) => d.id !== doc.id);
    order.splice(Math.min(wanted, order.length + 1) - 1, 0, doc);
    order.forEach((d, i) => {
      if (d.priority !== i + 1) ctx.store.put(KIND, { ...d, priority: i + 1 });
    });
    return { status: 204 };
  }),
];
