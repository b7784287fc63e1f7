/**
 * `/organization` (v1.0 and beta): the tenant's one organization object, list and by id.
 * `verifiedDomains` is derived from the tenant's verified `domains` when it answers, so it stays in
 * step with domain changes (the directory area owns `domains`).
 */
import { GraphHttpError, type RouteDef, type SimStore } from "../framework.ts";
import { ORGANIZATION_KIND } from "../seed/organization.ts";

interface DomainDoc {
  id: string;
  isVerified?: boolean;
  isDefault?: boolean;
  isInitial?: boolean;
  authenticationType?: string;
  supportedServices?: string[];
}

function withVerifiedDomains(store: SimStore, org: Record<string, unknown>): Record<string, unknown> {
  const domains = store.list<DomainDoc>("domains").filter((d) => d.isVerified);
  if (!domains.length) return org;
  return {
    ...org,
    verifiedDomains: domains.map((d) => ({
      capabilities: (d.supportedServices ?? []).join(", "),
      isDefault: d.isDefault ?? false,
      isInitial: d.isInitial ?? false,
      name: d.id,
      type: d.authenticationType ?? "Managed",
    })),
  };
}

export const organizationRoutes: RouteDef[] = [
  {
    method: "GET",
    path: "/organization",
    versions: ["v1.0", "beta"],
    throttle: "directory",
    write: false,
    handler: (ctx) =>
      ctx.collection(
        ctx.store.list<Record<string, unknown>>(ORGANIZATION_KIND).map((o) => withVerifiedDomains(ctx.store, o)),
        {
          contextPath: "organization",
          maxTop: 999,
          defaultTop: 100,
          defaultSelect: null,
          basicFilterProperties: null,
          advancedQueryNeedsEventual: false,
        },
      ),
  },
  {
    method: "GET",
    path: "/organization/{id}",
    versions: ["v1.0", "beta"],
    throttle: "directory",
    write: false,
    handler: (ctx) => {
      const id = (ctx.params.id ?? "").toLowerCase();
      const org = ctx.store.list<Record<string, unknown> & { id: string }>(ORGANIZATION_KIND).find((o) => o.id.toLowerCase() === id);
      if (!org)
        throw new GraphHttpError(404, "Request_ResourceNotFound", `Resource '${ctx.params.id}' does not exist or one of its queried reference-property objects are not present.`);
      return ctx.entity(withVerifiedDomains(ctx.store, org), "organization/$entity");
    },
  },
];
