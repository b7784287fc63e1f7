/**
 * Finding directory objects for a route, and the errors Graph answers when they are missing
 * (graph-facts §1, "Object not found"), plus the default property sets of users and groups.
 */
import { GraphHttpError, type SimStore } from "../framework.ts";
import { DIRECTORY_OBJECT_KINDS, type DirectoryObjectKind, type GroupDoc, type UserDoc } from "./types.ts";

export function notFound(id: string): GraphHttpError {
  return new GraphHttpError(404, "Request_ResourceNotFound", `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
}

/** A user by object id or by `userPrincipalName` (case-insensitive), as `/users/{id | userPrincipalName}` allows. */
export function findUser(store: SimStore, idOrUpn: string): UserDoc | undefined {
  const byId = store.get<UserDoc>("users", idOrUpn) ?? store.get<UserDoc>("users", idOrUpn.toLowerCase());
  if (byId) return byId;
  if (!idOrUpn.includes("@")) return undefined;
  const upn = idOrUpn.toLowerCase();
  return store.list<UserDoc>("users").find((u) => u.userPrincipalName.toLowerCase() === upn);
}

export function requireUser(store: SimStore, idOrUpn: string): UserDoc {
  const user = findUser(store, idOrUpn);
  if (!user) throw notFound(idOrUpn);
  return user;
}

export function requireGroup(store: SimStore, id: string): GroupDoc {
  const group = store.get<GroupDoc>("groups", id) ?? store.get<GroupDoc>("groups", id.toLowerCase());
  if (!group) throw notFound(id);
  return group;
}

/** Request bodies must be JSON objects. */
export function requireObjectBody(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new GraphHttpError(400, "Request_BadRequest", "The request body must be a JSON object.");
  }
  return body as Record<string, unknown>;
}

/** Items of a `directoryObject` collection carry their concrete `@odata.type` (Graph does). */
export function asDirectoryObject(kind: DirectoryObjectKind, doc: object): Record<string, unknown> {
  return { "@odata.type": DIRECTORY_OBJECT_KINDS[kind], ...doc };
}

/**
 * `GET /users` without `$select` returns only these (user resource docs: businessPhones,
 * displayName, givenName, id, jobTitle, mail, mobilePhone, officeLocation, preferredLanguage,
 * surname, userPrincipalName).
 */
export const USER_DEFAULT_SELECT = [
  "businessPhones",
  "displayName",
  "givenName",
  "id",
  "jobTitle",
  "mail",
  "mobilePhone",
  "officeLocation",
  "preferredLanguage",
  "surname",
  "userPrincipalName",
];

/** Group properties marked "Returned by default" in the group resource docs (v1.0). */
export const GROUP_DEFAULT_SELECT = [
  "id",
  "deletedDateTime",
  "classification",
  "createdDateTime",
  "description",
  "displayName",
  "expirationDateTime",
  "groupTypes",
  "isAssignableToRole",
  "mail",
  "mailEnabled",
  "mailNickname",
  "membershipRule",
  "membershipRuleProcessingState",
  "onPremisesDomainName",
  "onPremisesLastSyncDateTime",
  "onPremisesNetBiosName",
  "onPremisesProvisioningErrors",
  "onPremisesSamAccountName",
  "onPremisesSecurityIdentifier",
  "onPremisesSyncEnabled",
  "preferredDataLocation",
  "preferredLanguage",
  "proxyAddresses",
  "renewedDateTime",
  "resourceBehaviorOptions",
  "resourceProvisioningOptions",
  "securityEnabled",
  "securityIdentifier",
  "serviceProvisioningErrors",
  "theme",
  "uniqueName",
  "visibility",
];

/** User properties `$filter` takes without advanced query parameters (docs: filter-directory-objects). */
export const USER_BASIC_FILTER = [
  "id",
  "accountEnabled",
  "assignedLicenses",
  "city",
  "country",
  "createdDateTime",
  "creationType",
  "department",
  "displayName",
  "employeeId",
  "externalUserState",
  "givenName",
  "identities",
  "imAddresses",
  "jobTitle",
  "mail",
  "mailNickname",
  "mobilePhone",
  "officeLocation",
  "onPremisesSyncEnabled",
  "otherMails",
  "postalCode",
  "preferredLanguage",
  "proxyAddresses",
  "state",
  "streetAddress",
  "surname",
  "usageLocation",
  "userPrincipalName",
  "userType",
];

export const GROUP_BASIC_FILTER = [
  "id",
  "assignedLicenses",
  "classification",
  "createdDateTime",
  "description",
  "displayName",
  "expirationDateTime",
  "groupTypes",
  "hasMembersWithLicenseErrors",
  "isAssignableToRole",
  "mail",
  "mailEnabled",
  "mailNickname",
  "membershipRuleProcessingState",
  "onPremisesSyncEnabled",
  "preferredLanguage",
  "proxyAddresses",
  "renewedDateTime",
  "resourceProvisioningOptions",
  "securityEnabled",
  "uniqueName",
  "visibility",
];
