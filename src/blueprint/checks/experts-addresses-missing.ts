/**
 * HF2072 (error): a service tenant whose `experts.addresses` is empty. Guests are invited by address,
 * and federation allows the experts' domains, which come from their addresses: without one, neither
 * compiles to anything.
 */
import { defineCheck, finding } from "./finding.ts";

export const expertsAddressesMissing = defineCheck(["tenant", "experts"], ["HF2072"], (bp, src) => {
  if (bp.tenant.model !== "service-tenant" || bp.experts.addresses.length > 0) return [];
  const path = src.has?.(["experts", "addresses"]) ? ["experts", "addresses"] : src.has?.(["experts"]) ? ["experts"] : ["tenant", "model"];
  return [
    finding(src, path, "HF2072", "error", {
      message: "tenant.model is service-tenant but experts.addresses is empty: holofleet does not know who your experts are",
      why: "With guests, each expert is invited by address; with federation, the service tenant allows the experts' domains, taken from their addresses (cross-tenant-overview.md).",
      fix: "List the experts' sign-in addresses in your organisation's tenant under experts.addresses, e.g. [ada@contoso.com].",
    }),
  ];
});
