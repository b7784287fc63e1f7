/**
 * `GET /users/{id}/memberOf` and `GET /devices/{id}/memberOf`: the groups an object is a direct
 * member of, as a `directoryObject` collection.
 */
import type { RouteContext, SimResult } from "../framework.ts";
import { directoryCollection } from "./collection-options.ts";
import { directoryObjectView } from "./directory-object-view.ts";
import { directGroupsOf } from "./membership.ts";

export function answerMemberOf(ctx: RouteContext, objectId: string): SimResult {
  const selected = ctx.query.has("$select");
  const groups = directGroupsOf(ctx.store, objectId).map((g) => directoryObjectView("groups", g, selected));
  return ctx.collection(groups, directoryCollection("directoryObjects", { entityType: "microsoft.graph.directoryObject", advancedQueryNeedsEventual: true }));
}
