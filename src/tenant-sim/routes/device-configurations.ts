/**
 * `/deviceManagement/deviceConfigurations` (v1.0 and beta): custom OMA-URI profiles and update
 * rings — CRUD with `@odata.type`, `version` counting writes, masked string OMA values with
 * `getOmaSettingPlainTextValue`, `assign` (a full replace), `assignments`, and what devices report
 * (`deviceStatuses`, `deviceStatusOverview`). graph-facts §4; Intune paths are case-sensitive.
 */
import { randomUUID } from "node:crypto";
import { GraphHttpError, type CollectionOptions, type GraphVersion, type RouteContext, type RouteDef, type SimResult } from "../framework.ts";
import { targetKind } from "../intune/assignment-resolution.ts";
import { createConfigurationDoc, patchConfigurationDoc, type DeviceConfigurationDoc } from "../intune/device-configuration-body.ts";
import { intuneNotFound, unknownPropertyError } from "../intune/intune-error.ts";
import { plainTextValue, renderOmaSettings } from "../intune/oma-settings.ts";
import { CONFIGURATION_ASSIGNMENTS_KIND } from "../intune/simulated-device.ts";

const KIND = "deviceConfigurations";
const BASE = "/deviceManagement/deviceConfigurations";
const VERSIONS: GraphVersion[] = ["v1.0", "beta"];
/** Intune lists page at 1,000 items (graph-facts §9.2). */
const INTUNE_LIST: Omit<CollectionOptions, "contextPath"> = { maxTop: 1000, defaultTop: 1000, defaultSelect: null, basicFilterProperties: null, advancedQueryNeedsEventual: false };

/**
 * Intune's ids for the virtual "All devices" / "All users" groups, which it puts in assignment ids
 * (`<policyId>_<groupId>`) as seen in exported assignments.
 */
const ALL_DEVICES_GROUP = "adadadad-808e-44e2-905a-0b7873a8a531";
const ALL_USERS_GROUP = "acacacac-9df4-4c7d-9d50-4ef0226f57a9";

interface AssignmentDoc {
  id: string;
  target: Record<string, unknown>;
  _configurationId: string;
}

function at(ctx: RouteContext, path: string) {
  return { baseUrl: ctx.baseUrl, version: ctx.version, path };
}

function load(ctx: RouteContext): DeviceConfigurationDoc {
  const id = ctx.params.id ?? "";
  const doc = ctx.store.get<DeviceConfigurationDoc>(KIND, id);
  if (!doc) throw intuneNotFound("DeviceConfiguration", id, at(ctx, `${BASE}/${id}`));
  return doc;
}

/** The configuration as Graph answers it on `version` (masked strings, beta-only fields on beta). */
export function renderConfiguration(doc: DeviceConfigurationDoc, version: GraphVersion): Record<string, unknown> {
  const out: Record<string, unknown> = { ...doc };
  if (doc.omaSettings) out.omaSettings = renderOmaSettings(doc.omaSettings, version);
  if (version === "beta") {
    out.roleScopeTagIds = doc._beta?.roleScopeTagIds ?? ["0"];
    out.supportsScopeTags = true;
  }
  return out;
}

function renderAssignment(a: AssignmentDoc, version: GraphVersion): Record<string, unknown> {
  const out: Record<string, unknown> = { "@odata.type": "#microsoft.graph.deviceConfigurationAssignment", id: a.id, target: a.target, _configurationId: a._configurationId };
  if (version === "beta") Object.assign(out, { intent: "apply", source: "direct", sourceId: a._configurationId });
  return out;
}

function assignmentsOf(ctx: RouteContext, configurationId: string): AssignmentDoc[] {
  return ctx.store.list<AssignmentDoc>(CONFIGURATION_ASSIGNMENTS_KIND).filter((a) => a._configurationId === configurationId);
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Validates one `deviceConfigurationAssignment` body and gives it Intune's id. */
function parseAssignment(raw: unknown, configurationId: string): AssignmentDoc {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new GraphHttpError(400, "BadRequest", "Each assignment must be an object.");
  const body = raw as Record<string, unknown>;
  for (const key of Object.keys(body)) {
    if (key !== "target" && key !== "id" && key !== "@odata.type") throw unknownPropertyError(key, "microsoft.graph.deviceConfigurationAssignment");
  }
  const target = body.target as Record<string, unknown> | undefined;
  if (!target || typeof target !== "object") throw new GraphHttpError(400, "BadRequest", "The assignment needs a 'target'.");
  const type = typeof target["@odata.type"] === "string" ? (target["@odata.type"] as string) : "";
  const kind = targetKind(type);
  // deviceAndAppManagementAssignmentTarget is abstract (graph-facts §4.2).
  if (!kind) throw new GraphHttpError(400, "BadRequest", `A type named '${type.replace(/^#/, "") || "microsoft.graph.deviceAndAppManagementAssignmentTarget"}' could not be resolved by the model. When a model is available, each type name must resolve to a valid type.`);
  const typeName = `#${type.replace(/^#/, "")}`;
  let suffix: string;
  let normalised: Record<string, unknown>;
  if (kind === "group" || kind === "exclusionGroup") {
    const groupId = target.groupId;
    if (typeof groupId !== "string" || !GUID.test(groupId)) throw new GraphHttpError(400, "BadRequest", "The target needs a 'groupId' (a GUID).");
    suffix = groupId;
    normalised = { "@odata.type": typeName, groupId };
  } else if (kind === "configurationManagerCollection") {
    if (typeof target.collectionId !== "string") throw new GraphHttpError(400, "BadRequest", "The target needs a 'collectionId'.");
    suffix = target.collectionId;
    normalised = { "@odata.type": typeName, collectionId: target.collectionId };
  } else {
    suffix = kind === "allDevices" ? ALL_DEVICES_GROUP : ALL_USERS_GROUP;
    normalised = { "@odata.type": typeName };
  }
  for (const key of Object.keys(target)) {
    if (!(key in normalised)) throw unknownPropertyError(key, typeName.slice(1));
  }
  return { id: `${configurationId}_${suffix}`, target: normalised, _configurationId: configurationId };
}

function statusesOf(doc: DeviceConfigurationDoc): Record<string, unknown>[] {
  return Object.values((doc._deviceStatuses as Record<string, Record<string, unknown>> | undefined) ?? {}).map((s) => ({
    "@odata.type": "#microsoft.graph.deviceConfigurationDeviceStatus",
    ...s,
  }));
}

const contextOf = (ctx: RouteContext, suffix = "") => `deviceManagement/deviceConfigurations${suffix}`;

function created(result: SimResult): SimResult {
  return { ...result, status: 201 };
}

export const deviceConfigurationRoutes: RouteDef[] = [
  {
    method: "GET",
    path: BASE,
    versions: VERSIONS,
    throttle: "intune",
    write: false,
    handler: (ctx) => ctx.collection(ctx.store.list<DeviceConfigurationDoc>(KIND).map((d) => renderConfiguration(d, ctx.version)), { contextPath: contextOf(ctx), ...INTUNE_LIST }),
  },
  {
    method: "POST",
    path: BASE,
    versions: VERSIONS,
    throttle: "intune",
    write: true,
    handler: (ctx) => {
      const doc = createConfigurationDoc(ctx.body, { version: ctx.version, id: randomUUID(), now: ctx.now() });
      ctx.store.put(KIND, doc);
      return created(ctx.entity(renderConfiguration(doc, ctx.version), `${contextOf(ctx)}/$entity`));
    },
  },
  {
    method: "GET",
    path: `${BASE}/{id}`,
    versions: VERSIONS,
    throttle: "intune",
    write: false,
    handler: (ctx) => ctx.entity(renderConfiguration(load(ctx), ctx.version), `${contextOf(ctx)}/$entity`),
  },
  {
    method: "PATCH",
    path: `${BASE}/{id}`,
    versions: VERSIONS,
    throttle: "intune",
    write: true,
    handler: (ctx) =>
      ctx.store.tx(() => {
        const doc = patchConfigurationDoc(load(ctx), ctx.body, { version: ctx.version, id: ctx.params.id ?? "", now: ctx.now() });
        ctx.store.put(KIND, doc);
        // Intune answers an update with the updated object (docs: intune-deviceconfig-*-update.md).
        return ctx.entity(renderConfiguration(doc, ctx.version), `${contextOf(ctx)}/$entity`);
      }),
  },
  {
    method: "DELETE",
    path: `${BASE}/{id}`,
    versions: VERSIONS,
    throttle: "intune",
    write: true,
    handler: (ctx) =>
      ctx.store.tx(() => {
        const doc = load(ctx);
        for (const a of assignmentsOf(ctx, doc.id)) ctx.store.delete(CONFIGURATION_ASSIGNMENTS_KIND, a.id);
        ctx.store.delete(KIND, doc.id);
        return { status: 204 };
      }),
  },
  {
    method: "GET",
    path: `${BASE}/{id}/getOmaSettingPlainTextValue(secretReferenceValueId='{secretReferenceValueId}')`,
    permissionPath: `${BASE}/{id}/getOmaSettingPlainTextValue`,
    versions: VERSIONS,
    throttle: "intune",
    write: false,
    handler: (ctx) => {
      const doc = load(ctx);
      // OData string literals double their single quotes.
      const reference = (ctx.params.secretReferenceValueId ?? "").replace(/''/g, "'");
      const value = plainTextValue(doc.omaSettings ?? [], reference);
      if (value === undefined) throw intuneNotFound("SecretReferenceValue", reference, at(ctx, `${BASE}/${doc.id}/getOmaSettingPlainTextValue`));
      return { status: 200, body: { "@odata.context": `${ctx.baseUrl}/${ctx.version}/$metadata#Edm.String`, value } };
    },
  },
  {
    method: "POST",
    path: `${BASE}/{id}/assign`,
    versions: VERSIONS,
    throttle: "intune",
    write: true,
    handler: (ctx) =>
      ctx.store.tx(() => {
        const doc = load(ctx);
        const body = ctx.body as { assignments?: unknown } | undefined;
        if (!body || !Array.isArray(body.assignments)) throw new GraphHttpError(400, "BadRequest", "The parameter 'assignments' is required and must be a collection.");
        const next = body.assignments.map((a) => parseAssignment(a, doc.id));
        if (new Set(next.map((a) => a.id)).size !== next.length) throw new GraphHttpError(400, "BadRequest", "The same target is assigned twice.");
        // `assign` replaces the whole set (graph-facts §4.2).
        for (const a of assignmentsOf(ctx, doc.id)) ctx.store.delete(CONFIGURATION_ASSIGNMENTS_KIND, a.id);
        for (const a of next) ctx.store.put(CONFIGURATION_ASSIGNMENTS_KIND, a);
        return {
          status: 200,
          body: {
            "@odata.context": `${ctx.baseUrl}/${ctx.version}/$metadata#Collection(microsoft.graph.deviceConfigurationAssignment)`,
            value: next.map((a) => stripInternalFields(renderAssignment(a, ctx.version))),
          },
        };
      }),
  },
  {
    method: "GET",
    path: `${BASE}/{id}/assignments`,
    versions: VERSIONS,
    throttle: "intune",
    write: false,
    handler: (ctx) => {
      const doc = load(ctx);
      return ctx.collection(assignmentsOf(ctx, doc.id).map((a) => renderAssignment(a, ctx.version)), { contextPath: contextOf(ctx, `('${doc.id}')/assignments`), ...INTUNE_LIST });
    },
  },
  {
    method: "POST",
    path: `${BASE}/{id}/assignments`,
    versions: VERSIONS,
    throttle: "intune",
    write: true,
    handler: (ctx) =>
      ctx.store.tx(() => {
        const doc = load(ctx);
        const assignment = parseAssignment(ctx.body, doc.id);
        if (ctx.store.get(CONFIGURATION_ASSIGNMENTS_KIND, assignment.id)) throw new GraphHttpError(409, "Conflict", `An assignment for this target already exists (${assignment.id}).`);
        ctx.store.put(CONFIGURATION_ASSIGNMENTS_KIND, assignment);
        return created(ctx.entity(renderAssignment(assignment, ctx.version), contextOf(ctx, `('${doc.id}')/assignments/$entity`)));
      }),
  },
  {
    method: "GET",
    path: `${BASE}/{id}/assignments/{assignmentId}`,
    versions: VERSIONS,
    throttle: "intune",
    write: false,
    handler: (ctx) => {
      const doc = load(ctx);
      const a = assignmentsOf(ctx, doc.id).find((x) => x.id === ctx.params.assignmentId);
      if (!a) throw intuneNotFound("DeviceConfigurationAssignment", ctx.params.assignmentId ?? "", at(ctx, `${BASE}/${doc.id}/assignments`));
      return ctx.entity(renderAssignment(a, ctx.version), contextOf(ctx, `('${doc.id}')/assignments/$entity`));
    },
  },
  {
    method: "DELETE",
    path: `${BASE}/{id}/assignments/{assignmentId}`,
    versions: VERSIONS,
    throttle: "intune",
    write: true,
    handler: (ctx) => {
      const doc = load(ctx);
      const a = assignmentsOf(ctx, doc.id).find((x) => x.id === ctx.params.assignmentId);
      if (!a) throw intuneNotFound("DeviceConfigurationAssignment", ctx.params.assignmentId ?? "", at(ctx, `${BASE}/${doc.id}/assignments`));
      ctx.store.delete(CONFIGURATION_ASSIGNMENTS_KIND, a.id);
      return { status: 204 };
    },
  },
  {
    method: "GET",
    path: `${BASE}/{id}/deviceStatuses`,
    versions: VERSIONS,
    throttle: "intune",
    write: false,
    handler: (ctx) => {
      const doc = load(ctx);
      return ctx.collection(statusesOf(doc), { contextPath: contextOf(ctx, `('${doc.id}')/deviceStatuses`), ...INTUNE_LIST });
    },
  },
  {
    method: "GET",
    path: `${BASE}/{id}/deviceStatusOverview`,
    versions: VERSIONS,
    throttle: "intune",
    write: false,
    handler: (ctx) => {
      const doc = load(ctx);
      const statuses = statusesOf(doc).map((s) => s.status);
      const count = (...states: string[]) => statuses.filter((s) => states.includes(String(s))).length;
      const overview = {
        "@odata.type": "#microsoft.graph.deviceConfigurationDeviceOverview",
        id: `${doc.id}_overview`,
        configurationVersion: doc.version,
        pendingCount: count("unknown"),
        notApplicableCount: count("notApplicable"),
        successCount: count("compliant", "remediated"),
        // v1.0 has no conflict counter; a conflict is an error as far as this overview goes.
        errorCount: count("error", "conflict"),
        failedCount: count("nonCompliant"),
        lastUpdateDateTime: ctx.now().toISOString(),
      };
      return ctx.entity(overview, contextOf(ctx, `('${doc.id}')/deviceStatusOverview/$entity`));
    },
  },
];

function stripInternalFields(doc: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !k.startsWith("_")));
}
