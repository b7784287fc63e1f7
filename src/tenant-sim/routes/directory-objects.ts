/**
 * `/directoryObjects/{id}` (v1.0 and beta): any user, group or device by object id, answered with
 * its concrete `@odata.type` (Graph's directoryObject get).
 */
import type { RouteDef } from "../framework.ts";
import { asDirectoryObject, GROUP_DEFAULT_SELECT, notFound, USER_DEFAULT_SELECT } from "../directory/lookup.ts";
import { findDirectoryObject } from "../directory/membership.ts";

export const directoryObjectRoutes: RouteDef[] = [
  {
    method: "GET",
    path: "/directoryObjects/{id}",
    versions: ["v1.0", "beta"],
    throttle: "directory",
    write: false,
    handler: (ctx) => {
      const id = ctx.params.id ?? "";
      const found = findDirectoryObject(ctx.store, id) ?? findDirectoryObject(ctx.store, id.toLowerCase());
      if (!found) throw notFound(id);
      const doc = asDirectoryObject(found.kind, found.doc);
      delete doc.hasMembersWithLicenseErrors;
      const defaults = found.kind === "users" ? USER_DEFAULT_SELECT : found.kind === "groups" ? GROUP_DEFAULT_SELECT : null;
      return ctx.entity(doc, "directoryObjects/$entity", defaults);
    },
  },
];
