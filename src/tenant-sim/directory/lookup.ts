/**
 * Finding directory objects for a route, and the error Graph answers when one is missing
 * (graph-facts §1, "Object not found"). Alternate keys (UPN, `uniqueName`, `deviceId`) are served
 * by the store's field index, never by a pass over the collection.
 */
import { GraphHttpError, type SimStore } from "../framework.ts";
import { sqliteStoreOf } from "../store.ts";
import { DIRECTORY_OBJECT_KINDS, type DeviceDoc, type DirectoryObjectKind, type GroupDoc, type UserDoc } from "./types.ts";

export function notFound(id: string): GraphHttpError {
  return new GraphHttpError(404, "Request_ResourceNotFound", `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
}

/** A document by id as sent or lower-cased (object ids are GUIDs; directory paths are not case-sensitive, graph-facts §9.3). */
export function findById<T extends object>(store: SimStore, kind: string, id: string): T | undefined {
  return store.get<T>(kind, id) ?? store.get<T>(kind, id.toLowerCase());
}

export function requireById<T extends object>(store: SimStore, kind: string, id: string): T {
  const doc = findById<T>(store, kind, id);
  if (!doc) throw notFound(id);
  return doc;
}

/**
 * Documents of `kind` whose string `field` equals `value` ignoring case, in insertion order. The
 * store's index folds ASCII letters only (SQLite `lower()`), so a value with other letters is
 * compared over the whole collection instead; UPNs, mail nicknames and GUIDs are ASCII.
 */
export function findAllByAlternateKey<T extends object>(store: SimStore, kind: string, field: string, value: string): T[] {
  const wanted = value.toLowerCase();
  const candidates = /^[\x00-\x7f]*$/.test(value)
    ? sqliteStoreOf(store).findByField<T & Record<string, unknown>>(kind, field, value)
    : store.list<T & Record<string, unknown>>(kind);
  return candidates.filter((doc) => typeof doc[field] === "string" && (doc[field] as string).toLowerCase() === wanted);
}

/** The one document of `kind` whose alternate key `field` equals `value` (ignoring case), if any. */
function findByAlternateKey<T extends object>(store: SimStore, kind: string, field: string, value: string): T | undefined {
  return findAllByAlternateKey<T>(store, kind, field, value)[0];
}

/** A user by object id or by `userPrincipalName` (case-insensitive), as `/users/{id | userPrincipalName}` allows. */
export function findUser(store: SimStore, idOrUpn: string): UserDoc | undefined {
  const byId = findById<UserDoc>(store, "users", idOrUpn);
  if (byId || !idOrUpn.includes("@")) return byId;
  return findByAlternateKey<UserDoc>(store, "users", "userPrincipalName", idOrUpn);
}

export function requireUser(store: SimStore, idOrUpn: string): UserDoc {
  const user = findUser(store, idOrUpn);
  if (!user) throw notFound(idOrUpn);
  return user;
}

export function requireGroup(store: SimStore, id: string): GroupDoc {
  return requireById<GroupDoc>(store, "groups", id);
}

/** A group by its `uniqueName` alternate key (group-upsert.md). */
export function findGroupByUniqueName(store: SimStore, uniqueName: string): GroupDoc | undefined {
  return findByAlternateKey<GroupDoc>(store, "groups", "uniqueName", uniqueName);
}

export function requireDevice(store: SimStore, id: string): DeviceDoc {
  return requireById<DeviceDoc>(store, "devices", id);
}

/** A device by its `deviceId` alternate key (device-get.md: `/devices(deviceId='{deviceId}')`). */
export function requireDeviceByDeviceId(store: SimStore, deviceId: string): DeviceDoc {
  const device = findByAlternateKey<DeviceDoc>(store, "devices", "deviceId", deviceId);
  if (!device) throw notFound(deviceId);
  return device;
}

/** Items of a `directoryObject` collection carry their concrete `@odata.type` (Graph does). */
export function asDirectoryObject(kind: DirectoryObjectKind, doc: object): Record<string, unknown> {
  return { "@odata.type": DIRECTORY_OBJECT_KINDS[kind], ...doc };
}
