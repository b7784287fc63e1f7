/**
 * `/groups` (v1.0 and beta): create (displayName NOT unique — a retried POST makes a second
 * group), `uniqueName` upsert with `Prefer: create-if-missing`, read, update, delete, `members`,
 * `members/$ref`, `assignLicense` (202; licences reach members through the licensing ticker),
 * `membersWithLicenseErrors`, dynamic membership rules and `/groups/delta` (graph-facts §1, §3, §9.7, §9.9).
 */
import { createHash, randomUUID } from "node:crypto";
import { GraphHttpError, type CollectionOptions, type RouteContext, type RouteDef, type SimStore } from "../framework.ts";
import { deleteDirectoryObject, saveDirectoryObject } from "../directory/change-log.ts";
import { answerDelta } from "../directory/delta.ts";
import { compileMembershipRule } from "../directory/evaluate-membership-rule.ts";
import { deriveUserLicenses, parseAssignLicenseBody, refreshConsumedUnits, validateLicenses } from "../directory/licensing.ts";
import { asDirectoryObject, GROUP_BASIC_FILTER, GROUP_DEFAULT_SELECT, notFound, requireGroup, requireObjectBody, USER_DEFAULT_SELECT } from "../directory/lookup.ts";
import { MembershipRuleError } from "../directory/membership-rule.ts";
import { directGroupsOf, findDirectoryObject, isDynamicGroup, queueGroupLicensing, setGroupMembers } from "../directory/membership.ts";
import type { DirectoryObjectKind, GroupDoc, SkuDoc, UserDoc } from "../directory/types.ts";

const GROUPS: CollectionOptions = {
  contextPath: "groups",
  maxTop: 999,
  defaultTop: 100,
  defaultSelect: GROUP_DEFAULT_SELECT,
  basicFilterProperties: GROUP_BASIC_FILTER,
  advancedQueryNeedsEventual: true,
};

/** `hasMembersWithLicenseErrors` "is never returned on a GET operation" but can be filtered on (group resource docs). */
const NEVER_RETURNED = ["hasMembersWithLicenseErrors"];

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

function invalidValue(property: string): GraphHttpError {
  return new GraphHttpError(400, "Request_BadRequest", `Invalid value specified for property '${property}' of resource 'Group'.`);
}

function stripNeverReturned(result: { status: number; body?: unknown; headers?: Record<string, string> }) {
  const body = result.body as { value?: Record<string, unknown>[] } & Record<string, unknown>;
  for (const item of body?.value ?? [body]) for (const name of NEVER_RETURNED) if (item) delete item[name];
  return result;
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
  const unified = group.groupTypes.some((t) => t.toLowerCase() === "unified");
  const others = store.list<GroupDoc>("groups").filter((g) => g.id !== selfId);
  // mailNickname is unique only for Microsoft 365 groups (graph-facts §1).
  if (unified && others.some((g) => g.groupTypes.some((t) => t.toLowerCase() === "unified") && String(g.mailNickname).toLowerCase() === String(group.mailNickname).toLowerCase())) {
    throw new GraphHttpError(400, "Request_BadRequest", "Another object with the same value for property mailNickname already exists.", {}, [{ code: "ObjectConflict", target: "mailNickname" }]);
  }
  if (group.uniqueName != null) {
    if (typeof group.uniqueName !== "string" || group.uniqueName === "") throw invalidValue("uniqueName");
    const name = group.uniqueName.toLowerCase();
    if (others.some((g) => typeof g.uniqueName === "string" && g.uniqueName.toLowerCase() === name)) {
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
  const unified = Array.isArray(body.groupTypes) && body.groupTypes.some((t) => String(t).toLowerCase() === "unified");
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
    visibility: unified ? "Public" : null,
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

/** Members as Graph lists them: each with its `@odata.type`, users and groups with their default property sets. */
function memberObjects(ctx: RouteContext, ids: readonly string[]): Record<string, unknown>[] {
  const selected = ctx.query.has("$select");
  const out: Record<string, unknown>[] = [];
  for (const id of ids) {
    const found = findDirectoryObject(ctx.store, id);
    if (!found) continue;
    const defaults: Record<DirectoryObjectKind, string[] | null> = { users: USER_DEFAULT_SELECT, groups: GROUP_DEFAULT_SELECT, devices: null };
    const names = selected ? null : defaults[found.kind];
    const doc = names ? Object.fromEntries(Object.entries(found.doc).filter(([k]) => names.includes(k) || k.startsWith("_"))) : found.doc;
    if (found.kind === "groups") delete doc.hasMembersWithLicenseErrors;
    out.push(asDirectoryObject(found.kind, doc));
  }
  return out;
}

const DIRECTORY_OBJECTS = (contextPath: string): CollectionOptions => ({
  contextPath,
  maxTop: 999,
  defaultTop: 100,
  defaultSelect: null,
  basicFilterProperties: null,
  advancedQueryNeedsEventual: true,
});

function findByUniqueName(store: SimStore, uniqueName: string): GroupDoc | undefined {
  const wanted = uniqueName.toLowerCase();
  return store.list<GroupDoc>("groups").find((g) => typeof g.uniqueName === "string" && g.uniqueName.toLowerCase() === wanted);
}

function locationOf(ctx: RouteContext, group: GroupDoc): string {
  // The Location Graph returns for group writes (group-assignlicense.md example).
  return `${ctx.baseUrl}/v2/${ctx.tenantId}/directoryObjects/${group.id}/Microsoft.DirectoryServices.Group`;
}

export const groupRoutes: RouteDef[] = [
  {
    method: "GET",
    path: "/groups",
    versions: ["v1.0", "beta"],
    throttle: "directory",
    write: false,
    handler: (ctx) => stripNeverReturned(ctx.collection(ctx.store.list("groups"), GROUPS)),
  },
  {
    method: "POST",
    path: "/groups",
    versions: ["v1.0", "beta"],
    throttle: "directory",
    write: true,
    handler: (ctx) => {
      const body = requireObjectBody(ctx.body);
      const group = ctx.store.tx(() => saveDirectoryObject(ctx.store, "groups", newGroup(ctx, body)));
      return stripNeverReturned({ ...ctx.entity(group, "groups/$entity", GROUP_DEFAULT_SELECT), status: 201 });
    },
  },
  {
    // Upsert by alternate key (group-upsert.md; graph-facts §1): 201 + body when created, 204 when updated.
    method: "PATCH",
    path: "/groups(uniqueName='{uniqueName}')",
    permissionPath: "/groups/{id}",
    versions: ["v1.0", "beta"],
    throttle: "directory",
    write: true,
    handler: (ctx) => {
      const body = requireObjectBody(ctx.body);
      const uniqueName = ctx.params.uniqueName ?? "";
      const createIfMissing = (ctx.headers.prefer ?? "").split(",").some((p) => p.trim().toLowerCase() === "create-if-missing");
      return ctx.store.tx(() => {
        const existing = findByUniqueName(ctx.store, uniqueName);
        if (existing) {
          patchGroup(ctx, existing, { ...body, uniqueName: existing.uniqueName });
          saveDirectoryObject(ctx.store, "groups", existing);
          return { status: 204 };
        }
        if (!createIfMissing) throw notFound(uniqueName);
        if (body.uniqueName !== undefined && body.uniqueName !== uniqueName) throw invalidValue("uniqueName");
        const group = saveDirectoryObject(ctx.store, "groups", newGroup(ctx, { ...body, uniqueName }));
        return stripNeverReturned({ ...ctx.entity(group, "groups/$entity", GROUP_DEFAULT_SELECT), status: 201 });
      });
    },
  },
  {
    method: "GET",
    path: "/groups/delta",
    versions: ["v1.0", "beta"],
    throttle: "directory",
    write: false,
    handler: (ctx) =>
      answerDelta({ kind: "groups", version: ctx.version, baseUrl: ctx.baseUrl, query: ctx.query, store: ctx.store, defaultSelect: GROUP_DEFAULT_SELECT }),
  },
  {
    method: "GET",
    path: "/groups/{id}",
    versions: ["v1.0", "beta"],
    throttle: "directory",
    write: false,
    handler: (ctx) => stripNeverReturned(ctx.entity(requireGroup(ctx.store, ctx.params.id ?? ""), "groups/$entity", GROUP_DEFAULT_SELECT)),
  },
  {
    method: "PATCH",
    path: "/groups/{id}",
    versions: ["v1.0", "beta"],
    throttle: "directory",
    write: true,
    handler: (ctx) => {
      const body = requireObjectBody(ctx.body);
      ctx.store.tx(() => {
        const group = requireGroup(ctx.store, ctx.params.id ?? "");
        patchGroup(ctx, group, body);
        saveDirectoryObject(ctx.store, "groups", group);
      });
      return { status: 204 };
    },
  },
  {
    method: "DELETE",
    path: "/groups/{id}",
    versions: ["v1.0", "beta"],
    throttle: "directory",
    write: true,
    handler: (ctx) => {
      ctx.store.tx(() => {
        const group = requireGroup(ctx.store, ctx.params.id ?? "");
        for (const parent of directGroupsOf(ctx.store, group.id)) {
          setGroupMembers(ctx.store, parent, parent._members.filter((m) => m !== group.id), Date.now());
          saveDirectoryObject(ctx.store, "groups", parent);
        }
        // The group's licences leave its members with it.
        const skus = ctx.store.list<SkuDoc>("subscribedSkus");
        for (const user of ctx.store.list<UserDoc>("users")) {
          if (!(user.licenseAssignmentStates ?? []).some((s) => s.assignedByGroup === group.id)) continue;
          user.licenseAssignmentStates = user.licenseAssignmentStates.filter((s) => s.assignedByGroup !== group.id);
          deriveUserLicenses(user, skus, ctx.now().toISOString());
          saveDirectoryObject(ctx.store, "users", user);
        }
        // Security groups are deleted for good; Microsoft 365 groups go to deleted items (graph-facts §1).
        const unified = group.groupTypes.some((t) => t.toLowerCase() === "unified");
        deleteDirectoryObject(ctx.store, "groups", group.id, unified ? "changed" : "deleted");
        refreshConsumedUnits(ctx.store);
      });
      return { status: 204 };
    },
  },
  {
    method: "GET",
    path: "/groups/{id}/members",
    versions: ["v1.0", "beta"],
    throttle: "directory",
    write: false,
    handler: (ctx) => {
      const group = requireGroup(ctx.store, ctx.params.id ?? "");
      return ctx.collection(memberObjects(ctx, group._members ?? []), DIRECTORY_OBJECTS("directoryObjects"));
    },
  },
  {
    // Not in the permissions map ($ref paths are absent, graph-facts §12); GroupMember.ReadWrite.All per the docs.
    method: "POST",
    path: "/groups/{id}/members/$ref",
    versions: ["v1.0", "beta"],
    throttle: "directory",
    write: true,
    handler: (ctx) => {
      const body = requireObjectBody(ctx.body);
      const memberId = idFromReference(body["@odata.id"]);
      ctx.store.tx(() => {
        const group = requireGroup(ctx.store, ctx.params.id ?? "");
        if (isDynamicGroup(group)) throw dynamicMembersError();
        if (!findDirectoryObject(ctx.store, memberId)) throw notFound(memberId);
        if (memberId === group.id) throw new GraphHttpError(400, "Request_BadRequest", "A group cannot be a member of itself.");
        if ((group._members ?? []).includes(memberId)) {
          // graph-facts §1, "Duplicate member add".
          throw new GraphHttpError(400, "Request_BadRequest", "One or more added object references already exist for the following modified properties: 'members'.");
        }
        setGroupMembers(ctx.store, group, [...(group._members ?? []), memberId], Date.now());
        saveDirectoryObject(ctx.store, "groups", group);
      });
      return { status: 204 };
    },
  },
  {
    method: "DELETE",
    path: "/groups/{id}/members/{memberId}/$ref",
    permissionPath: "/groups/{id}/members/{id}",
    versions: ["v1.0", "beta"],
    throttle: "directory",
    write: true,
    handler: (ctx) => {
      const memberId = (ctx.params.memberId ?? "").toLowerCase();
      ctx.store.tx(() => {
        const group = requireGroup(ctx.store, ctx.params.id ?? "");
        if (isDynamicGroup(group)) throw dynamicMembersError();
        if (!(group._members ?? []).includes(memberId)) throw notFound(memberId);
        setGroupMembers(ctx.store, group, group._members.filter((m) => m !== memberId), Date.now());
        saveDirectoryObject(ctx.store, "groups", group);
      });
      return { status: 204 };
    },
  },
  {
    method: "GET",
    path: "/groups/{id}/membersWithLicenseErrors",
    // Not in the permissions map; reading it needs the same rights as reading members.
    permissionPath: "/groups/{id}/members",
    versions: ["v1.0", "beta"],
    throttle: "directory",
    write: false,
    handler: (ctx) => {
      const group = requireGroup(ctx.store, ctx.params.id ?? "");
      return ctx.collection(memberObjects(ctx, group._licenseErrorMembers ?? []), DIRECTORY_OBJECTS("users"));
    },
  },
  {
    method: "POST",
    path: "/groups/{id}/assignLicense",
    versions: ["v1.0", "beta"],
    throttle: "directory",
    write: true,
    handler: (ctx) => {
      const { add, remove } = parseAssignLicenseBody(ctx.body);
      const group = ctx.store.tx(() => {
        const g = requireGroup(ctx.store, ctx.params.id ?? "");
        validateLicenses(ctx.store.list<SkuDoc>("subscribedSkus"), add, remove);
        const kept = (g.assignedLicenses ?? []).filter((l) => !remove.includes(l.skuId) && !add.some((a) => a.skuId === l.skuId));
        g.assignedLicenses = [...kept, ...add];
        queueGroupLicensing(g, Date.now());
        return saveDirectoryObject(ctx.store, "groups", g);
      });
      // 202 Accepted with the group and a Location header (group-assignlicense.md).
      const result = stripNeverReturned(ctx.entity(group, "groups/$entity", GROUP_DEFAULT_SELECT));
      return { ...result, status: 202, headers: { ...(result.headers ?? {}), location: locationOf(ctx, group) } };
    },
  },
];
