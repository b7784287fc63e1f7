/**
 * `/subscribedSkus` (v1.0 and beta): the tenant's subscriptions, seeded from the licensing CSV
 * via `generated/skus.json`; `consumedUnits` follows licence assignment (graph-facts §3.2).
 */
import type { RouteDef } from "../framework.ts";
import { directoryCollection } from "../directory/collection-options.ts";
import { directoryRoute } from "../directory/directory-route.ts";
import { requireById } from "../directory/lookup.ts";

const SUBSCRIBED_SKU = "microsoft.graph.subscribedSku";

export const subscribedSkuRoutes: RouteDef[] = [
  directoryRoute("GET", "/subscribedSkus", (ctx) => ctx.collection(ctx.store.list("subscribedSkus"), directoryCollection("subscribedSkus", { entityType: SUBSCRIBED_SKU }))),
  directoryRoute("GET", "/subscribedSkus/{id}", (ctx) => ctx.entity(requireById(ctx.store, "subscribedSkus", ctx.params.id ?? ""), "subscribedSkus/$entity", null, SUBSCRIBED_SKU)),
];
