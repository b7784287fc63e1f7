/**
 * Windows Autopilot: imports (`importedWindowsAutopilotDeviceIdentities` + `import`, asynchronous,
 * 806 on a re-import — autopilot-import.ts), registered devices (`windowsAutopilotDeviceIdentities`
 * + `updateDeviceProperties`), and the beta-only deployment profiles (+ `assignments`) that give a
 * HoloLens its self-deploying OOBE. graph-facts §5.
 */
import { randomUUID } from "node:crypto";
import { GraphHttpError, type GraphVersion, type HttpMethod, type RouteContext, type RouteDef, type SimResult, type SimTicker } from "../framework.ts";
import type { AssignmentLike } from "../intune/assignment-resolution.ts";
import { parseAssignmentTarget, renderTarget, type StoredTarget } from "../intune/assignment-target.ts";
import { ImportBodyError, newImportedIdentity, type ImportedIdentityDoc } from "../intune/autopilot-import.ts";
import {
  autopilotImportTicker,
  autopilotPropertiesTicker,
  DEVICE_PROPERTIES_DELAY_MS,
  type AutopilotIdentityDoc,
  type PendingPropertyUpdate,
} from "../intune/autopilot-registration.ts";
import { applyProfileBody, MAX_PROFILES, renderProfile, type DeploymentProfileDoc } from "../intune/deployment-profile.ts";
import { unknownPropertyError } from "../intune/intune-error.ts";
import { actionCollection, createdEntity, intuneList, intuneRoute as anyIntuneRoute, loadOr404, type IntuneRouteOptions } from "../intune/intune-route.ts";
import { intendedProfileOf, PROFILE_ASSIGNMENTS_KIND, profileAssignmentTicker, type AssignmentTrackedIdentity } from "../intune/profile-assignment.ts";
import { stripInternal } from "../odata/collection.ts";

const IMPORTED = "importedWindowsAutopilotDeviceIdentities";
const IDENTITIES = "windowsAutopilotDeviceIdentities";
const PROFILES = "windowsAutopilotDeploymentProfiles";
const IMPORTED_TYPE = "microsoft.graph.importedWindowsAutopilotDeviceIdentity";
const IDENTITY_TYPE = "microsoft.graph.windowsAutopilotDeviceIdentity";
const PROFILE_TYPE = "microsoft.graph.windowsAutopilotDeploymentProfile";
const PROFILE_ASSIGNMENT_TYPE = "microsoft.graph.windowsAutopilotDeploymentProfileAssignment";
const BETA_ONLY: IntuneRouteOptions = { versions: ["beta"] satisfies GraphVersion[] };

/** Autopilot is served by Intune's enrollment front-end and counts against its limits (graph-facts §9.5). */
function intuneRoute(method: HttpMethod, path: string, handler: (ctx: RouteContext) => SimResult, options: IntuneRouteOptions = {}): RouteDef {
  return anyIntuneRoute(method, path, handler, { ...options, throttle: "intune-enrollment" });
}

// ─── imports ─────────────────────────────────────────────────────────────────

const IMPORTED_PROPERTIES = new Set(["@odata.type", "id", "serialNumber", "productKey", "groupTag", "importId", "assignedUserPrincipalName", "hardwareIdentifier", "state"]);

function importOne(ctx: RouteContext, body: unknown): ImportedIdentityDoc {
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new GraphHttpError(400, "BadRequest", "Each imported device identity must be an object.");
  const fields = body as Record<string, unknown>;
  for (const key of Object.keys(fields)) if (!IMPORTED_PROPERTIES.has(key)) throw unknownPropertyError(key, "microsoft.graph.importedWindowsAutopilotDeviceIdentity");
  try {
    return newImportedIdentity(fields, randomUUID(), ctx.now());
  } catch (err) {
    if (err instanceof ImportBodyError) throw new GraphHttpError(400, "BadRequest", err.message);
    throw err;
  }
}

function loadImported(ctx: RouteContext): ImportedIdentityDoc {
  const id = ctx.params.id ?? "";
  return loadOr404<ImportedIdentityDoc>(ctx, IMPORTED, id, "ImportedWindowsAutopilotDeviceIdentity", `/deviceManagement/${IMPORTED}/${id}`);
}

const importRoutes: RouteDef[] = [
  intuneRoute("GET", `/deviceManagement/${IMPORTED}`, (ctx) => intuneList(ctx, ctx.store.list<ImportedIdentityDoc>(IMPORTED), `deviceManagement/${IMPORTED}`, IMPORTED_TYPE)),
  intuneRoute("POST", `/deviceManagement/${IMPORTED}`, (ctx) => {
    const doc = importOne(ctx, ctx.body);
    ctx.store.put(IMPORTED, doc);
    return createdEntity(ctx, doc, `deviceManagement/${IMPORTED}/$entity`, IMPORTED_TYPE);
  }),
  intuneRoute("POST", `/deviceManagement/${IMPORTED}/import`, (ctx) => {
    const list = (ctx.body as { importedWindowsAutopilotDeviceIdentities?: unknown } | undefined)?.importedWindowsAutopilotDeviceIdentities;
    if (!Array.isArray(list)) throw new GraphHttpError(400, "BadRequest", "The parameter 'importedWindowsAutopilotDeviceIdentities' is required and must be a collection.");
    const docs = list.map((item) => importOne(ctx, item));
    for (const d of docs) ctx.store.put(IMPORTED, d);
    return actionCollection(ctx, "microsoft.graph.importedWindowsAutopilotDeviceIdentity", docs);
  }),
  intuneRoute("GET", `/deviceManagement/${IMPORTED}/{id}`, (ctx) => ctx.entity(loadImported(ctx), `deviceManagement/${IMPORTED}/$entity`, null, IMPORTED_TYPE)),
  intuneRoute("DELETE", `/deviceManagement/${IMPORTED}/{id}`, (ctx) => {
    ctx.store.delete(IMPORTED, loadImported(ctx).id);
    return { status: 204 };
  }),
];

// ─── registered devices ──────────────────────────────────────────────────────

interface ProfileAssignmentDoc extends AssignmentLike {
  id: string;
  target: StoredTarget;
  _profileId: string;
}

function profileAssignments(ctx: RouteContext, profileId?: string): ProfileAssignmentDoc[] {
  const all = ctx.store.list<ProfileAssignmentDoc>(PROFILE_ASSIGNMENTS_KIND);
  return profileId === undefined ? all : all.filter((a) => a._profileId === profileId);
}

/**
 * Beta shows the device's profile assignment as Intune last processed it (profile-assignment.ts:
 * `deploymentProfileAssignmentStatus`, `…DetailedStatus`, `…AssignedDateTime`); v1.0 has none of it.
 */
function renderIdentity(ctx: RouteContext, doc: AutopilotIdentityDoc): Record<string, unknown> {
  const { _beta, ...v1 } = doc;
  return ctx.version === "beta" ? { ...v1, ..._beta } : v1;
}

/** The beta navigations of a device identity (BETA-MAP `windowsAutopilotDeviceIdentity`); v1.0 has none. */
const IDENTITY_NAVIGATIONS = ["deploymentProfile", "intendedDeploymentProfile"] as const;
type IdentityNavigation = (typeof IDENTITY_NAVIGATIONS)[number];

/**
 * The `$expand` of a device identity read: `deploymentProfile` is the profile Intune assigned,
 * `intendedDeploymentProfile` the one its groups target now (community tools read both with
 * `?$expand=deploymentProfile,intendedDeploymentProfile` to compare them).
 */
function identityExpansions(ctx: RouteContext): IdentityNavigation[] {
  const raw = ctx.query.get("$expand");
  if (raw === null) return [];
  return raw.split(",").map((part) => part.trim()).filter(Boolean).map((name) => {
    if (name.includes("(")) throw new GraphHttpError(400, "BadRequest", `The local tenant does not support query options inside $expand ('${name}').`);
    const known = ctx.version === "beta" ? IDENTITY_NAVIGATIONS.find((n) => n.toLowerCase() === name.toLowerCase()) : undefined;
    if (!known) throw new GraphHttpError(400, "BadRequest", `Could not find a property named '${name}' on type 'microsoft.graph.windowsAutopilotDeviceIdentity'.`);
    return known;
  });
}

function expandIdentity(ctx: RouteContext, doc: AutopilotIdentityDoc, names: readonly IdentityNavigation[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const assignedId = (doc as AssignmentTrackedIdentity)._deploymentProfileId;
    const profile = name === "deploymentProfile" ? (assignedId ? ctx.store.get<DeploymentProfileDoc>(PROFILES, assignedId) : undefined) : intendedProfileOf(ctx.store, doc);
    out[name] = profile ? stripInternal(renderProfile(profile)) : null;
  }
  return out;
}

function loadIdentity(ctx: RouteContext): AutopilotIdentityDoc {
  const id = ctx.params.id ?? "";
  return loadOr404<AutopilotIdentityDoc>(ctx, IDENTITIES, id, "WindowsAutopilotDeviceIdentity", `/deviceManagement/${IDENTITIES}/${id}`);
}

const UPDATABLE_DEVICE_PROPERTIES = ["groupTag", "displayName", "userPrincipalName", "addressableUserName"];

const identityRoutes: RouteDef[] = [
  intuneRoute("GET", `/deviceManagement/${IDENTITIES}`, (ctx) => {
    const expand = identityExpansions(ctx);
    // Expanded profiles ride along in each item (kept when there is no $select naming other properties).
    const items = ctx.store.list<AutopilotIdentityDoc>(IDENTITIES).map((d) => ({ ...renderIdentity(ctx, d), ...expandIdentity(ctx, d, expand) }));
    return intuneList(ctx, items, `deviceManagement/${IDENTITIES}`, IDENTITY_TYPE);
  }),
  intuneRoute("GET", `/deviceManagement/${IDENTITIES}/{id}`, (ctx) => {
    const expand = identityExpansions(ctx);
    const doc = loadIdentity(ctx);
    const answer = ctx.entity(renderIdentity(ctx, doc), `deviceManagement/${IDENTITIES}/$entity`, null, IDENTITY_TYPE);
    // An expanded navigation is part of the answer whatever $select says (OData $expand).
    return { ...answer, body: { ...(answer.body as Record<string, unknown>), ...expandIdentity(ctx, doc, expand) } };
  }),
  intuneRoute("DELETE", `/deviceManagement/${IDENTITIES}/{id}`, (ctx) => {
    // De-registers the device; its Entra object stays, as in Entra ID.
    ctx.store.delete(IDENTITIES, loadIdentity(ctx).id);
    return { status: 204 };
  }),
  intuneRoute("POST", `/deviceManagement/${IDENTITIES}/{id}/updateDeviceProperties`, (ctx) => {
    const doc = loadIdentity(ctx) as AutopilotIdentityDoc & { _pendingUpdate?: PendingPropertyUpdate };
    const body = (ctx.body ?? {}) as Record<string, unknown>;
    const fields: PendingPropertyUpdate["fields"] = {};
    for (const [key, value] of Object.entries(body)) {
      if (!UPDATABLE_DEVICE_PROPERTIES.includes(key)) throw unknownPropertyError(key, "microsoft.graph.updateDeviceProperties");
      if (value !== null && typeof value !== "string") throw new GraphHttpError(400, "BadRequest", `Parameter '${key}' must be Edm.String.`);
      fields[key as keyof PendingPropertyUpdate["fields"]] = (value as string | null) ?? "";
    }
    const dueAt = new Date(ctx.now().getTime() + DEVICE_PROPERTIES_DELAY_MS).toISOString();
    ctx.store.put(IDENTITIES, { ...doc, _pendingUpdate: { dueAt, fields: { ...doc._pendingUpdate?.fields, ...fields } } });
    return { status: 204 };
  }),
];

// ─── beta deployment profiles ────────────────────────────────────────────────

function loadProfile(ctx: RouteContext): DeploymentProfileDoc {
  const id = ctx.params.id ?? "";
  return loadOr404<DeploymentProfileDoc>(ctx, PROFILES, id, "WindowsAutopilotDeploymentProfile", `/deviceManagement/${PROFILES}/${id}`);
}

function loadProfileAssignment(ctx: RouteContext, profileId: string): ProfileAssignmentDoc {
  const id = ctx.params.assignmentId ?? "";
  return loadOr404<ProfileAssignmentDoc>(ctx, PROFILE_ASSIGNMENTS_KIND, id, "WindowsAutopilotDeploymentProfileAssignment", `/deviceManagement/${PROFILES}/${profileId}/assignments`, (a) => a._profileId === profileId);
}

function renderProfileAssignment(a: ProfileAssignmentDoc): Record<string, unknown> {
  // Profiles are beta only, so their targets always show beta's assignment filter.
  return { "@odata.type": "#microsoft.graph.windowsAutopilotDeploymentProfileAssignment", id: a.id, target: renderTarget(a.target, "beta"), source: "direct", sourceId: a._profileId, _profileId: a._profileId };
}

function parseProfileAssignment(body: unknown, profileId: string): ProfileAssignmentDoc {
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new GraphHttpError(400, "BadRequest", "The request body must be a JSON object.");
  for (const key of Object.keys(body)) {
    if (!["@odata.type", "id", "target", "source", "sourceId"].includes(key)) throw unknownPropertyError(key, "microsoft.graph.windowsAutopilotDeploymentProfileAssignment");
  }
  const parsed = parseAssignmentTarget(
    (body as { target?: unknown }).target,
    ["group", "exclusionGroup", "allDevices"],
    "The target must be a groupAssignmentTarget, exclusionGroupAssignmentTarget or allDevicesAssignmentTarget with its @odata.type.",
    "beta",
  );
  return { id: `${profileId}_${parsed.idSuffix}`, target: parsed.target, _profileId: profileId };
}

/** The docs list profile assignments only under this path (graph-facts §5.1); the permissions map follows them. */
const PROFILE_ASSIGNMENTS_PERMISSION = "/deviceManagement/windowsAutopilotDeviceIdentities/{id}/deploymentProfile/assignments";
const ASSIGNMENTS_OPTIONS: IntuneRouteOptions = { ...BETA_ONLY, permissionPath: PROFILE_ASSIGNMENTS_PERMISSION };
const ASSIGNMENT_OPTIONS: IntuneRouteOptions = { ...BETA_ONLY, permissionPath: `${PROFILE_ASSIGNMENTS_PERMISSION}/{id}` };

const profileRoutes: RouteDef[] = [
  intuneRoute("GET", `/deviceManagement/${PROFILES}`, (ctx) => intuneList(ctx, ctx.store.list<DeploymentProfileDoc>(PROFILES).map(renderProfile), `deviceManagement/${PROFILES}`, PROFILE_TYPE), BETA_ONLY),
  intuneRoute(
    "POST",
    `/deviceManagement/${PROFILES}`,
    (ctx) => {
      if (ctx.store.list(PROFILES).length >= MAX_PROFILES) throw new GraphHttpError(400, "BadRequest", `The tenant already has ${MAX_PROFILES} Autopilot deployment profiles, the maximum.`);
      const doc = applyProfileBody(null, ctx.body, randomUUID(), ctx.now());
      ctx.store.put(PROFILES, doc);
      return createdEntity(ctx, renderProfile(doc), `deviceManagement/${PROFILES}/$entity`, PROFILE_TYPE);
    },
    BETA_ONLY,
  ),
  intuneRoute("GET", `/deviceManagement/${PROFILES}/{id}`, (ctx) => ctx.entity(renderProfile(loadProfile(ctx)), `deviceManagement/${PROFILES}/$entity`, null, PROFILE_TYPE), BETA_ONLY),
  intuneRoute(
    "PATCH",
    `/deviceManagement/${PROFILES}/{id}`,
    (ctx) => {
      const doc = applyProfileBody(loadProfile(ctx), ctx.body, ctx.params.id ?? "", ctx.now());
      ctx.store.put(PROFILES, doc);
      // Intune answers an update with the updated object (docs: intune-enrollment-*-update.md).
      return ctx.entity(renderProfile(doc), `deviceManagement/${PROFILES}/$entity`, null, PROFILE_TYPE);
    },
    BETA_ONLY,
  ),
  intuneRoute(
    "DELETE",
    `/deviceManagement/${PROFILES}/{id}`,
    (ctx) => {
      const doc = loadProfile(ctx);
      // A profile must be unassigned before it can be deleted (Autopilot profiles docs).
      if (profileAssignments(ctx, doc.id).length) throw new GraphHttpError(400, "BadRequest", "The profile is assigned to groups; remove its assignments before deleting it.");
      ctx.store.delete(PROFILES, doc.id);
      return { status: 204 };
    },
    BETA_ONLY,
  ),
  intuneRoute(
    "GET",
    `/deviceManagement/${PROFILES}/{id}/assignments`,
    (ctx) => {
      const doc = loadProfile(ctx);
      return intuneList(ctx, profileAssignments(ctx, doc.id).map(renderProfileAssignment), `deviceManagement/${PROFILES}('${doc.id}')/assignments`, PROFILE_ASSIGNMENT_TYPE);
    },
    ASSIGNMENTS_OPTIONS,
  ),
  intuneRoute(
    "POST",
    `/deviceManagement/${PROFILES}/{id}/assignments`,
    (ctx) => {
      const doc = loadProfile(ctx);
      const assignment = parseProfileAssignment(ctx.body, doc.id);
      if (assignment.target["@odata.type"] === "#microsoft.graph.allDevicesAssignmentTarget") {
        const other = profileAssignments(ctx).find((a) => a._profileId !== doc.id && a.target["@odata.type"] === assignment.target["@odata.type"]);
        // Seen from the service (KelvinTegelaar/CIPP #2803).
        if (other) throw new GraphHttpError(400, "BadRequest", `Another Profile ${other._profileId} is already assigned to All Devices`);
      }
      if (ctx.store.get(PROFILE_ASSIGNMENTS_KIND, assignment.id)) throw new GraphHttpError(409, "Conflict", `The profile is already assigned to this target (${assignment.id}).`);
      ctx.store.put(PROFILE_ASSIGNMENTS_KIND, assignment);
      return createdEntity(ctx, renderProfileAssignment(assignment), `deviceManagement/${PROFILES}('${doc.id}')/assignments/$entity`, PROFILE_ASSIGNMENT_TYPE);
    },
    ASSIGNMENTS_OPTIONS,
  ),
  intuneRoute(
    "GET",
    `/deviceManagement/${PROFILES}/{id}/assignments/{assignmentId}`,
    (ctx) => {
      const doc = loadProfile(ctx);
      return ctx.entity(renderProfileAssignment(loadProfileAssignment(ctx, doc.id)), `deviceManagement/${PROFILES}('${doc.id}')/assignments/$entity`, null, PROFILE_ASSIGNMENT_TYPE);
    },
    ASSIGNMENT_OPTIONS,
  ),
  intuneRoute(
    "DELETE",
    `/deviceManagement/${PROFILES}/{id}/assignments/{assignmentId}`,
    (ctx) => {
      ctx.store.delete(PROFILE_ASSIGNMENTS_KIND, loadProfileAssignment(ctx, loadProfile(ctx).id).id);
      return { status: 204 };
    },
    ASSIGNMENT_OPTIONS,
  ),
];

export const autopilotRoutes: RouteDef[] = [...importRoutes, ...identityRoutes, ...profileRoutes];

export const autopilotTickers: SimTicker[] = [autopilotImportTicker, autopilotPropertiesTicker];

/** Profile assignment processing; runs after dynamic membership (routes/index.ts). */
export const autopilotAssignmentTickers: SimTicker[] = [profileAssignmentTicker];
