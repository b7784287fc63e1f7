/**
 * `/users` (v1.0 and beta): create, read by id or UPN, update (incl. `passwordProfile` and
 * `passwordPolicies`), delete, `licenseDetails`, `memberOf`, `assignLicense` and `/users/delta`
 * (graph-facts §2, §3.3, §7, §9.7). UPNs are unique (400 `ObjectConflict`); passwords are never
 * stored or returned — only the time they changed, on the tenant clock.
 */
import { GraphHttpError, type RouteContext, type RouteDef, type SimStore } from "../framework.ts";
import { deleteDirectoryObject, saveDirectoryObject } from "../directory/change-log.ts";
import { directoryCollection } from "../directory/collection-options.ts";
import { answerDelta } from "../directory/delta.ts";
import { directoryRoute } from "../directory/directory-route.ts";
import { assignUserLicenses, parseAssignLicenseBody, refreshConsumedUnits } from "../directory/licensing.ts";
import { findUser, requireUser } from "../directory/lookup.ts";
import { answerMemberOf } from "../directory/member-of.ts";
import { sqliteStoreOf } from "../store.ts";
import { queueGroupLicensing, removeFromAllGroups } from "../directory/membership.ts";
import { USER_BASIC_FILTER, USER_DEFAULT_SELECT } from "../directory/property-sets.ts";
import { rejectUndeclaredActionProperties, rejectUndeclaredProperties, requireObjectBody } from "../directory/request-body.ts";
import type { GroupDoc, SkuDoc, UserDoc } from "../directory/types.ts";
import { userDocument } from "../directory/user-document.ts";
import { hashUserPassword } from "../auth/user-password.ts";

const USER = "microsoft.graph.user";
const USERS = directoryCollection("users", { entityType: USER, defaultSelect: USER_DEFAULT_SELECT, basicFilterProperties: USER_BASIC_FILTER, advancedQueryNeedsEventual: true });

/** "A–Z a–z 0–9 ' . - _ ! # ^ ~" before the @ (user-post-users.md, via graph-facts §2). */
const UPN_LOCAL_PART = /^[A-Za-z0-9'._!#^~-]+$/;

/** Properties a client may set on create or PATCH; everything else is read-only or out of scope. */
const WRITABLE = new Set([
  "accountEnabled",
  "ageGroup",
  "businessPhones",
  "city",
  "companyName",
  "consentProvidedForMinor",
  "country",
  "department",
  "displayName",
  "employeeId",
  "employeeType",
  "faxNumber",
  "givenName",
  "jobTitle",
  "mail",
  "mailNickname",
  "mobilePhone",
  "officeLocation",
  "otherMails",
  "passwordPolicies",
  "postalCode",
  "preferredLanguage",
  "showInAddressList",
  "state",
  "streetAddress",
  "surname",
  "usageLocation",
  "userPrincipalName",
  "userType",
]);

/**
 * The longest values Entra ID takes, each from the "Maximum length is N characters" of the property
 * in Graph's user resource reference (microsoft-graph-docs-contrib
 * `api-reference/v1.0/resources/user.md`). The other writable strings document no limit; the body
 * size limit bounds them.
 */
export const USER_MAX_LENGTH: Readonly<Record<string, number>> = {
  city: 128,
  companyName: 64,
  country: 128,
  department: 64,
  displayName: 256,
  employeeId: 16,
  givenName: 64,
  jobTitle: 128,
  mailNickname: 64,
  mobilePhone: 64,
  postalCode: 40,
  state: 128,
  streetAddress: 1024,
  surname: 64,
};

function invalidValue(property: string): GraphHttpError {
  return new GraphHttpError(400, "Request_BadRequest", `Invalid value specified for property '${property}' of resource 'User'.`);
}

/**
 * Entra's default password rule: 8–256 characters and three of upper case, lower case, digits and
 * symbols, unless the user has `DisableStrongPassword` (Entra password policy docs).
 */
function checkPassword(password: string, policies: unknown): void {
  const relaxed = typeof policies === "string" && /DisableStrongPassword/i.test(policies);
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  const ok = password.length <= 256 && (relaxed ? password.length >= 1 : password.length >= 8 && classes >= 3);
  if (!ok) {
    throw new GraphHttpError(400, "Request_BadRequest", "The specified password does not comply with password complexity requirements. Please provide a different password.");
  }
}

function checkUpn(store: SimStore, upn: unknown, selfId: string | null): string {
  if (typeof upn !== "string") throw invalidValue("userPrincipalName");
  const at = upn.lastIndexOf("@");
  const local = upn.slice(0, at);
  const domain = upn.slice(at + 1).toLowerCase();
  if (at <= 0 || !UPN_LOCAL_PART.test(local) || local.startsWith(".") || local.endsWith(".")) throw invalidValue("userPrincipalName");
  // Domain documents are keyed by their lower-cased name (directory/seed.ts).
  if (!store.get<{ id: string; isVerified: boolean }>("domains", domain)?.isVerified) {
    throw new GraphHttpError(
      400,
      "Request_BadRequest",
      "The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.",
      {},
      [{ code: "InvalidValue", target: "userPrincipalName" }],
    );
  }
  const holder = findUser(store, upn);
  if (holder && holder.id !== selfId) {
    // graph-facts §2: "UPN uniqueness".
    throw new GraphHttpError(400, "Request_BadRequest", "Another object with the same value for property userPrincipalName already exists.", {}, [
      { code: "ObjectConflict", target: "userPrincipalName" },
    ]);
  }
  return upn;
}

function checkTypes(body: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(body)) {
    if (key === "passwordProfile" || key.startsWith("@")) continue;
    if (!WRITABLE.has(key)) throw new GraphHttpError(400, "Request_BadRequest", `Property '${key}' is read-only or not supported on user.`);
    if (value === null) continue;
    const boolProps = ["accountEnabled", "showInAddressList"];
    const listProps = ["businessPhones", "otherMails"];
    if (boolProps.includes(key) ? typeof value !== "boolean" : listProps.includes(key) ? !Array.isArray(value) : typeof value !== "string") throw invalidValue(key);
    const max = USER_MAX_LENGTH[key];
    if (max !== undefined && typeof value === "string" && value.length > max) throw invalidValue(key);
  }
  if (typeof body.usageLocation === "string" && !/^[A-Z]{2}$/.test(body.usageLocation)) throw invalidValue("usageLocation");
}

function applyPasswordProfile(user: UserDoc, profile: unknown, now: Date): void {
  const p = profile as { password?: unknown; forceChangePasswordNextSignIn?: unknown; forceChangePasswordNextSignInWithMfa?: unknown } | null;
  if (!p || typeof p !== "object" || typeof p.password !== "string") throw invalidValue("passwordProfile");
  checkPassword(p.password, user.passwordPolicies);
  // The password itself is write-only (graph-facts §2): keep only the facts about it, and a hash
  // the sign-in page checks (auth/user-password.ts).
  user._passwordHash = hashUserPassword(p.password);
  user._forceChangePasswordNextSignIn = p.forceChangePasswordNextSignIn === true;
  user._forceChangePasswordNextSignInWithMfa = p.forceChangePasswordNextSignInWithMfa === true;
  user.lastPasswordChangeDateTime = now.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function newUser(store: SimStore, body: Record<string, unknown>, now: Date): UserDoc {
  for (const required of ["accountEnabled", "displayName", "mailNickname", "passwordProfile", "userPrincipalName"]) {
    if (body[required] === undefined || body[required] === null) throw invalidValue(required);
  }
  checkTypes(body);
  const upn = checkUpn(store, body.userPrincipalName, null);
  const initial = store.list<{ id: string; isInitial: boolean }>("domains").find((d) => d.isInitial)?.id ?? upn.slice(upn.indexOf("@") + 1);
  const user = userDocument(upn, initial, now, {
    accountEnabled: body.accountEnabled,
    displayName: body.displayName as string,
    mailNickname: body.mailNickname,
  });
  for (const [key, value] of Object.entries(body)) if (WRITABLE.has(key)) user[key] = value;
  applyPasswordProfile(user, body.passwordProfile, now);
  return user;
}

function licenseDetailsId(user: UserDoc, skuId: string): string {
  return Buffer.from(`${user.id}_${skuId}`).toString("base64url");
}

/** Groups to license again after a user's usage location changed: those whose licence is in error for the user. */
function requeueErroredGroupLicences(store: SimStore, user: UserDoc): void {
  const groupIds = new Set((user.licenseAssignmentStates ?? []).filter((s) => s.state === "Error" && s.assignedByGroup).map((s) => s.assignedByGroup as string));
  for (const id of groupIds) {
    const group = store.get<GroupDoc>("groups", id);
    if (!group) continue;
    queueGroupLicensing(group, Date.now());
    saveDirectoryObject(store, "groups", group);
  }
}

function patchUser(ctx: RouteContext) {
  const body = requireObjectBody(ctx.body);
  rejectUndeclaredProperties(body, USER, ctx.version);
  ctx.store.tx(() => {
    const user = requireUser(ctx.store, ctx.params.id ?? "");
    checkTypes(body);
    if (body.userPrincipalName !== undefined) checkUpn(ctx.store, body.userPrincipalName, user.id);
    for (const required of ["displayName", "userPrincipalName", "mailNickname", "accountEnabled"]) {
      if (required in body && body[required] === null) throw invalidValue(required);
    }
    const locationChanged = "usageLocation" in body && body.usageLocation !== user.usageLocation;
    for (const [key, value] of Object.entries(body)) if (WRITABLE.has(key)) user[key] = value;
    if (body.passwordProfile !== undefined) applyPasswordProfile(user, body.passwordProfile, ctx.now());
    saveDirectoryObject(ctx.store, "users", user);
    if (locationChanged) requeueErroredGroupLicences(ctx.store, user);
  });
  return { status: 204 };
}

function licenseDetails(ctx: RouteContext) {
  const user = requireUser(ctx.store, ctx.params.id ?? "");
  const skus = ctx.store.list<SkuDoc>("subscribedSkus");
  const details = user.assignedLicenses.map((lic) => {
    const sku = skus.find((s) => s.skuId === lic.skuId);
    return {
      id: licenseDetailsId(user, lic.skuId),
      skuId: lic.skuId,
      skuPartNumber: sku?.skuPartNumber ?? null,
      servicePlans: (sku?.servicePlans ?? []).map((p) => ({
        servicePlanId: p.servicePlanId,
        servicePlanName: p.servicePlanName,
        provisioningStatus: lic.disabledPlans.includes(p.servicePlanId) ? "Disabled" : "Success",
        appliesTo: p.appliesTo,
      })),
    };
  });
  return ctx.collection(details, directoryCollection(`users('${user.id}')/licenseDetails`, { entityType: "microsoft.graph.licenseDetails" }));
}

export const userRoutes: RouteDef[] = [
  // Paged with $top ≤ 999, a large directory is read page by page: each page shares one parse of the collection.
  directoryRoute("GET", "/users", (ctx) => ctx.collection(sqliteStoreOf(ctx.store).listShared("users"), USERS)),
  directoryRoute("POST", "/users", (ctx) => {
    const body = requireObjectBody(ctx.body);
    rejectUndeclaredProperties(body, USER, ctx.version);
    const user = ctx.store.tx(() => saveDirectoryObject(ctx.store, "users", newUser(ctx.store, body, ctx.now())));
    return { ...ctx.entity(user, "users/$entity", USER_DEFAULT_SELECT, USER), status: 201 };
  }),
  directoryRoute("GET", "/users/delta", (ctx) =>
    answerDelta({ kind: "users", version: ctx.version, baseUrl: ctx.baseUrl, query: ctx.query, store: ctx.store, defaultSelect: USER_DEFAULT_SELECT }),
  ),
  directoryRoute("GET", "/users/{id}", (ctx) => ctx.entity(requireUser(ctx.store, ctx.params.id ?? ""), "users/$entity", USER_DEFAULT_SELECT, USER)),
  directoryRoute("PATCH", "/users/{id}", patchUser),
  directoryRoute("DELETE", "/users/{id}", (ctx) => {
    ctx.store.tx(() => {
      const user = requireUser(ctx.store, ctx.params.id ?? "");
      removeFromAllGroups(ctx.store, user.id, Date.now());
      // Deleted users go to deleted items for 30 days, so delta reports them as "changed".
      deleteDirectoryObject(ctx.store, "users", user.id, "changed");
      if ((user.licenseAssignmentStates ?? []).length) refreshConsumedUnits(ctx.store);
    });
    return { status: 204 };
  }),
  directoryRoute("GET", "/users/{id}/licenseDetails", licenseDetails),
  directoryRoute("GET", "/users/{id}/memberOf", (ctx) => answerMemberOf(ctx, requireUser(ctx.store, ctx.params.id ?? "").id)),
  directoryRoute("POST", "/users/{id}/assignLicense", (ctx) => {
    rejectUndeclaredActionProperties(ctx.body, "microsoft.graph.user/assignLicense", ctx.version);
    const { add, remove } = parseAssignLicenseBody(ctx.body);
    const user = ctx.store.tx(() => {
      const found = requireUser(ctx.store, ctx.params.id ?? "");
      assignUserLicenses(ctx.store, found, add, remove, ctx.now());
      saveDirectoryObject(ctx.store, "users", found);
      refreshConsumedUnits(ctx.store);
      return found;
    });
    // assignLicense answers 200 with the user (user-assignlicense.md).
    return ctx.entity(user, "users/$entity", USER_DEFAULT_SELECT, USER);
  }),
];
