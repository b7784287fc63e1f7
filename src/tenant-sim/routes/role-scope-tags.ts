/**
 * `/deviceManagement/roleScopeTags` (beta only; the v1.0 CSDL has no scope tags): the built-in
 * Default tag (id "0", builtin-rbac.ts) that every Intune object carries in `roleScopeTagIds`, listed,
 * filtered and paged like Intune's other collections, with its (empty) `assignments` — IntuneCD
 * reads both first thing. Creating, changing or deleting tags is not modelled (501, not-modelled.ts):
 * holofleet scopes nothing.
 */
import type { RouteContext, RouteDef } from "../framework.ts";
import { ROLE_SCOPE_TAGS_KIND, type RoleScopeTagDoc } from "../intune/builtin-rbac.ts";
import { intuneList, intuneRoute, loadOr404 } from "../intune/intune-route.ts";
import { notModelledWrite } from "../intune/not-modelled.ts";

const BASE = "/deviceManagement/roleScopeTags";
const CONTEXT = "deviceManagement/roleScopeTags";
const TYPE = "microsoft.graph.roleScopeTag";
const BETA = { versions: ["beta" as const] };

function load(ctx: RouteContext): RoleScopeTagDoc {
  const id = ctx.params.id ?? "";
  return loadOr404<RoleScopeTagDoc>(ctx, ROLE_SCOPE_TAGS_KIND, id, "RoleScopeTag", `${BASE}/${id}`);
}

const render = (doc: RoleScopeTagDoc) => ({ "@odata.type": `#${TYPE}`, ...doc });

export const roleScopeTagRoutes: RouteDef[] = [
  intuneRoute("GET", BASE, (ctx) => intuneList(ctx, ctx.store.list<RoleScopeTagDoc>(ROLE_SCOPE_TAGS_KIND).map(render), CONTEXT, TYPE), BETA),
  intuneRoute("GET", `${BASE}/{id}`, (ctx) => ctx.entity(render(load(ctx)), `${CONTEXT}/$entity`, null, TYPE), BETA),
  // Automatic scope-tag assignments are not modelled: a tag has none.
  intuneRoute("GET", `${BASE}/{id}/assignments`, (ctx) => intuneList(ctx, [], `${CONTEXT}('${load(ctx).id}')/assignments`, "microsoft.graph.roleScopeTagAutoAssignment"), BETA),
  notModelledWrite("POST", BASE, "creating role scope tags", BETA),
  notModelledWrite("PATCH", `${BASE}/{id}`, "changing role scope tags", BETA),
  notModelledWrite("DELETE", `${BASE}/{id}`, "deleting role scope tags", BETA),
];
