/**
 * Test-only: makes a fresh local tenant look like the tenant a blueprint was written for, as an admin
 * would before running holofleet — the blueprint's domains verified, every SKU it assigns subscribed
 * with a seat for each account. Only preconditions are arranged (directly in the store); everything holofleet itself
 * creates goes through Graph.
 */
import type { Blueprint } from "../../../src/blueprint/types.ts";
import { findSku } from "../../../src/catalog/index.ts";
import type { TestTenant } from "../../../src/tenant-sim/testing.ts";

type Doc = Record<string, unknown> & { id: string };

/** Domains the blueprint's accounts and settings live in (lower case). */
export function blueprintDomains(bp: Blueprint): string[] {
  const upnDomains = bp.clients.flatMap((c) => c.accounts.map((a) => a.userPrincipalName.split("@")[1] ?? ""));
  const clientDomain = bp.tenant.clientDomain === null ? [] : [bp.tenant.clientDomain];
  return [...new Set([bp.tenant.domain, ...clientDomain, ...upnDomains].map((d) => d.toLowerCase()).filter((d) => d !== ""))].sort();
}

/** Adds each missing domain as a verified custom domain, modelled on one the tenant already has. */
export function verifyDomains(t: TestTenant, domains: readonly string[]): string[] {
  const store = t.tenant.store;
  const existing = store.list<Doc>("domains");
  const model = existing.find((d) => d.isInitial !== true) ?? existing[0];
  if (!model) throw new Error("the local tenant has no domain to model others on");
  const added: string[] = [];
  for (const name of domains) {
    if (existing.some((d) => d.id.toLowerCase() === name)) continue;
    store.put("domains", { ...model, id: name, isDefault: false, isInitial: false, isVerified: true, passwordValidityPeriodInDays: null });
    added.push(name);
  }
  return added;
}

/** Subscribes every SKU the blueprint assigns that the tenant lacks, with the catalog's service plans. */
export function subscribeSkus(t: TestTenant, skuPartNumbers: readonly string[], units = 25): string[] {
  const store = t.tenant.store;
  const existing = store.list<Doc & { skuPartNumber: string }>("subscribedSkus");
  const model = existing[0];
  if (!model) throw new Error("the local tenant has no subscription to model others on");
  const added: string[] = [];
  for (const part of skuPartNumbers) {
    if (existing.some((s) => s.skuPartNumber === part)) continue;
    const sku = findSku(part);
    if (!sku) throw new Error(`the catalog has no SKU ${part}`);
    store.put("subscribedSkus", {
      ...model,
      id: `${t.tenantId}_${sku.skuId}`,
      skuId: sku.skuId,
      skuPartNumber: sku.skuPartNumber,
      consumedUnits: 0,
      prepaidUnits: { enabled: units, lockedOut: 0, suspended: 0, warning: 0 },
      servicePlans: sku.servicePlans.map((p) => ({ servicePlanId: p.id, servicePlanName: p.name, provisioningStatus: "Success", appliesTo: "User" })),
      subscriptionIds: [crypto.randomUUID()],
    });
    added.push(part);
  }
  return added;
}

/** Raises each SKU's prepaid units to at least `needed`, as buying more seats would. */
export function ensureSeats(t: TestTenant, skuPartNumbers: readonly string[], needed: number): string[] {
  const store = t.tenant.store;
  const raised: string[] = [];
  for (const sku of store.list<Doc & { skuPartNumber: string; prepaidUnits: { enabled: number } }>("subscribedSkus")) {
    if (!skuPartNumbers.includes(sku.skuPartNumber) || sku.prepaidUnits.enabled >= needed) continue;
    store.put("subscribedSkus", { ...sku, prepaidUnits: { ...sku.prepaidUnits, enabled: needed } });
    raised.push(sku.skuPartNumber);
  }
  return raised;
}

/** All arrangements for `bp`; returns what was added, so a test can say what it assumed. */
export function arrangeTenantFor(t: TestTenant, bp: Blueprint): { domains: string[]; skus: string[]; seats: string[] } {
  const accounts = bp.clients.reduce((n, c) => n + c.accounts.length, 0);
  return {
    domains: verifyDomains(t, blueprintDomains(bp)),
    skus: subscribeSkus(t, bp.licensing.skus),
    seats: ensureSeats(t, bp.licensing.skus, accounts),
  };
}
