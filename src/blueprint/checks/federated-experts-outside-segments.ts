/**
 * HF2073 (warning): a service tenant with information barriers whose experts come through federation.
 * The experts segment is defined by membership of the experts group in the service tenant; federated
 * experts have no account there, so the group and the segment stay empty and the client policies'
 * "experts" cover no one. Clients still reach experts only by typing their full address
 * (cross-tenant-overview.md, federation cons). Guests put the experts into the group.
 */
import { defineCheck, finding } from "./finding.ts";

export const federatedExpertsOutsideSegments = defineCheck(["tenant", "experts", "isolation"], ["HF2073"], (bp, src) => {
  if (bp.tenant.model !== "service-tenant" || bp.experts.access !== "federation" || bp.isolation.mode !== "information-barriers") return [];
  return [
    finding(src, ["experts", "access"], "HF2073", "warning", {
      message: "experts.access: federation with isolation.mode: information-barriers leaves the experts segment empty in the service tenant",
      why: "Information-barrier segments hold accounts of this tenant; federated experts have none, so the experts group and segment stay empty and clients find experts only by their full address (cross-tenant-overview.md).",
      fix: "Use experts.access: guests so the experts join the experts group as guests, or accept that the barriers only keep clients apart from each other.",
    }),
  ];
});
