/**
 * `/organization` (v1.0 and beta): the tenant's one organization object, list and by id.
 * Permissions from the map (`GET /organization`, `GET /organization/{id}`).
 */
import { GraphHttpError, type RouteDef } from "../framework.ts";
import { ORGANIZATION_KIND } from "../seed/organization.ts";

export const organizationRoutes: RouteDef[] = [
  {
    method: "GET",
    path: "/organization",
    versions: ["v1.0", "beta"],
    throttle: "directory",
    write: false,
    handler: (ctx) =>
      ctx.collection(ctx.store.list(ORGANIZATION_KIND), {
        contextPath: "organization",
        maxTop: 999,
        defaultTop: 100,
        defaultSelect: null,
        basicFilterProperties: null,
        advancedQueryNeedsEventual: false,
      }),
  },
  {
    method: "GET",
    path: "/organization/{id}",
    versions: ["v1.0", "beta"],
    throttle: "directory",
    write: false,
    handler: (ctx) => {
      const org = ctx.store.get(ORGANIZATION_KIND, ctx.params.id ?? "") ?? ctx.store.get(ORGANIZATION_KIND, (ctx.params.id ?? "").toLowerCase());
      if (!org)
        throw new GraphHttpError(404, "Request_ResourceNotFound", `Resource '${ctx.params.id}' does not exist or one of its queried reference-property objects are not present.`);
      return ctx.entity(org, "organization/$entity");
    },
  },
];
