/**
 * HF2070 (error): a service tenant without `experts.access`. In Image 1.1 the experts stay in the
 * organisation's tenant, so clients in the service tenant reach them only through Teams federation or as
 * guests (cross-tenant-overview.md, Scenario 1); with neither, a client's call has no one to reach.
 */
import { defineCheck, finding } from "./finding.ts";

export const expertsAccessMissing = defineCheck(["tenant", "experts"], ["HF2070"], (bp, src) => {
  if (bp.tenant.model !== "service-tenant" || bp.experts.access !== null) return [];
  return [
    finding(src, ["tenant", "model"], "HF2070", "error", {
      message: "tenant.model is service-tenant but experts.access is not set: clients in the service tenant have no way to reach your experts",
      why: "Your experts live in your organisation's tenant, not in the service tenant (guide Image 1.1). Microsoft's cross-tenant guidance gives two ways for the tenants to meet: Teams federation or guest accounts (cross-tenant-overview.md).",
      fix: "Set experts.access: guests (holofleet invites the experts into the service tenant and puts them in the experts group) or experts.access: federation (holofleet writes the Teams external-access step for both tenants).",
    }),
  ];
});
