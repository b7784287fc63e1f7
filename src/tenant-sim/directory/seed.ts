/**
 * First-start directory content: the tenant's domains (the initial `*.onmicrosoft.com` domain,
 * which is the default, plus one verified custom domain) and its five subscriptions with finite
 * units, built from the committed `generated/skus.json` (no reference folder at run time).
 */
import { createHash } from "node:crypto";
import type { SimStore } from "../framework.ts";
import type { SeedContext } from "../seed/context.ts";
import generatedSkus from "../generated/skus.json" with { type: "json" };
import type { SkuDoc } from "./types.ts";

/** Units the local tenant owns per SKU: small enough that running out is easy to rehearse. */
export const SEEDED_SKU_UNITS: Readonly<Record<string, number>> = {
  MICROSOFT_REMOTE_ASSIST: 20,
  INTUNE_A: 25,
  AAD_PREMIUM: 25,
  ENTERPRISEPACK: 5,
  SPE_E3: 5,
};

/** A stable GUID-shaped id derived from text, so a re-seeded tenant keeps the same subscription ids. */
function stableGuid(text: string): string {
  const h = createHash("sha256").update(text).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The custom domain uses the `.example` top-level domain, reserved by RFC 2606 so it can never
 * collide with a real one.
 */
export function customDomainName(initialDomain: string): string {
  return `${initialDomain.split(".")[0] ?? "tenant"}.example`;
}

/** A verified, managed domain as a new tenant has it (also the model of domains added through `/_sim/domains`). */
export function domainDoc(name: string, isDefault: boolean, isInitial: boolean): Record<string, unknown> & { id: string } {
  return {
    id: name,
    authenticationType: "Managed",
    availabilityStatus: null,
    isAdminManaged: true,
    isDefault,
    isInitial,
    isRoot: true,
    isVerified: true,
    manufacturer: null,
    model: null,
    // Unset, as on a new tenant: Entra then applies 90 days and a 14-day notice (domain resource docs).
    passwordNotificationWindowInDays: null,
    passwordValidityPeriodInDays: null,
    state: null,
    supportedServices: isInitial ? ["Email", "OfficeCommunicationsOnline", "Intune"] : ["Email", "Intune"],
  };
}

export function seedDirectory(store: SimStore, ctx: SeedContext): void {
  const initial = ctx.initialDomain.toLowerCase();
  if (!store.get("domains", initial)) store.put("domains", domainDoc(initial, true, true));
  const custom = customDomainName(initial);
  if (!store.get("domains", custom)) store.put("domains", domainDoc(custom, false, false));

  const accountName = initial.split(".")[0] ?? "tenant";
  for (const sku of generatedSkus.skus) {
    // Graph's subscribedSku id is `<tenantId>_<skuId>`.
    const id = `${ctx.tenantId}_${sku.skuId}`;
    if (store.get("subscribedSkus", id)) continue;
    const doc: SkuDoc = {
      id,
      accountId: ctx.tenantId,
      accountName,
      appliesTo: "User",
      capabilityStatus: "Enabled",
      consumedUnits: 0,
      prepaidUnits: { enabled: SEEDED_SKU_UNITS[sku.skuPartNumber] ?? 10, lockedOut: 0, suspended: 0, warning: 0 },
      servicePlans: sku.servicePlans.map((p) => ({ servicePlanId: p.servicePlanId, servicePlanName: p.servicePlanName, provisioningStatus: "Success", appliesTo: "User" })),
      skuId: sku.skuId,
      skuPartNumber: sku.skuPartNumber,
      subscriptionIds: [stableGuid(`${ctx.tenantId}/${sku.skuId}`)],
    };
    store.put("subscribedSkus", doc);
  }
}
