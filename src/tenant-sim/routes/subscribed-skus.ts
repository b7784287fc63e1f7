/**
 * `/subscribedSkus` (v1.0 and beta): the tenant's subscriptions, seeded from the licensing CSV
 * via `generated/skus.json`; `consumedUnits` follows licence assignment (graph-facts §3.2).
 */
import type { RouteDef } from "../framework.ts";
import { notFound } from "../directory/lookup.ts";

export const subscribedSkuRoutes: RouteDef[] = [
  {
    method: "GET",
    path: "/subscribedSkus",
    versions: ["v1.0", "beta"],
    throttle: "directory",
    write: false,
    handler: (ctx) =>
      ctx.collection(ctx.store.list("subscribedSkus"), {
        contextPath: "subscribedSkus",
        maxTop: 999,
        defaultTop: 100,
        defaultSelect: null,
        basicFilterProperties: null,
        advancedQueryNeedsEventual: false,
      }),
  },
  {
    method: "GET",
    path: "/subscribedSkus/{id}",
    versions: ["v1.0", "beta"],
    throttle: "directory",
    write: false,
    handler: (ctx) => {
      const id = ctx.params.id ?? "";
      const sku = ctx.store.get("subscribedSkus", id) ?? ctx.store.get("subscribedSkus", id.toLowerCase());
      if (!sku) throw notFound(id);
      return ctx.entity(sku, "subscribedSkus/$entity");
    },
  },
];
