/**
 * Windows Autopilot: imports (`importedWindowsAutopilotDeviceIdentities` + `import`, asynchronous,
 * 806 on a re-import — autopilot-import.ts), registered devices (`windowsAutopilotDeviceIdentities`
 * + `updateDeviceProperties`), and the beta-only deployment profiles (+ `assignments`) that give a
 * HoloLens its self-deploying OOBE. graph-facts §5.
 */
import { randomUUID } from "node:crypto";
import { GraphHttpError, type CollectionOptions, type GraphVersion, type RouteContext, type RouteDef, type SimTicker } from "../framework.ts";
import { transitiveGroupIds } from "../directory/membership.ts";
import { assignmentsApply, targetKind, type AssignmentLike } from "../intune/assignment-resolution.ts";
import { ImportBodyError, newImportedIdentity, type ImportedIdentityDoc } from "../intune/autopilot-import.ts";
import {
  autopilotImportTicker,
  autopilotPropertiesTicker,
  DEVICE_PROPERTIES_DELAY_MS,
  NEVER,
  type AutopilotIdentityDoc,
  type PendingPropertyUpdate,
} from "../intune/autopilot-registration.ts";
import { applyProfileBody, MAX_PROFILES, renderProfile, type DeploymentProfileDoc } from "../intune/deployment-profile.ts";
import { intuneNotFound, unknownPropertyError } from "../intune/intune-error.ts";
import { PROFILE_ASSIGNMENTS_KIND } from "../intune/simulated-device.ts";

const IMPORTED = "importedWindowsAutopilotDeviceIdentities";
const IDENTITIES = "windowsAutopilotDeviceIdentities";
const PROFILES = "windowsAutopilotDeploymentProfiles";
const BOTH: GraphVersion[] = ["v1.0", "beta"];
const INTUNE_LIST: Omit<CollectionOptions, "contextPath"> = { maxTop: 1000, defaultTop: 1000, defaultSelect: null, basicFilterProperties: null, advancedQueryNeedsEventual: false };

function notFound(ctx: RouteContext, kind: string, id: string, path: string): GraphHttpError {
  return intuneNotFound(kind, id, { baseUrl: ctx.baseUrl, version: ctx.version, path });
}

// ─── imports ─────────────────────────────────────────────────────────────────

function renderImported(doc: ImportedIdentityDoc): ImportedIdentityDoc {
  return doc;
}

function importOne(ctx: RouteContext, body: unknown): ImportedIdentityDoc {
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new GraphHttpError(400, "BadRequest", "Each imported device identity must be an object.");
  const fields = body as Record<string, unknown>;
  const allowed = new Set(["@odata.type", "id", "serialNumber", "productKey", "groupTag", "importId", "assignedUserPrincipalName", "hardwareIdentifier", "state"]);
  for (const key of Object.keys(fields)) if (!allowed.has(key)) throw unknownPropertyError(key, "microsoft.graph.importedWindowsAutopilotDeviceIdentity");
  try {
    return newImportedIdentity(fields, randomUUID(), ctx.now());
  } catch (err) {
    if (err instanceof ImportBodyError) throw new GraphHttpError(400, "BadRequest", err.message);
    throw err;
  }
}

const importRoutes: RouteDef[] = [
  {
    method: "GET",
    path: `/deviceManagement/${IMPORTED}`,
    versions: BOTH,
    throttle: "intune",
    write: false,
    handler: (ctx) => ctx.collection(ctx.store.list<ImportedIdentityDoc>(IMPORTED).map(renderImported), { contextPath: `deviceManagement/${IMPORTED}`, ...INTUNE_LIST }),
  },
  {
    method: "POST",
    path: `/deviceManagement/${IMPORTED}`,
    versions: BOTH,
    throttle: "intune",
    write: true,
    handler: (ctx) => {
      const doc = importOne(ctx, ctx.body);
      ctx.store.put(IMPORTED, doc);
      return { ...ctx.entity(renderImported(doc), `deviceManagement/${IMPORTED}/$entity`), status: 201 };
    },
  },
  {
    method: "POST",
    path: `/deviceManagement/${IMPORTED}/import`,
    versions: BOTH,
    throttle: "intune",
    write: true,
    handler: (ctx) =>
      ctx.store.tx(() => {
        const list = (ctx.body as { importedWindowsAutopilotDeviceIdentities?: unknown } | undefined)?.importedWindowsAutopilotDeviceIdentities;
        if (!Array.isArray(list)) throw new GraphHttpError(400, "BadRequest", "The parameter 'importedWindowsAutopilotDeviceIdentities' is required and must be a collection.");
        const docs = list.map((item) => importOne(ctx, item));
        for (const d of docs) ctx.store.put(IMPORTED, d);
        return {
          status: 200,
          body: {
            "@odata.context": `${ctx.baseUrl}/${ctx.version}/$metadata#Collection(microsoft.graph.importedWindowsAutopilotDeviceIdentity)`,
            value: docs.map((d) => Object.fromEntries(Object.entries(d).filter(([k]) => !k.startsWith("_")))),
          },
        };
      }),
  },
  {
    method: "GET",
    path: `/deviceManagement/${IMPORTED}/{id}`,
    versions: BOTH,
    throttle: "intune",
    write: false,
    handler: (ctx) => {
      const doc = ctx.store.get<ImportedIdentityDoc>(IMPORTED, ctx.params.id ?? "");
      if (!doc) throw notFound(ctx, "ImportedWindowsAutopilotDeviceIdentity", ctx.params.id ?? "", `/deviceManagement/${IMPORTED}/${ctx.params.id}`);
      return ctx.entity(renderImported(doc), `deviceManagement/${IMPORTED}/$entity`);
    },
  },
  {
    method: "DELETE",
    path: `/deviceManagement/${IMPORTED}/{id}`,
    versions: BOTH,
    throttle: "intune",
    write: true,
    handler: (ctx) => {
      if (!ctx.store.delete(IMPORTED, ctx.params.id ?? "")) throw notFound(ctx, "ImportedWindowsAutopilotDeviceIdentity", ctx.params.id ?? "", `/deviceManagement/${IMPORTED}/${ctx.params.id}`);
      return { status: 204 };
    },
  },
];

// ─── registered devices ──────────────────────────────────────────────────────

interface ProfileAssignmentDoc extends AssignmentLike {
  id: string;
  target: { "@odata.type": string; groupId?: string };
  _profileId: string;
}

/** Beta shows which profile reaches a device; computed from the device's groups at read time. */
function renderIdentity(ctx: RouteContext, doc: AutopilotIdentityDoc): Record<string, unknown> {
  const { _beta, ...v1 } = doc;
  if (ctx.version !== "beta") return v1;
  const groups = new Set(transitiveGroupIds(ctx.store, doc._entraObjectId));
  const assignments = ctx.store.list<ProfileAssignmentDoc>(PROFILE_ASSIGNMENTS_KIND);
  const profile = ctx.store.list<DeploymentProfileDoc>(PROFILES).find((p) =>
    assignmentsApply(assignments.filter((a) => a._profileId === p.id), { deviceGroupIds: groups, userGroupIds: new Set(), primaryUserLicensed: false }),
  );
  return {
    ...v1,
    ..._beta,
    deploymentProfileAssignmentStatus: profile ? "assignedInSync" : "notAssigned",
    deploymentProfileAssignedDateTime: profile ? profile.lastModifiedDateTime : NEVER,
  };
}

function loadIdentity(ctx: RouteContext): AutopilotIdentityDoc {
  const doc = ctx.store.get<AutopilotIdentityDoc>(IDENTITIES, ctx.params.id ?? "");
  if (!doc) throw notFound(ctx, "WindowsAutopilotDeviceIdentity", ctx.params.id ?? "", `/deviceManagement/${IDENTITIES}/${ctx.params.id}`);
  return doc;
}

const identityRoutes: RouteDef[] = [
  {
    method: "GET",
    path: `/deviceManagement/${IDENTITIES}`,
    versions: BOTH,
    throttle: "intune",
    write: false,
    handler: (ctx) => ctx.collection(ctx.store.list<AutopilotIdentityDoc>(IDENTITIES).map((d) => renderIdentity(ctx, d)), { contextPath: `deviceManagement/${IDENTITIES}`, ...INTUNE_LIST }),
  },
  {
    method: "GET",
    path: `/deviceManagement/${IDENTITIES}/{id}`,
    versions: BOTH,
    throttle: "intune",
    write: false,
    handler: (ctx) => ctx.entity(renderIdentity(ctx, loadIdentity(ctx)), `deviceManagement/${IDENTITIES}/$entity`),
  },
  {
    method: "DELETE",
    path: `/deviceManagement/${IDENTITIES}/{id}`,
    versions: BOTH,
    throttle: "intune",
    write: true,
    handler: (ctx) => {
      // De-registers the device; its Entra object stays, as in Entra ID.
      ctx.store.delete(IDENTITIES, loadIdentity(ctx).id);
      return { status: 204 };
    },
  },
  {
    method: "POST",
    path: `/deviceManagement/${IDENTITIES}/{id}/updateDeviceProperties`,
    versions: BOTH,
    throttle: "intune",
    write: true,
    handler: (ctx) =>
      ctx.store.tx(() => {
        const doc = loadIdentity(ctx) as AutopilotIdentityDoc & { _pendingUpdate?: PendingPropertyUpdate };
        const body = (ctx.body ?? {}) as Record<string, unknown>;
        const fields: PendingPropertyUpdate["fields"] = {};
        for (const [key, value] of Object.entries(body)) {
          if (!["groupTag", "displayName", "userPrincipalName", "addressableUserName"].includes(key)) throw unknownPropertyError(key, "microsoft.graph.updateDeviceProperties");
          if (value !== null && typeof value !== "string") throw new GraphHttpError(400, "BadRequest", `Parameter '${key}' must be Edm.String.`);
          fields[key as keyof PendingPropertyUpdate["fields"]] = (value as string | null) ?? "";
        }
        const dueAt = new Date(ctx.now().getTime() + DEVICE_PROPERTIES_DELAY_MS).toISOString();
        ctx.store.put(IDENTITIES, { ...doc, _pendingUpdate: { dueAt, fields: { ...doc._pendingUpdate?.fields, ...fields } } });
        return { status: 204 };
      }),
  },
];

// ─── beta deployment profiles ────────────────────────────────────────────────

function loadProfile(ctx: RouteContext): DeploymentProfileDoc {
  const doc = ctx.store.get<DeploymentProfileDoc>(PROFILES, ctx.params.id ?? "");
  if (!doc) throw notFound(ctx, "WindowsAutopilotDeploymentProfile", ctx.params.id ?? "", `/deviceManagement/${PROFILES}/${ctx.params.id}`);
  return doc;
}

function renderProfileAssignment(a: ProfileAssignmentDoc): Record<string, unknown> {
  return { "@odata.type": "#microsoft.graph.windowsAutopilotDeploymentProfileAssignment", id: a.id, target: a.target, source: "direct", sourceId: a._profileId, _profileId: a._profileId };
}

function parseProfileAssignment(body: unknown, profileId: string): ProfileAssignmentDoc {
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new GraphHttpError(400, "BadRequest", "The request body must be a JSON object.");
  for (const key of Object.keys(body)) {
    if (!["@odata.type", "id", "target", "source", "sourceId"].includes(key)) throw unknownPropertyError(key, "microsoft.graph.windowsAutopilotDeploymentProfileAssignment");
  }
  const target = (body as { target?: Record<string, unknown> }).target;
  const type = typeof target?.["@odata.type"] === "string" ? (target["@odata.type"] as string) : "";
  const kind = targetKind(type);
  if (!target || !kind || kind === "configurationManagerCollection" || kind === "allLicensedUsers") {
    throw new GraphHttpError(400, "BadRequest", "The target must be a groupAssignmentTarget, exclusionGroupAssignmentTarget or allDevicesAssignmentTarget with its @odata.type.");
  }
  if ((kind === "group" || kind === "exclusionGroup") && typeof target.groupId !== "string") throw new GraphHttpError(400, "BadRequest", "The target needs a 'groupId'.");
  const normalised = kind === "allDevices" ? { "@odata.type": `#${type.replace(/^#/, "")}` } : { "@odata.type": `#${type.replace(/^#/, "")}`, groupId: target.groupId as string };
  const suffix = kind === "allDevices" ? "adadadad-808e-44e2-905a-0b7873a8a531" : (target.groupId as string);
  return { id: `${profileId}_${suffix}`, target: normalised, _profileId: profileId };
}

const PROFILE_ASSIGNMENTS_PERMISSION = "/deviceManagement/windowsAutopilotDeviceIdentities/{id}/deploymentProfile/assignments";

const profileRoutes: RouteDef[] = [
  {
    method: "GET",
    path: `/deviceManagement/${PROFILES}`,
    versions: ["beta"],
    throttle: "intune",
    write: false,
    handler: (ctx) => ctx.collection(ctx.store.list<DeploymentProfileDoc>(PROFILES).map(renderProfile), { contextPath: `deviceManagement/${PROFILES}`, ...INTUNE_LIST }),
  },
  {
    method: "POST",
    path: `/deviceManagement/${PROFILES}`,
    versions: ["beta"],
    throttle: "intune",
    write: true,
    handler: (ctx) =>
      ctx.store.tx(() => {
        if (ctx.store.list(PROFILES).length >= MAX_PROFILES) throw new GraphHttpError(400, "BadRequest", `The tenant already has ${MAX_PROFILES} Autopilot deployment profiles, the maximum.`);
        const doc = applyProfileBody(null, ctx.body, randomUUID(), ctx.now());
        ctx.store.put(PROFILES, doc);
        return { ...ctx.entity(renderProfile(doc), `deviceManagement/${PROFILES}/$entity`), status: 201 };
      }),
  },
  {
    method: "GET",
    path: `/deviceManagement/${PROFILES}/{id}`,
    versions: ["beta"],
    throttle: "intune",
    write: false,
    handler: (ctx) => ctx.entity(renderProfile(loadProfile(ctx)), `deviceManagement/${PROFILES}/$entity`),
  },
  {
    method: "PATCH",
    path: `/deviceManagement/${PROFILES}/{id}`,
    versions: ["beta"],
    throttle: "intune",
    write: true,
    handler: (ctx) =>
      ctx.store.tx(() => {
        const doc = applyProfileBody(loadProfile(ctx), ctx.body, ctx.params.id ?? "", ctx.now());
        ctx.store.put(PROFILES, doc);
        // Intune answers an update with the updated object (docs: intune-enrollment-*-update.md).
        return ctx.entity(renderProfile(doc), `deviceManagement/${PROFILES}/$entity`);
      }),
  },
  {
    method: "DELETE",
    path: `/deviceManagement/${PROFILES}/{id}`,
    versions: ["beta"],
    throttle: "intune",
    write: true,
    handler: (ctx) =>
      ctx.store.tx(() => {
        const doc = loadProfile(ctx);
        const assignments = ctx.store.list<ProfileAssignmentDoc>(PROFILE_ASSIGNMENTS_KIND).filter((a) => a._profileId === doc.id);
        // A profile must be unassigned before it can be deleted (Autopilot profiles docs).
        if (assignments.length) throw new GraphHttpError(400, "BadRequest", "The profile is assigned to groups; remove its assignments before deleting it.");
        ctx.store.delete(PROFILES, doc.id);
        return { status: 204 };
      }),
  },
  {
    method: "GET",
    path: `/deviceManagement/${PROFILES}/{id}/assignments`,
    permissionPath: PROFILE_ASSIGNMENTS_PERMISSION,
    versions: ["beta"],
    throttle: "intune",
    write: false,
    handler: (ctx) => {
      const doc = loadProfile(ctx);
      const list = ctx.store.list<ProfileAssignmentDoc>(PROFILE_ASSIGNMENTS_KIND).filter((a) => a._profileId === doc.id).map(renderProfileAssignment);
      return ctx.collection(list, { contextPath: `deviceManagement/${PROFILES}('${doc.id}')/assignments`, ...INTUNE_LIST });
    },
  },
  {
    method: "POST",
    path: `/deviceManagement/${PROFILES}/{id}/assignments`,
    permissionPath: PROFILE_ASSIGNMENTS_PERMISSION,
    versions: ["beta"],
    throttle: "intune",
    write: true,
    handler: (ctx) =>
      ctx.store.tx(() => {
        const doc = loadProfile(ctx);
        const assignment = parseProfileAssignment(ctx.body, doc.id);
        if (assignment.target["@odata.type"] === "#microsoft.graph.allDevicesAssignmentTarget") {
          const other = ctx.store.list<ProfileAssignmentDoc>(PROFILE_ASSIGNMENTS_KIND).find((a) => a._profileId !== doc.id && a.target["@odata.type"] === assignment.target["@odata.type"]);
          // Seen from the service (KelvinTegelaar/CIPP #2803).
          if (other) throw new GraphHttpError(400, "BadRequest", `Another Profile ${other._profileId} is already assigned to All Devices`);
        }
        if (ctx.store.get(PROFILE_ASSIGNMENTS_KIND, assignment.id)) throw new GraphHttpError(409, "Conflict", `The profile is already assigned to this target (${assignment.id}).`);
        ctx.store.put(PROFILE_ASSIGNMENTS_KIND, assignment);
        return { ...ctx.entity(renderProfileAssignment(assignment), `deviceManagement/${PROFILES}('${doc.id}')/assignments/$entity`), status: 201 };
      }),
  },
  {
    method: "GET",
    path: `/deviceManagement/${PROFILES}/{id}/assignments/{assignmentId}`,
    permissionPath: `${PROFILE_ASSIGNMENTS_PERMISSION}/{id}`,
    versions: ["beta"],
    throttle: "intune",
    write: false,
    handler: (ctx) => {
      const doc = loadProfile(ctx);
      const a = ctx.store.get<ProfileAssignmentDoc>(PROFILE_ASSIGNMENTS_KIND, ctx.params.assignmentId ?? "");
      if (!a || a._profileId !== doc.id) throw notFound(ctx, "WindowsAutopilotDeploymentProfileAssignment", ctx.params.assignmentId ?? "", `/deviceManagement/${PROFILES}/${doc.id}/assignments`);
      return ctx.entity(renderProfileAssignment(a), `deviceManagement/${PROFILES}('${doc.id}')/assignments/$entity`);
    },
  },
  {
    method: "DELETE",
    path: `/deviceManagement/${PROFILES}/{id}/assignments/{assignmentId}`,
    permissionPath: `${PROFILE_ASSIGNMENTS_PERMISSION}/{id}`,
    versions: ["beta"],
    throttle: "intune",
    write: true,
    handler: (ctx) => {
      const doc = loadProfile(ctx);
      const a = ctx.store.get<ProfileAssignmentDoc>(PROFILE_ASSIGNMENTS_KIND, ctx.params.assignmentId ?? "");
      if (!a || a._profileId !== doc.id) throw notFound(ctx, "WindowsAutopilotDeploymentProfileAssignment", ctx.params.assignmentId ?? "", `/deviceManagement/${PROFILES}/${doc.id}/assignments`);
      ctx.store.delete(PROFILE_ASSIGNMENTS_KIND, a.id);
      return { status: 204 };
    },
  },
];

export const autopilotRoutes: RouteDef[] = [...importRoutes, ...identityRoutes, ...profileRoutes];

export const autopilotTickers: SimTicker[] = [autopilotImportTicker, autopilotPropertiesTicker];
