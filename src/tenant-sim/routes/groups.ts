/**
 * `/groups` (v1.0 and beta): create (displayName NOT unique — a retried POST makes a second
 * group), `uniqueName` upsert with `Prefer: create-if-missing`, read, update, delete, `members`,
 * `members/$ref`, `assignLicense` (202; licences reach members through the licensing ticker),
 * `membersWithLicenseErrors`, `transitiveMembers`, dynamic membership rules and `/groups/delta`
 * (graph-facts §1, §3, §9.7, §9.9).
 */
import { createHash, randomUUID } from "node:crypto";
import { GraphHttpError, type RouteContext, type RouteDef, type SimResult, type SimStore } from "../framework.ts";
import { deleteDirectoryObject, saveDirectoryObject } from "../directory/change-log.ts";
import { directoryCollection } from "../directory/collection-options.ts";
import { answerDelta } from "../directory/delta.ts";
import { directoryObjectView, withoutNeverReturned } from "../directory/directory-object-view.ts";
import { directoryRoute } from "../directory/directory-route.ts";
import { compileMembershipRule } from "../directory/evaluate-membership-rule.ts";
import { assignGroupLicenses, parseAssignLicenseBody, refreshConsumedUnits, withdrawGroupLicenses } from "../directory/licensing.ts";
import { findAllByAlternateKey, findGroupByUniqueName, notFound, requireGroup } from "../directory/lookup.ts";
import { MembershipRuleError } from "../directory/membership-rule.ts";
import { findDirectoryObject, findDirectoryObjects, isDynamicGroup, removeFromAllGroups, setGroupMembers, transitiveMemberIds } from "../directory/membership.ts";
import { GROUP_BASIC_FILTER, GROUP_DEFAULT_SELECT } from "../directory/property-sets.ts";
import { rejectUndeclaredActionProperties, rejectUndeclaredProperties, requireObjectBody } from "../directory/request-body.ts";
import type { GroupDoc } from "../directory/types.ts";

const GROUP = "microsoft.graph.group";
const GROUPS = directoryCollection("groups", { entityType: GROUP, defaultSelect: GROUP_DEFAULT_SELECT, basicFilterProperties: GROUP_BASIC_FILTER, advancedQueryNeedsEventual: true });

/** At most 20 `members@odata.bind` / `owners@odata.bind` per request (group-post-groups.md). */
const MAX_BINDS = 20;

const WRITABLE = new Set([
  "classification",
  "description",
  "displayName",
  "groupTypes",
  "isAssignableToRole",
  "mailEnabled",
  "mailNickname",
  "membershipRule",
  "membershipRuleProcessingState",
  "preferredDataLocation",
  "preferredLanguage",
  "securityEnabled",
  "theme",
  "uniqueName",
  "visibility",
  // Settable only by a later PATCH (graph-facts §1).
  "allowExternalSenders",
  "autoSubscribeNewMembers",
  "hideFromAddressLists",
  "hideFromOutlookClients",
]);
const PATCH_ONLY = ["allowExternalSenders", "autoSubscribeNewMembers", "hideFromAddressLists", "hideFromOutlookClients"];

/** `groupTypes` containing `Unified` (any case) makes a Microsoft 365 group (graph-facts §1). */
function isMicrosoft365Group(groupTypes: unknown): boolean {
  return Array.isArray(groupTypes) && groupTypes.some((t) => String(t).toLowerCase() === "unified");
}

function invalidValue(property: string): GraphHttpError {
  return new GraphHttpError(400, "Request_BadRequest", `Invalid value specified for property '${property}' of resource 'Group'.`);
}

/** A group answer (one group or a page) without the properties a read never returns; `$filter` has used them already. */
function stripNeverReturned(result: SimResult): SimResult {
  const body = result.body as { value?: Record<string, unknown>[] } & Record<string, unknown>;
  if (Array.isArray(body?.value)) return { ...result, body: { ...body, value: body.value.map(withoutNeverReturned) } };
  return body ? { ...result, body: withoutNeverReturned(body) } : result;
}

/** The object id at the end of an `@odata.id` / `@odata.bind` URL (`…/directoryObjects/{id}`). */
function idFromReference(url: unknown): string {
  if (typeof url !== "string" || url === "") throw new GraphHttpError(400, "Request_BadRequest", "Invalid object identifier ''.");
  const last = url.replace(/\/+$/, "").split("/").pop() ?? "";
  const m = /^(?:[A-Za-z.]+\(['"]?)?([0-9a-fA-F-]{36})['"]?\)?$/.exec(last);
  if (!m?.[1]) throw new GraphHttpError(400, "Request_BadRequest", `Invalid object identifier '${last}'.`);
  return m[1].toLowerCase();
}

function validateMailNickname(value: unknown): void {
  // ASCII 0–127 without @ () \ [] " ; : . <> , SPACE; at most 64 characters (group-post-groups.md).
  if (typeof value !== "string" || value.length === 0 || value.length > 64 || !/^[\x21-\x7e]+$/.test(value) || /[@()\\[\]";:.<>,]/.test(value)) {
    throw invalidValue("mailNickname");
  }
}

function validateGroupFields(store: SimStore, group: GroupDoc, selfId: string | null): void {
  if (typeof group.displayName !== "string" || group.displayName.trim() === "" || group.displayName.length > 256) throw invalidValue("displayName");
  validateMailNickname(group.mailNickname);
  for (const flag of ["mailEnabled", "securityEnabled"]) if (typeof group[flag] !== "boolean") throw invalidValue(flag);
  if (!Array.isArray(group.groupTypes) || group.groupTypes.some((t) => typeof t !== "string")) throw invalidValue("groupTypes");
  const unified = isMicrosoft365Group(group.groupTypes);
  // A Microsoft 365 group is `groupTypes: ["Unified"]` with `mailEnabled: true` (the group-type table of
  // groups-overview.md; graph-facts §1). The reference quotes no message for this case, so the answer is
  // Graph's usual invalid-value error for the property.
  if (unified && group.mailEnabled !== true) throw invalidValue("mailEnabled");
  // Without Unified, mail makes a mail-enabled security group or a distribution group: read-only
  // through Graph (groups-overview.md group-type table). Graph's wording, typos included, as quoted in
  // msgraph-sdk-powershell #1805 (create) and microsoft/coe-starter-kit #7363 (update).
  if (!unified && group.mailEnabled === true) {
    throw new GraphHttpError(400, "Request_BadRequest", `Cannot ${selfId === null ? "Create" : "Update"} a mail-enabled security groups and or distribution list.`);
  }
  const dynamic = isDynamicGroup(group);
  if (dynamic) {
    if (typeof group.membershipRule !== "string" || group.membershipRule.trim() === "") throw invalidValue("membershipRule");
    try {
      compileMembershipRule(group.membershipRule);
    } catch (e) {
      if (e instanceof MembershipRuleError) {
        throw new GraphHttpError(400, "Request_BadRequest", `Invalid membershipRule: ${e.message} (at position ${e.at}).`, {}, [{ code: "InvalidValue", target: "membershipRule" }]);
      }
      throw e;
    }
    const state = group.membershipRuleProcessingState ?? "On";
    if (state !== "On" && state !== "Paused") throw invalidValue("membershipRuleProcessingState");
    group.membershipRuleProcessingState = state;
    if (group.isAssignableToRole === true) throw invalidValue("isAssignableToRole");
  } else if (group.membershipRule) {
    throw new GraphHttpError(400, "Request_BadRequest", "membershipRule can be set only on a group whose groupTypes contains DynamicMembership.");
  }
  // Conflicts are looked up through the store's field index, not by reading every group.
  const others = (field: string, value: string) => findAllByAlternateKey<GroupDoc>(store, "groups", field, value).filter((g) => g.id !== selfId);
  // mailNickname is unique only for Microsoft 365 groups (graph-facts §1).
  if (unified && others("mailNickname", String(group.mailNickname)).some((g) => isMicrosoft365Group(g.groupTypes))) {
    throw new GraphHttpError(400, "Request_BadRequest", "Another object with the same value for property mailNickname already exists.", {}, [{ code: "ObjectConflict", target: "mailNickname" }]);
  }
  if (group.uniqueName != null) {
    if (typeof group.uniqueName !== "string" || group.uniqueName === "") throw invalidValue("uniqueName");
    if (others("uniqueName", group.uniqueName).length) {
      throw new GraphHttpError(400, "Request_BadRequest", "Another object with the same value for property uniqueName already exists.", {}, [{ code: "ObjectConflict", target: "uniqueName" }]);
    }
  }
}

/** Resolves `members@odata.bind` (all or nothing: one bad reference adds none). */
function resolveMemberBinds(store: SimStore, body: Record<string, unknown>, groupId: string | null): string[] {
  const binds = body["members@odata.bind"];
  const owners = body["owners@odata.bind"];
  if (binds === undefined && owners === undefined) return [];
  const list = binds === undefined ? [] : binds;
  if (!Array.isArray(list) || (owners !== undefined && !Array.isArray(owners))) throw new GraphHttpError(400, "Request_BadRequest", "members@odata.bind must be a collection of URLs.");
  if (list.length + (Array.isArray(owners) ? owners.length : 0) > MAX_BINDS) {
    throw new GraphHttpError(400, "Request_BadRequest", `A request can add at most ${MAX_BINDS} members and owners.`);
  }
  const ids = list.map(idFromReference);
  for (const id of ids) {
    if (id === groupId) throw new GraphHttpError(400, "Request_BadRequest", "A group cannot be a member of itself.");
    if (!findDirectoryObject(store, id)) throw notFound(id);
  }
  for (const id of Array.isArray(owners) ? owners.map(idFromReference) : []) {
    if (!store.get("users", id)) throw notFound(id);
  }
  return ids;
}

function newGroup(ctx: RouteContext, body: Record<string, unknown>, extra: Partial<GroupDoc> = {}): GroupDoc {
  for (const key of Object.keys(body)) {
    if (PATCH_ONLY.includes(key)) throw new GraphHttpError(400, "Request_BadRequest", `Property '${key}' cannot be set when the group is created; set it with PATCH.`);
  }
  for (const required of ["displayName", "mailEnabled", "mailNickname", "securityEnabled"]) {
    if (body[required] === undefined || body[required] === null) throw invalidValue(required);
  }
  if (body.isAssignableToRole === true && !ctx.roles.includes("RoleManagement.ReadWrite.Directory")) {
    // graph-facts §1: setting isAssignableToRole needs RoleManagement.ReadWrite.Directory.
    throw new GraphHttpError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
  }
  const created = ctx.now().toISOString().replace(/\.\d{3}Z$/, "Z");
  const id = randomUUID();
  const group: GroupDoc = {
    id,
    deletedDateTime: null,
    assignedLicenses: [],
    classification: null,
    createdDateTime: created,
    description: null,
    displayName: "",
    expirationDateTime: null,
    groupTypes: [],
    hasMembersWithLicenseErrors: false,
    infoCatalogs: [],
    isAssignableToRole: null,
    licenseProcessingState: null,
    mail: null,
    mailEnabled: false,
    mailNickname: "",
    membershipRule: null,
    membershipRuleProcessingState: null,
    onPremisesDomainName: null,
    onPremisesLastSyncDateTime: null,
    onPremisesNetBiosName: null,
    onPremisesProvisioningErrors: [],
    onPremisesSamAccountName: null,
    onPremisesSecurityIdentifier: null,
    onPremisesSyncEnabled: null,
    preferredDataLocation: null,
    preferredLanguage: null,
    proxyAddresses: [],
    renewedDateTime: created,
    resourceBehaviorOptions: [],
    resourceProvisioningOptions: [],
    securityEnabled: false,
    securityIdentifier: `S-1-12-1-${createHash("sha256").update(id).digest().readUInt32BE(0)}`,
    serviceProvisioningErrors: [],
    theme: null,
    uniqueName: null,
    visibility: isMicrosoft365Group(body.groupTypes) ? "Public" : null,
    _members: [],
    ...extra,
  };
  for (const [key, value] of Object.entries(body)) if (WRITABLE.has(key)) group[key] = value;
  validateGroupFields(ctx.store, group, null);
  const members = resolveMemberBinds(ctx.store, body, id);
  if (members.length && isDynamicGroup(group)) throw dynamicMembersError();
  group._members = [...new Set(members)];
  const owners = body["owners@odata.bind"];
  group._owners = Array.isArray(owners) ? owners.map(idFromReference) : [];
  return group;
}

function dynamicMembersError(): GraphHttpError {
  // "You can't manually add or remove a member of a dynamic membership group" (groups-dynamic-membership.md).
  return new GraphHttpError(400, "Request_BadRequest", "Members of a dynamic membership group are computed from its membershipRule and cannot be added or removed manually.");
}

function patchGroup(ctx: RouteContext, group: GroupDoc, body: Record<string, unknown>): void {
  for (const key of Object.keys(body)) {
    if (!WRITABLE.has(key) && key !== "members@odata.bind" && key !== "owners@odata.bind" && !key.startsWith("@")) {
      throw new GraphHttpError(400, "Request_BadRequest", `Property '${key}' is read-only or not supported on group.`);
    }
  }
  if ("isAssignableToRole" in body && body.isAssignableToRole !== group.isAssignableToRole) {
    throw new GraphHttpError(400, "Request_BadRequest", "isAssignableToRole can only be set when the group is created.");
  }
  if (typeof group.uniqueName === "string" && "uniqueName" in body && body.uniqueName !== group.uniqueName) {
    throw new GraphHttpError(400, "Request_BadRequest", "uniqueName cannot be changed once it is set.");
  }
  const next: GroupDoc = { ...group };
  for (const [key, value] of Object.entries(body)) if (WRITABLE.has(key)) next[key] = value;
  validateGroupFields(ctx.store, next, group.id);
  const added = resolveMemberBinds(ctx.store, body, group.id);
  if (added.length && isDynamicGroup(next)) throw dynamicMembersError();
  Object.assign(group, next);
  if (added.length) setGroupMembers(ctx.store, group, [...new Set([...group._members, ...added])], Date.now());
}

function locationOf(ctx: RouteContext, group: GroupDoc): string {
  // The Location Graph returns for group writes (group-assignlicense.md example).
  return `${ctx.baseUrl}/v2/${ctx.tenantId}/directoryObjects/${group.id}/Microsoft.DirectoryServices.Group`;
}

/** Members (or members in licence error) as a `directoryObject` collection. */
function answerMembers(ctx: RouteContext, ids: readonly string[], contextPath: string) {
  const selected = ctx.query.has("$select");
  const members = findDirectoryObjects(ctx.store, ids).map((found) => directoryObjectView(found.kind, found.doc, selected));
  return ctx.collection(members, directoryCollection(contextPath, { entityType: "microsoft.graph.directoryObject", advancedQueryNeedsEventual: true }));
}

/** Runs a member change on a group that is not dynamic, inside one transaction, and saves it. */
function changeAssignedMembers(ctx: RouteContext, change: (group: GroupDoc) => readonly string[]) {
  ctx.store.tx(() => {
    const group = requireGroup(ctx.store, ctx.params.id ?? "");
    if (isDynamicGroup(group)) throw dynamicMembersError();
    setGroupMembers(ctx.store, group, change(group), Date.now());
    saveDirectoryObject(ctx.store, "groups", group);
  });
  return { status: 204 };
}

const groupEntity = (ctx: RouteContext, group: GroupDoc) => stripNeverReturned(ctx.entity(group, "groups/$entity", GROUP_DEFAULT_SELECT, GROUP));

export const groupRoutes: RouteDef[] = [
  directoryRoute("GET", "/groups", (ctx) => stripNeverReturned(ctx.collection(ctx.store.list("groups"), GROUPS))),
  directoryRoute("POST", "/groups", (ctx) => {
    const body = requireObjectBody(ctx.body);
    rejectUndeclaredProperties(body, GROUP, ctx.version);
    const group = ctx.store.tx(() => saveDirectoryObject(ctx.store, "groups", newGroup(ctx, body)));
    return { ...groupEntity(ctx, group), status: 201 };
  }),
  // Upsert by alternate key (group-upsert.md; graph-facts §1): 201 + body when created, 204 when updated.
  directoryRoute(
    "PATCH",
    "/groups(uniqueName='{uniqueName}')",
    (ctx) => {
      const body = requireObjectBody(ctx.body);
      rejectUndeclaredProperties(body, GROUP, ctx.version);
      const uniqueName = ctx.params.uniqueName ?? "";
      const createIfMissing = (ctx.headers.prefer ?? "").split(",").some((p) => p.trim().toLowerCase() === "create-if-missing");
      return ctx.store.tx(() => {
        const existing = findGroupByUniqueName(ctx.store, uniqueName);
        if (existing) {
          patchGroup(ctx, existing, { ...body, uniqueName: existing.uniqueName });
          saveDirectoryObject(ctx.store, "groups", existing);
          return { status: 204 };
        }
        if (!createIfMissing) throw notFound(uniqueName);
        if (body.uniqueName !== undefined && body.uniqueName !== uniqueName) throw invalidValue("uniqueName");
        const group = saveDirectoryObject(ctx.store, "groups", newGroup(ctx, { ...body, uniqueName }));
        return { ...groupEntity(ctx, group), status: 201 };
      });
    },
    { permissionPath: "/groups/{id}" },
  ),
  directoryRoute("GET", "/groups/delta", (ctx) =>
    answerDelta({ kind: "groups", version: ctx.version, baseUrl: ctx.baseUrl, query: ctx.query, store: ctx.store, defaultSelect: GROUP_DEFAULT_SELECT }),
  ),
  directoryRoute("GET", "/groups/{id}", (ctx) => groupEntity(ctx, requireGroup(ctx.store, ctx.params.id ?? ""))),
  directoryRoute("PATCH", "/groups/{id}", (ctx) => {
    const body = requireObjectBody(ctx.body);
    rejectUndeclaredProperties(body, GROUP, ctx.version);
    ctx.store.tx(() => {
      const group = requireGroup(ctx.store, ctx.params.id ?? "");
      patchGroup(ctx, group, body);
      saveDirectoryObject(ctx.store, "groups", group);
    });
    return { status: 204 };
  }),
  directoryRoute("DELETE", "/groups/{id}", (ctx) => {
    ctx.store.tx(() => {
      const group = requireGroup(ctx.store, ctx.params.id ?? "");
      removeFromAllGroups(ctx.store, group.id, Date.now());
      // The group's licences leave its members with it.
      const withdrawn = withdrawGroupLicenses(ctx.store, group.id, ctx.now());
      // Security groups are deleted for good; Microsoft 365 groups go to deleted items (graph-facts §1).
      deleteDirectoryObject(ctx.store, "groups", group.id, isMicrosoft365Group(group.groupTypes) ? "changed" : "deleted");
      if (withdrawn) refreshConsumedUnits(ctx.store);
    });
    return { status: 204 };
  }),
  directoryRoute("GET", "/groups/{id}/members", (ctx) => answerMembers(ctx, requireGroup(ctx.store, ctx.params.id ?? "")._members ?? [], "directoryObjects")),
  // Every member at any depth of nesting, each once (group-list-transitivemembers.md).
  directoryRoute("GET", "/groups/{id}/transitiveMembers", (ctx) =>
    answerMembers(ctx, transitiveMemberIds(ctx.store, requireGroup(ctx.store, ctx.params.id ?? "").id), "directoryObjects"),
  ),
  // Not in the permissions map ($ref paths are absent, graph-facts §12); GroupMember.ReadWrite.All per the docs.
  directoryRoute("POST", "/groups/{id}/members/$ref", (ctx) => {
    const memberId = idFromReference(requireObjectBody(ctx.body)["@odata.id"]);
    return changeAssignedMembers(ctx, (group) => {
      if (!findDirectoryObject(ctx.store, memberId)) throw notFound(memberId);
      if (memberId === group.id) throw new GraphHttpError(400, "Request_BadRequest", "A group cannot be a member of itself.");
      if ((group._members ?? []).includes(memberId)) {
        // graph-facts §1, "Duplicate member add".
        throw new GraphHttpError(400, "Request_BadRequest", "One or more added object references already exist for the following modified properties: 'members'.");
      }
      return [...(group._members ?? []), memberId];
    });
  }),
  directoryRoute(
    "DELETE",
    "/groups/{id}/members/{memberId}/$ref",
    (ctx) => {
      const memberId = (ctx.params.memberId ?? "").toLowerCase();
      return changeAssignedMembers(ctx, (group) => {
        if (!(group._members ?? []).includes(memberId)) throw notFound(memberId);
        return group._members.filter((m) => m !== memberId);
      });
    },
    { permissionPath: "/groups/{id}/members/{id}" },
  ),
  // Not in the permissions map; reading it needs the same rights as reading members.
  directoryRoute(
    "GET",
    "/groups/{id}/membersWithLicenseErrors",
    (ctx) => answerMembers(ctx, requireGroup(ctx.store, ctx.params.id ?? "")._licenseErrorMembers ?? [], "users"),
    { permissionPath: "/groups/{id}/members" },
  ),
  directoryRoute("POST", "/groups/{id}/assignLicense", (ctx) => {
    rejectUndeclaredActionProperties(ctx.body, "microsoft.graph.group/assignLicense", ctx.version);
    const { add, remove } = parseAssignLicenseBody(ctx.body);
    const group = ctx.store.tx(() => {
      const g = requireGroup(ctx.store, ctx.params.id ?? "");
      assignGroupLicenses(ctx.store, g, add, remove, Date.now());
      return saveDirectoryObject(ctx.store, "groups", g);
    });
    // 202 Accepted with the group and a Location header (group-assignlicense.md).
    const result = groupEntity(ctx, group);
    return { ...result, status: 202, headers: { ...(result.headers ?? {}), location: locationOf(ctx, group) } };
  }),
];
