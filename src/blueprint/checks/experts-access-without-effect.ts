/**
 * HF2071 (error): an `experts` key that would change nothing. `access` and `addresses` only mean
 * something for a service tenant (in the same tenant, experts are members and clients reach them
 * directly), and `guestRedirectUrl` only with `access: guests`. No key may be a no-op: a reader of the
 * file would believe it does something.
 */
import type { Diagnostic } from "../../diag/diagnostic.ts";
import { defineCheck, finding } from "./finding.ts";

export const expertsAccessWithoutEffect = defineCheck(["tenant", "experts"], ["HF2071"], (bp, src) => {
  const found: Diagnostic[] = [];
  const sameTenant = bp.tenant.model === "same-tenant";
  if (sameTenant && bp.experts.access !== null) {
    found.push(
      finding(src, ["experts", "access"], "HF2071", "error", {
        message: `experts.access: ${bp.experts.access} has no effect in the same-tenant model`,
        why: "In the same tenant your experts are members of the organisation's directory, so clients reach them without federation or guests (cross-tenant-overview.md concerns separate tenants).",
        fix: "Remove experts.access, or set tenant.model: service-tenant if clients live in a separate tenant (guide Image 1.1).",
      }),
    );
  }
  if (sameTenant && bp.experts.addresses.length > 0) {
    found.push(
      finding(src, ["experts", "addresses"], "HF2071", "error", {
        message: "experts.addresses has no effect in the same-tenant model",
        why: "In the same tenant your experts are already members; holofleet neither invites them nor allows their domains, and it does not manage the experts group's members.",
        fix: "Remove experts.addresses and add the experts to the experts group yourself, or set tenant.model: service-tenant.",
      }),
    );
  }
  if (bp.experts.access !== "guests" && src.has?.(["experts", "guestRedirectUrl"])) {
    found.push(
      finding(src, ["experts", "guestRedirectUrl"], "HF2071", "error", {
        message: `experts.guestRedirectUrl is used only with experts.access: guests (here ${bp.experts.access ?? "not set"})`,
        why: "The redirect URL is part of a guest invitation (Graph inviteRedirectUrl); without invitations it reaches no one.",
        fix: "Remove experts.guestRedirectUrl, or set experts.access: guests.",
      }),
    );
  }
  return found;
});
