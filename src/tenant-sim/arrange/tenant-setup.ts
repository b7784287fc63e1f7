/**
 * Store-level arrangement of the local tenant, as an admin does in the portals before running
 * holofleet: add a verified custom domain, subscribe a SKU (service plans from the licensing
 * catalog) or buy more seats of one. Each step is idempotent: a repeat changes nothing. Used by the
 * `/_sim/domains` and `/_sim/subscribedSkus` routes and by `tenant local start --blueprint`.
 */
import { randomUUID } from "node:crypto";
import { findSku } from "../../catalog/index.ts";
import { GraphHttpError, type SimStore } from "../framework.ts";
import { domainDoc } from "../directory/seed.ts";
import type { SkuDoc } from "../directory/types.ts";
import type { TenantRequirements } from "./requirements.ts";

type DomainDoc = Record<string, unknown> & { id: string; isVerified: boolean };

/** Enough seats for any program, small enough that `consumedUnits` arithmetic stays exact. */
export const MAX_SKU_UNITS = 1_000_000;

/** DNS name rules Entra applies to custom domains: 2+ labels of 1–63 letters, digits or inner hyphens, 255 in all. */
const DOMAIN_NAME = /^(?=.{4,255}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export function isDomainName(name: string): boolean {
  return DOMAIN_NAME.test(name.toLowerCase());
}

/** Adds `name` as a verified custom domain (not the default); an existing one is left as it is. */
export function addVerifiedDomain(store: SimStore, name: string): { domain: DomainDoc; created: boolean } {
  const id = name.toLowerCase();
  if (!isDomainName(id)) throw new GraphHttpError(400, "BadRequest", `id: '${name}' is not a domain name`, {}, [{ code: "invalidValue", target: "id", message: "expected a DNS name such as contoso.com" }]);
  return store.tx(() => {
    const existing = store.get<DomainDoc>("domains", id);
    if (existing) return { domain: existing, created: false };
    const domain = domainDoc(id, false, false) as DomainDoc;
    store.put("domains", domain);
    return { domain, created: true };
  });
}

export type SkuChange = "created" | "raised" | "unchanged";

/**
 * Makes the tenant subscribe `skuPartNumber` with at least `units` enabled seats: a new subscription
 * takes the catalog's service plans; an existing one gains seats, never loses any.
 */
export function ensureSubscribedSku(store: SimStore, tenantId: string, skuPartNumber: string, units: number): { sku: SkuDoc; change: SkuChange } {
  if (!Number.isInteger(units) || units < 1 || units > MAX_SKU_UNITS)
    throw new GraphHttpError(400, "BadRequest", `units: expected an integer from 1 to ${MAX_SKU_UNITS}`, {}, [{ code: "invalidValue", target: "units" }]);
  return store.tx(() => {
    const existing = store.list<SkuDoc>("subscribedSkus").find((s) => s.skuPartNumber === skuPartNumber);
    if (existing) {
      if (existing.prepaidUnits.enabled >= units) return { sku: existing, change: "unchanged" as const };
      const raised: SkuDoc = { ...existing, prepaidUnits: { ...existing.prepaidUnits, enabled: units } };
      store.put("subscribedSkus", raised);
      return { sku: raised, change: "raised" as const };
    }
    const sku = findSku(skuPartNumber);
    if (!sku)
      throw new GraphHttpError(400, "BadRequest", `skuPartNumber: '${skuPartNumber}' is not in Microsoft's licensing catalog`, {}, [
        { code: "invalidValue", target: "skuPartNumber", message: "expected a String ID of the licensing CSV, e.g. MICROSOFT_REMOTE_ASSIST" },
      ]);
    const model = store.list<SkuDoc>("subscribedSkus")[0];
    const created: SkuDoc = {
      // Graph's subscribedSku id is `<tenantId>_<skuId>`.
      id: `${tenantId}_${sku.skuId}`,
      accountId: tenantId,
      accountName: model?.accountName ?? "tenant",
      appliesTo: "User",
      capabilityStatus: "Enabled",
      consumedUnits: 0,
      prepaidUnits: { enabled: units, lockedOut: 0, suspended: 0, warning: 0 },
      servicePlans: sku.servicePlans.map((p) => ({ servicePlanId: p.id, servicePlanName: p.name, provisioningStatus: "Success", appliesTo: "User" })),
      skuId: sku.skuId,
      skuPartNumber: sku.skuPartNumber,
      subscriptionIds: [randomUUID()],
    };
    store.put("subscribedSkus", created);
    return { sku: created, change: "created" as const };
  });
}

export interface ArrangedChanges {
  /** Domains added. */
  domains: string[];
  /** SKUs subscribed. */
  skus: string[];
  /** SKUs whose seats were raised. */
  seats: string[];
}

/** Meets every requirement in one transaction: all or nothing. */
export function arrangeTenantStore(store: SimStore, tenantId: string, req: TenantRequirements): ArrangedChanges {
  return store.tx(() => {
    const changes: ArrangedChanges = { domains: [], skus: [], seats: [] };
    for (const name of req.domains) if (addVerifiedDomain(store, name).created) changes.domains.push(name);
    for (const { skuPartNumber, seats } of req.skus) {
      const { change } = ensureSubscribedSku(store, tenantId, skuPartNumber, Math.max(1, seats));
      if (change === "created") changes.skus.push(skuPartNumber);
      if (change === "raised") changes.seats.push(skuPartNumber);
    }
    return changes;
  });
}
