/**
 * How a user, group or device looks inside a `directoryObject` answer (`members`, `memberOf`,
 * `/directoryObjects/{id}`): its concrete `@odata.type`, the entity's default property set unless
 * the request has `$select`, and never `hasMembersWithLicenseErrors`, which "is never returned on a
 * GET operation" (group resource docs) though `$filter` may use it.
 */
import { asDirectoryObject } from "./lookup.ts";
import { GROUP_DEFAULT_SELECT, USER_DEFAULT_SELECT } from "./property-sets.ts";
import type { DirectoryObjectKind } from "./types.ts";

/** Group properties a read never returns. */
const NEVER_RETURNED = ["hasMembersWithLicenseErrors"];

/** The default property set of each directory object kind (devices have none: every property). */
export const DEFAULT_SELECT_OF: Record<DirectoryObjectKind, string[] | null> = { users: USER_DEFAULT_SELECT, groups: GROUP_DEFAULT_SELECT, devices: null };

/** A copy of a group without the properties a read never returns. */
export function withoutNeverReturned(doc: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...doc };
  for (const name of NEVER_RETURNED) delete copy[name];
  return copy;
}

/**
 * The object as an item of a `directoryObject` answer. Internal `_…` fields stay (the collection
 * strips them after `$filter` had its chance); `selected` says whether the request has `$select`.
 */
export function directoryObjectView(kind: DirectoryObjectKind, doc: Record<string, unknown>, selected: boolean): Record<string, unknown> {
  const names = selected ? null : DEFAULT_SELECT_OF[kind];
  const shown = names ? Object.fromEntries(Object.entries(doc).filter(([k]) => names.includes(k) || k.startsWith("_"))) : doc;
  return asDirectoryObject(kind, kind === "groups" ? withoutNeverReturned(shown) : shown);
}
