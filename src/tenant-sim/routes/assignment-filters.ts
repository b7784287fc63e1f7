/**
 * `/deviceManagement/assignmentFilters` (beta only): Intune's assignment filters, listed, filtered
 * and paged like Intune's other collections (IntuneCD backs them up and resolves the filter ids its
 * assignments name with `…/assignmentFilters/{id}?$select=displayName`). holofleet targets groups,
 * not filters, so a tenant holds none and creating, changing or deleting filters is not modelled
 * (501, not-modelled.ts).
 */
import type { RouteContext, RouteDef } from "../framework.ts";
import { intuneList, intuneRoute, loadOr404 } from "../intune/intune-route.ts";
import { notModelledWrite } from "../intune/not-modelled.ts";

export const ASSIGNMENT_FILTERS_KIND = "assignmentFilters";
const BASE = "/deviceManagement/assignmentFilters";
const CONTEXT = "deviceManagement/assignmentFilters";
const TYPE = "microsoft.graph.deviceAndAppManagementAssignmentFilter";
const BETA = { versions: ["beta" as const] };

function load(ctx: RouteContext): Record<string, unknown> {
  const id = ctx.params.id ?? "";
  return loadOr404<Record<string, unknown>>(ctx, ASSIGNMENT_FILTERS_KIND, id, "DeviceAndAppManagementAssignmentFilter", `${BASE}/${id}`);
}

export const assignmentFilterRoutes: RouteDef[] = [
  intuneRoute("GET", BASE, (ctx) => intuneList(ctx, ctx.store.list<Record<string, unknown>>(ASSIGNMENT_FILTERS_KIND), CONTEXT, TYPE), BETA),
  intuneRoute("GET", `${BASE}/{id}`, (ctx) => ctx.entity(load(ctx), `${CONTEXT}/$entity`, null, TYPE), BETA),
  notModelledWrite("POST", BASE, "assignment filters", BETA),
  notModelledWrite("PATCH", `${BASE}/{id}`, "changing assignment filters", BETA),
  notModelledWrite("DELETE", `${BASE}/{id}`, "deleting assignment filters", BETA),
];
