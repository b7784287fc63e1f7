/**
 * `/directoryObjects/{id}` (v1.0 and beta): any user, group or device by object id, answered with
 * its concrete `@odata.type` (Graph's directoryObject get).
 */
import type { RouteDef } from "../framework.ts";
import { DEFAULT_SELECT_OF, withoutNeverReturned } from "../directory/directory-object-view.ts";
import { directoryRoute } from "../directory/directory-route.ts";
import { asDirectoryObject, notFound } from "../directory/lookup.ts";
import { findDirectoryObject } from "../directory/membership.ts";

export const directoryObjectRoutes: RouteDef[] = [
  directoryRoute("GET", "/directoryObjects/{id}", (ctx) => {
    const id = ctx.params.id ?? "";
    const found = findDirectoryObject(ctx.store, id) ?? findDirectoryObject(ctx.store, id.toLowerCase());
    if (!found) throw notFound(id);
    const doc = asDirectoryObject(found.kind, found.kind === "groups" ? withoutNeverReturned(found.doc) : found.doc);
    return ctx.entity(doc, "directoryObjects/$entity", DEFAULT_SELECT_OF[found.kind], "microsoft.graph.directoryObject");
  }),
];
