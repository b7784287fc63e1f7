/**
 * Tenant-wide policies holofleet reads as preconditions and never writes (tests change them to break
 * the program): `/policies/deviceRegistrationPolicy` (v1.0 and beta: who may Entra join; GET, PUT,
 * PATCH) and beta `/policies/mobileDeviceManagementPolicies` (the MDM user scope of automatic
 * enrollment; list, get, PATCH, `includedGroups` and its `$ref`s). The MDM policies have delegated
 * permissions only ("Application: Not supported", mobiledevicemanagementpolicies-get.md): an app-only
 * token gets 403, as from Graph.
 */
import { GraphHttpError, type HttpMethod, type RouteContext, type RouteDef, type SimResult, type SimStore } from "../framework.ts";
import { directoryCollection } from "../directory/collection-options.ts";
import { directoryRoute } from "../directory/directory-route.ts";
import { findById, notFound } from "../directory/lookup.ts";
import { requireObjectBody } from "../directory/request-body.ts";
import type { GroupDoc } from "../directory/types.ts";
import {
  DEVICE_REGISTRATION_POLICY_ID,
  DEVICE_REGISTRATION_POLICY_KIND,
  updateDeviceRegistrationPolicy,
  type DeviceRegistrationPolicyDoc,
} from "../policies/device-registration-policy.ts";
import { excludeGroup, includeGroup, MDM_POLICIES_KIND, patchMdmPolicy, type MdmPolicyDoc } from "../policies/mdm-policy.ts";

const REGISTRATION_PATH = "/policies/deviceRegistrationPolicy";
const REGISTRATION_TYPE = "microsoft.graph.deviceRegistrationPolicy";
const MDM_PATH = "/policies/mobileDeviceManagementPolicies";
const MDM_TYPE = "microsoft.graph.mobilityManagementPolicy";

function registrationPolicy(ctx: RouteContext): DeviceRegistrationPolicyDoc {
  const doc = ctx.store.get<DeviceRegistrationPolicyDoc>(DEVICE_REGISTRATION_POLICY_KIND, DEVICE_REGISTRATION_POLICY_ID);
  if (!doc) throw notFound(DEVICE_REGISTRATION_POLICY_ID);
  return doc;
}

function updateRegistration(ctx: RouteContext, replace: boolean): SimResult {
  const next = ctx.store.tx(() => {
    const updated = updateDeviceRegistrationPolicy(registrationPolicy(ctx), ctx.body, replace);
    ctx.store.put(DEVICE_REGISTRATION_POLICY_KIND, updated);
    return updated;
  });
  // PUT answers 200 with the updated policy (deviceregistrationpolicy-update.md).
  return ctx.entity(next, "policies/deviceRegistrationPolicy/$entity", null, REGISTRATION_TYPE);
}

/** A beta-only directory route (the MDM policies are not in v1.0). */
function betaRoute(method: HttpMethod, path: string, handler: (ctx: RouteContext) => SimResult, permissionPath?: string): RouteDef {
  return { method, path, versions: ["beta"], throttle: "directory", write: method !== "GET", handler, ...(permissionPath ? { permissionPath } : {}) };
}

function loadMdmPolicy(ctx: RouteContext): MdmPolicyDoc {
  const doc = findById<MdmPolicyDoc>(ctx.store, MDM_POLICIES_KIND, ctx.params.id ?? "");
  if (!doc) throw notFound(ctx.params.id ?? "");
  return doc;
}

/** Included groups that still exist (a deleted group leaves the scope with it). */
function includedGroups(store: SimStore, doc: MdmPolicyDoc): GroupDoc[] {
  return doc._includedGroups.map((id) => store.get<GroupDoc>("groups", id)).filter((g): g is GroupDoc => g !== undefined);
}

function groupSummary(g: GroupDoc): Record<string, unknown> {
  return { "@odata.type": "#microsoft.graph.group", id: g.id, displayName: g.displayName };
}

/** `$expand=includedGroups` (the list docs: "To retrieve included groups for each policy"). */
function wantsGroups(ctx: RouteContext): boolean {
  const raw = ctx.query.get("$expand");
  if (raw === null) return false;
  for (const name of raw.split(",").map((p) => p.trim()).filter(Boolean))
    if (name !== "includedGroups") throw new GraphHttpError(400, "BadRequest", `Could not find a property named '${name}' on type '${MDM_TYPE}'.`);
  return true;
}

function renderMdmPolicy(ctx: RouteContext, doc: MdmPolicyDoc, expand: boolean): Record<string, unknown> {
  return expand ? { ...doc, includedGroups: includedGroups(ctx.store, doc).map(groupSummary) } : { ...doc };
}

/** The group id an `@odata.id` names (`…/groups/{id}` or `…/directoryObjects/{id}`), as the groups' `$ref` routes read it. */
function referencedGroupId(url: unknown): string {
  if (typeof url !== "string" || url === "") throw new GraphHttpError(400, "Request_BadRequest", "Invalid object identifier ''.");
  const last = url.replace(/\/+$/, "").split("/").pop() ?? "";
  if (!/^[0-9a-fA-F-]{36}$/.test(last)) throw new GraphHttpError(400, "Request_BadRequest", `Invalid object identifier '${last}'.`);
  return last.toLowerCase();
}

export const policyRoutes: RouteDef[] = [
  directoryRoute("GET", REGISTRATION_PATH, (ctx) => ctx.entity(registrationPolicy(ctx), "policies/deviceRegistrationPolicy/$entity", null, REGISTRATION_TYPE)),
  directoryRoute("PUT", REGISTRATION_PATH, (ctx) => updateRegistration(ctx, true)),
  directoryRoute("PATCH", REGISTRATION_PATH, (ctx) => updateRegistration(ctx, false)),
  betaRoute("GET", MDM_PATH, (ctx) => {
    const expand = wantsGroups(ctx);
    const items = ctx.store.list<MdmPolicyDoc>(MDM_POLICIES_KIND).map((d) => renderMdmPolicy(ctx, d, expand));
    return ctx.collection(items, directoryCollection("policies/mobileDeviceManagementPolicies", { entityType: MDM_TYPE }));
  }),
  betaRoute("GET", `${MDM_PATH}/{id}`, (ctx) => {
    const expand = wantsGroups(ctx);
    const doc = loadMdmPolicy(ctx);
    const answer = ctx.entity(doc, "policies/mobileDeviceManagementPolicies/$entity", null, MDM_TYPE);
    if (!expand) return answer;
    return { ...answer, body: { ...(answer.body as Record<string, unknown>), includedGroups: includedGroups(ctx.store, doc).map(groupSummary) } };
  }),
  betaRoute("PATCH", `${MDM_PATH}/{id}`, (ctx) => {
    ctx.store.tx(() => ctx.store.put(MDM_POLICIES_KIND, patchMdmPolicy(loadMdmPolicy(ctx), ctx.body)));
    // The docs' example answers 204 No Content (mobiledevicemanagementpolicies-update.md).
    return { status: 204 };
  }),
  betaRoute("GET", `${MDM_PATH}/{id}/includedGroups`, (ctx) => {
    const doc = loadMdmPolicy(ctx);
    return ctx.collection(includedGroups(ctx.store, doc), directoryCollection(`policies/mobileDeviceManagementPolicies('${doc.id}')/includedGroups`, { entityType: "microsoft.graph.group" }));
  }),
  // The permissions map has no $ref paths (graph-facts §12): adding borrows POST …/includedGroups, removing DELETE …/includedGroups/{id}.
  betaRoute(
    "POST",
    `${MDM_PATH}/{id}/includedGroups/$ref`,
    (ctx) => {
      const groupId = referencedGroupId(requireObjectBody(ctx.body)["@odata.id"]);
      ctx.store.tx(() => {
        const doc = loadMdmPolicy(ctx);
        if (!ctx.store.get("groups", groupId)) throw notFound(groupId);
        ctx.store.put(MDM_POLICIES_KIND, includeGroup(doc, groupId));
      });
      return { status: 204 };
    },
    `${MDM_PATH}/{id}/includedGroups`,
  ),
  betaRoute(
    "DELETE",
    `${MDM_PATH}/{id}/includedGroups/{groupId}/$ref`,
    (ctx) => {
      const groupId = (ctx.params.groupId ?? "").toLowerCase();
      ctx.store.tx(() => {
        const next = excludeGroup(loadMdmPolicy(ctx), groupId);
        if (!next) throw notFound(groupId);
        ctx.store.put(MDM_POLICIES_KIND, next);
      });
      return { status: 204 };
    },
    `${MDM_PATH}/{id}/includedGroups/{id}`,
  ),
];
