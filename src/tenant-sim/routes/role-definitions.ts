/**
 * `/deviceManagement/roleDefinitions` (v1.0 and beta): the built-in Intune roles (builtin-rbac.ts),
 * listed, filtered and paged like Intune's other collections (IntuneCD asks for
 * `$filter=isBuiltIn eq false`), each with its `roleAssignments` (none are modelled). Custom roles
 * and role assignments are not modelled (501, not-modelled.ts): holofleet grants no Intune roles.
 */
import type { GraphVersion, RouteContext, RouteDef } from "../framework.ts";
import { ROLE_DEFINITIONS_KIND, type RoleDefinitionDoc } from "../intune/builtin-rbac.ts";
import { intuneList, intuneRoute, loadOr404 } from "../intune/intune-route.ts";
import { notModelledWrite } from "../intune/not-modelled.ts";

const BASE = "/deviceManagement/roleDefinitions";
const CONTEXT = "deviceManagement/roleDefinitions";
const TYPE = "microsoft.graph.roleDefinition";

function load(ctx: RouteContext): RoleDefinitionDoc {
  const id = ctx.params.id ?? "";
  return loadOr404<RoleDefinitionDoc>(ctx, ROLE_DEFINITIONS_KIND, id, "RoleDefinition", `${BASE}/${id}`);
}

/** v1.0 `roleDefinition`; beta adds `isBuiltInRoleDefinition` and the older `permissions`. */
function render(doc: RoleDefinitionDoc, version: GraphVersion): Record<string, unknown> {
  const out: Record<string, unknown> = { ...doc, rolePermissions: [] };
  if (version === "beta") Object.assign(out, { isBuiltInRoleDefinition: doc.isBuiltIn, permissions: [] });
  return out;
}

export const roleDefinitionRoutes: RouteDef[] = [
  intuneRoute("GET", BASE, (ctx) => intuneList(ctx, ctx.store.list<RoleDefinitionDoc>(ROLE_DEFINITIONS_KIND).map((d) => render(d, ctx.version)), CONTEXT, TYPE)),
  intuneRoute("GET", `${BASE}/{id}`, (ctx) => ctx.entity(render(load(ctx), ctx.version), `${CONTEXT}/$entity`, null, TYPE)),
  intuneRoute("GET", `${BASE}/{id}/roleAssignments`, (ctx) => intuneList(ctx, [], `${CONTEXT}('${load(ctx).id}')/roleAssignments`, "microsoft.graph.roleAssignment")),
  notModelledWrite("POST", BASE, "custom Intune roles"),
  notModelledWrite("PATCH", `${BASE}/{id}`, "changing Intune roles"),
  notModelledWrite("DELETE", `${BASE}/{id}`, "deleting Intune roles"),
  notModelledWrite("POST", `${BASE}/{id}/roleAssignments`, "Intune role assignments"),
];
