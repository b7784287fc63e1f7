/**
 * `/organization` (v1.0 and beta): the tenant's one organization object, list and by id.
 * `verifiedDomains` is derived from the tenant's verified `domains` when it answers, so it stays in
 * step with domain changes (the directory area owns `domains`).
 */
import type { RouteDef, SimStore } from "../framework.ts";
import { directoryCollection } from "../directory/collection-options.ts";
import { directoryRoute } from "../directory/directory-route.ts";
import { notFound } from "../directory/lookup.ts";
import { ORGANIZATION_KIND } from "../seed/organization.ts";

const ORGANIZATION = "microsoft.graph.organization";

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

const organizationsOf = (store: SimStore) => store.list<Record<string, unknown> & { id: string }>(ORGANIZATION_KIND);

export const organizationRoutes: RouteDef[] = [
  directoryRoute("GET", "/organization", (ctx) =>
    ctx.collection(
      organizationsOf(ctx.store).map((o) => withVerifiedDomains(ctx.store, o)),
      directoryCollection("organization", { entityType: ORGANIZATION }),
    ),
  ),
  directoryRoute("GET", "/organization/{id}", (ctx) => {
    // The organization's id is the tenant id; any letter case names it.
    const id = (ctx.params.id ?? "").toLowerCase();
    const org = organizationsOf(ctx.store).find((o) => o.id.toLowerCase() === id);
    if (!org) throw notFound(ctx.params.id ?? "");
    return ctx.entity(withVerifiedDomains(ctx.store, org), "organization/$entity", null, ORGANIZATION);
  }),
];
