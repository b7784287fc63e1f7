/**
 * What a tenant must already have before a blueprint can be applied to it (pure): the verified
 * domains its accounts and settings name, and a subscription with enough seats for every SKU it
 * licenses. `tenant local start --blueprint` and the `/_sim` arrangement routes make a local tenant
 * meet them; `unmetRequirements` says what a tenant still lacks.
 */
import type { Blueprint } from "../../blueprint/types.ts";

export interface SkuRequirement {
  skuPartNumber: string;
  /** Enabled units needed: one per client account (licences go to the all-clients group). */
  seats: number;
}

export interface TenantRequirements {
  /** Lower-cased, sorted domain names that must be verified. */
  domains: string[];
  /** In the blueprint's `licensing.skus` order. */
  skus: SkuRequirement[];
}

/** What the tenant has, in the shape `GET /domains` and `GET /subscribedSkus` answer. */
export interface TenantHoldings {
  domains: readonly { id: string; isVerified: boolean }[];
  subscribedSkus: readonly { skuPartNumber: string; prepaidUnits: { enabled: number } }[];
}

/**
 * The blueprint's needs: `tenant.domain`, `tenant.clientDomain` and every account's UPN domain
 * verified; every SKU of `licensing.skus` subscribed with a seat for each account.
 */
export function tenantRequirements(bp: Blueprint): TenantRequirements {
  const upnDomains = bp.clients.flatMap((c) => c.accounts.map((a) => a.userPrincipalName.slice(a.userPrincipalName.lastIndexOf("@") + 1)));
  const named = [bp.tenant.domain, ...(bp.tenant.clientDomain === null ? [] : [bp.tenant.clientDomain]), ...upnDomains];
  const domains = [...new Set(named.map((d) => d.toLowerCase()).filter((d) => d !== ""))].sort();
  const accounts = bp.clients.reduce((n, c) => n + c.accounts.length, 0);
  return { domains, skus: [...new Set(bp.licensing.skus)].map((skuPartNumber) => ({ skuPartNumber, seats: accounts })) };
}

/** Each requirement the tenant does not meet, as a sentence; empty when it meets them all. */
export function unmetRequirements(req: TenantRequirements, has: TenantHoldings): string[] {
  const unmet: string[] = [];
  for (const name of req.domains) {
    const domain = has.domains.find((d) => d.id.toLowerCase() === name);
    if (!domain) unmet.push(`domain ${name} is not in the tenant`);
    else if (!domain.isVerified) unmet.push(`domain ${name} is not verified`);
  }
  for (const { skuPartNumber, seats } of req.skus) {
    const sku = has.subscribedSkus.find((s) => s.skuPartNumber === skuPartNumber);
    if (!sku) unmet.push(`SKU ${skuPartNumber} is not subscribed`);
    else if (sku.prepaidUnits.enabled < seats) unmet.push(`SKU ${skuPartNumber} has ${sku.prepaidUnits.enabled} seats, ${seats} needed`);
  }
  return unmet;
}

/**
 * The identity a fresh local tenant takes to stand in for the blueprint's tenant: its `tenant.id`,
 * and its `tenant.domain` as the initial domain when that is a `*.onmicrosoft.com` name (which only
 * the initial domain can be).
 */
export function localIdentityFor(bp: Blueprint): { tenantId?: string; initialDomain?: string } {
  const domain = bp.tenant.domain.toLowerCase();
  return {
    ...(bp.tenant.id === null ? {} : { tenantId: bp.tenant.id.toLowerCase() }),
    ...(domain.endsWith(".onmicrosoft.com") ? { initialDomain: domain } : {}),
  };
}
