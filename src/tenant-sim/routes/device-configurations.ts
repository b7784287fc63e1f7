/**
 * `/deviceManagement/deviceConfigurations` (v1.0 and beta): custom OMA-URI profiles and update
 * rings — CRUD with `@odata.type`, `version` counting writes, masked string OMA values with
 * `getOmaSettingPlainTextValue`, `assign` (a full replace), `assignments`, and what devices report
 * (`deviceStatuses`, `deviceStatusOverview`). graph-facts §4; Intune paths are case-sensitive.
 */
import { randomUUID } from "node:crypto";
import { GraphHttpError, type GraphVersion, type RouteContext, type RouteDef } from "../framework.ts";
import { bareODataType, parseAssignmentTarget, renderTarget, unresolvedTypeError, type StoredTarget } from "../intune/assignment-target.ts";
import { BETA_APPLICABILITY_RULES, createConfigurationDoc, patchConfigurationDoc, type DeviceConfigurationDoc } from "../intune/device-configuration-body.ts";
import { unknownPropertyError } from "../intune/intune-error.ts";
import { actionCollection, createdEntity, intuneList, intuneRoute, loadOr404, notFoundAt } from "../intune/intune-route.ts";
import { plainTextValue, renderOmaSettings } from "../intune/oma-settings.ts";
import { CONFIGURATION_ASSIGNMENTS_KIND } from "../intune/simulated-device.ts";

const KIND = "deviceConfigurations";
const BASE = "/deviceManagement/deviceConfigurations";
const CONTEXT = "deviceManagement/deviceConfigurations";
const ASSIGNMENT_TYPE = "microsoft.graph.deviceConfigurationAssignment";
const CONFIGURATION_TYPE = "microsoft.graph.deviceConfiguration";

interface AssignmentDoc {
  id: string;
  target: StoredTarget;
  _configurationId: string;
  /** Beta `intent` (`deviceConfigAssignmentIntent`). */
  _intent?: string;
}

/** Beta `deviceConfigAssignmentIntent` members (BETA-MAP). */
const INTENTS = ["apply", "remove"];

function load(ctx: RouteContext): DeviceConfigurationDoc {
  const id = ctx.params.id ?? "";
  return loadOr404<DeviceConfigurationDoc>(ctx, KIND, id, "DeviceConfiguration", `${BASE}/${id}`);
}

function loadAssignment(ctx: RouteContext, configurationId: string): AssignmentDoc {
  const id = ctx.params.assignmentId ?? "";
  return loadOr404<AssignmentDoc>(ctx, CONFIGURATION_ASSIGNMENTS_KIND, id, "DeviceConfigurationAssignment", `${BASE}/${configurationId}/assignments`, (a) => a._configurationId === configurationId);
}

/** The configuration as Graph answers it on `version` (masked strings, beta-only fields on beta). */
export function renderConfiguration(doc: DeviceConfigurationDoc, version: GraphVersion): Record<string, unknown> {
  const out: Record<string, unknown> = { ...doc };
  if (doc.omaSettings) out.omaSettings = renderOmaSettings(doc.omaSettings, version);
  if (version === "beta") {
    out.roleScopeTagIds = doc._beta?.roleScopeTagIds ?? ["0"];
    out.supportsScopeTags = true;
    for (const rule of Object.keys(BETA_APPLICABILITY_RULES)) out[rule] = doc._beta?.applicabilityRules?.[rule] ?? null;
  }
  return out;
}

function renderAssignment(a: AssignmentDoc, version: GraphVersion): Record<string, unknown> {
  const out: Record<string, unknown> = { "@odata.type": `#${ASSIGNMENT_TYPE}`, id: a.id, target: renderTarget(a.target, version), _configurationId: a._configurationId };
  if (version === "beta") Object.assign(out, { intent: a._intent ?? "apply", source: "direct", sourceId: a._configurationId });
  return out;
}

function assignmentsOf(ctx: RouteContext, configurationId: string): AssignmentDoc[] {
  return ctx.store.list<AssignmentDoc>(CONFIGURATION_ASSIGNMENTS_KIND).filter((a) => a._configurationId === configurationId);
}

/** `deviceConfigurationAssignment` properties per version (v1.0 CSDL; beta adds `intent`, `source`, `sourceId`). */
const ASSIGNMENT_PROPERTIES: Record<GraphVersion, readonly string[]> = {
  "v1.0": ["id", "target"],
  beta: ["id", "target", "intent", "source", "sourceId"],
};

/** Validates one `deviceConfigurationAssignment` body and gives it Intune's id. */
function parseAssignment(raw: unknown, configurationId: string, version: GraphVersion): AssignmentDoc {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new GraphHttpError(400, "BadRequest", "Each assignment must be an object.");
  const body = raw as Record<string, unknown>;
  for (const key of Object.keys(body)) {
    if (key !== "@odata.type" && !ASSIGNMENT_PROPERTIES[version].includes(key)) throw unknownPropertyError(key, ASSIGNMENT_TYPE);
  }
  const odataType = bareODataType(body["@odata.type"]);
  if (odataType && odataType !== ASSIGNMENT_TYPE) throw unresolvedTypeError(odataType);
  if (body.intent !== undefined && !INTENTS.includes(String(body.intent))) throw new GraphHttpError(400, "BadRequest", `'intent' must be one of ${INTENTS.join(", ")}.`);
  const parsed = parseAssignmentTarget(
    body.target,
    ["group", "exclusionGroup", "allDevices", "allLicensedUsers", "configurationManagerCollection"],
    "The target type is not supported for device configurations.",
    version,
  );
  // source and sourceId are the service's own (direct assignments name the policy); a sent value is not kept.
  return { id: `${configurationId}_${parsed.idSuffix}`, target: parsed.target, _configurationId: configurationId, ...(body.intent ? { _intent: String(body.intent) } : {}) };
}

function statusesOf(doc: DeviceConfigurationDoc): Record<string, unknown>[] {
  return Object.values((doc._deviceStatuses as Record<string, Record<string, unknown>> | undefined) ?? {}).map((s) => ({
    "@odata.type": "#microsoft.graph.deviceConfigurationDeviceStatus",
    ...s,
  }));
}

/** Removes every assignment of a configuration (before a replace or a delete). */
function clearAssignments(ctx: RouteContext, configurationId: string): void {
  for (const a of assignmentsOf(ctx, configurationId)) ctx.store.delete(CONFIGURATION_ASSIGNMENTS_KIND, a.id);
}

export const deviceConfigurationRoutes: RouteDef[] = [
  intuneRoute("GET", BASE, (ctx) => intuneList(ctx, ctx.store.list<DeviceConfigurationDoc>(KIND).map((d) => renderConfiguration(d, ctx.version)), CONTEXT, CONFIGURATION_TYPE)),
  intuneRoute("POST", BASE, (ctx) => {
    const doc = createConfigurationDoc(ctx.body, { version: ctx.version, id: randomUUID(), now: ctx.now() });
    ctx.store.put(KIND, doc);
    return createdEntity(ctx, renderConfiguration(doc, ctx.version), `${CONTEXT}/$entity`, CONFIGURATION_TYPE);
  }),
  intuneRoute("GET", `${BASE}/{id}`, (ctx) => ctx.entity(renderConfiguration(load(ctx), ctx.version), `${CONTEXT}/$entity`, null, CONFIGURATION_TYPE)),
  intuneRoute("PATCH", `${BASE}/{id}`, (ctx) => {
    const doc = patchConfigurationDoc(load(ctx), ctx.body, { version: ctx.version, id: ctx.params.id ?? "", now: ctx.now() });
    ctx.store.put(KIND, doc);
    // Intune answers an update with the updated object (docs: intune-deviceconfig-*-update.md).
    return ctx.entity(renderConfiguration(doc, ctx.version), `${CONTEXT}/$entity`, null, CONFIGURATION_TYPE);
  }),
  intuneRoute("DELETE", `${BASE}/{id}`, (ctx) => {
    const doc = load(ctx);
    clearAssignments(ctx, doc.id);
    ctx.store.delete(KIND, doc.id);
    return { status: 204 };
  }),
  intuneRoute(
    "GET",
    `${BASE}/{id}/getOmaSettingPlainTextValue(secretReferenceValueId='{secretReferenceValueId}')`,
    (ctx) => {
      const doc = load(ctx);
      // The router has unescaped the string literal's doubled quotes.
      const reference = ctx.params.secretReferenceValueId ?? "";
      const value = plainTextValue(doc.omaSettings ?? [], reference);
      if (value === undefined) throw notFoundAt(ctx, "SecretReferenceValue", reference, `${BASE}/${doc.id}/getOmaSettingPlainTextValue`);
      return { status: 200, body: { "@odata.context": `${ctx.baseUrl}/${ctx.version}/$metadata#Edm.String`, value } };
    },
    { permissionPath: `${BASE}/{id}/getOmaSettingPlainTextValue` },
  ),
  intuneRoute("POST", `${BASE}/{id}/assign`, (ctx) => {
    const doc = load(ctx);
    const body = ctx.body as { assignments?: unknown } | undefined;
    if (!body || !Array.isArray(body.assignments)) throw new GraphHttpError(400, "BadRequest", "The parameter 'assignments' is required and must be a collection.");
    const next = body.assignments.map((a) => parseAssignment(a, doc.id, ctx.version));
    if (new Set(next.map((a) => a.id)).size !== next.length) throw new GraphHttpError(400, "BadRequest", "The same target is assigned twice.");
    // `assign` replaces the whole set (graph-facts §4.2).
    clearAssignments(ctx, doc.id);
    for (const a of next) ctx.store.put(CONFIGURATION_ASSIGNMENTS_KIND, a);
    return actionCollection(ctx, ASSIGNMENT_TYPE, next.map((a) => renderAssignment(a, ctx.version)));
  }),
  intuneRoute("GET", `${BASE}/{id}/assignments`, (ctx) => {
    const doc = load(ctx);
    return intuneList(ctx, assignmentsOf(ctx, doc.id).map((a) => renderAssignment(a, ctx.version)), `${CONTEXT}('${doc.id}')/assignments`, ASSIGNMENT_TYPE);
  }),
  intuneRoute("POST", `${BASE}/{id}/assignments`, (ctx) => {
    const doc = load(ctx);
    const assignment = parseAssignment(ctx.body, doc.id, ctx.version);
    if (ctx.store.get(CONFIGURATION_ASSIGNMENTS_KIND, assignment.id)) throw new GraphHttpError(409, "Conflict", `An assignment for this target already exists (${assignment.id}).`);
    ctx.store.put(CONFIGURATION_ASSIGNMENTS_KIND, assignment);
    return createdEntity(ctx, renderAssignment(assignment, ctx.version), `${CONTEXT}('${doc.id}')/assignments/$entity`, ASSIGNMENT_TYPE);
  }),
  intuneRoute("GET", `${BASE}/{id}/assignments/{assignmentId}`, (ctx) => {
    const doc = load(ctx);
    return ctx.entity(renderAssignment(loadAssignment(ctx, doc.id), ctx.version), `${CONTEXT}('${doc.id}')/assignments/$entity`, null, ASSIGNMENT_TYPE);
  }),
  intuneRoute("DELETE", `${BASE}/{id}/assignments/{assignmentId}`, (ctx) => {
    ctx.store.delete(CONFIGURATION_ASSIGNMENTS_KIND, loadAssignment(ctx, load(ctx).id).id);
    return { status: 204 };
  }),
  intuneRoute("GET", `${BASE}/{id}/deviceStatuses`, (ctx) => {
    const doc = load(ctx);
    return intuneList(ctx, statusesOf(doc), `${CONTEXT}('${doc.id}')/deviceStatuses`, "microsoft.graph.deviceConfigurationDeviceStatus");
  }),
  intuneRoute("GET", `${BASE}/{id}/deviceStatusOverview`, (ctx) => {
    const doc = load(ctx);
    const statuses = statusesOf(doc).map((s) => s.status);
    const count = (...states: string[]) => statuses.filter((s) => states.includes(String(s))).length;
    const beta = ctx.version === "beta";
    const overview = {
      "@odata.type": "#microsoft.graph.deviceConfigurationDeviceOverview",
      id: `${doc.id}_overview`,
      configurationVersion: doc.version,
      pendingCount: count("unknown"),
      notApplicableCount: count("notApplicable"),
      successCount: count("compliant", "remediated"),
      // v1.0 has no conflict counter, so a conflict counts as an error there; beta counts it apart.
      errorCount: beta ? count("error") : count("error", "conflict"),
      failedCount: count("nonCompliant"),
      lastUpdateDateTime: ctx.now().toISOString(),
      // Beta-only counters (BETA-MAP); every simulated device is a HoloLens, so none is the wrong platform.
      ...(beta ? { conflictCount: count("conflict"), notApplicablePlatformCount: 0 } : {}),
    };
    return ctx.entity(overview, `${CONTEXT}('${doc.id}')/deviceStatusOverview/$entity`, null, "microsoft.graph.deviceConfigurationDeviceOverview");
  }),
];
