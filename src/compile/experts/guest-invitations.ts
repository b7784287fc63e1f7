/**
 * Service tenant, `experts.access: guests` (cross-tenant-overview.md, "Solution 2: Guesting", here with
 * the experts invited into the service tenant that hosts the clients, guide Image 1.1): one Graph
 * invitation per expert address (`POST /invitations`, v1.0), and that guest's membership of the experts
 * group, so clients find the experts and the isolation mode covers them. An invitation's identity is its
 * address: an expert already a guest is found, not invited twice. The experts group's other members are
 * the admin's; a membership resource adds one member and removes none.
 */
import type { Blueprint } from "../../blueprint/types.ts";
import { addresses } from "../graph/addresses.ts";
import type { DesiredResource } from "../types.ts";

export function compileExpertGuests(bp: Blueprint): DesiredResource[] {
  if (bp.tenant.model !== "service-tenant" || bp.experts.access !== "guests") return [];
  const out: DesiredResource[] = [];
  for (const address of [...bp.experts.addresses].sort()) {
    const invitation = addresses.guestInvitation(address);
    out.push(
      {
        kind: "guestInvitation",
        address: invitation,
        api: "v1.0",
        collection: "/invitations",
        body: {
          invitedUserEmailAddress: address,
          // Required by Graph (invitation-post.md): where the expert lands after accepting.
          inviteRedirectUrl: bp.experts.guestRedirectUrl,
          invitedUserType: "Guest",
          // Microsoft sends the invitation; the expert accepts it once, then takes calls in this tenant.
          sendInvitationMessage: true,
        },
        dependsOn: [],
      },
      {
        kind: "groupMember",
        address: addresses.expertMembership(address),
        api: "v1.0",
        collection: "/groups/{parent}/members/$ref",
        parent: addresses.expertsGroup,
        body: { "@odata.id": { $ref: invitation } },
        dependsOn: [addresses.expertsGroup, invitation].sort(),
      },
    );
  }
  return out;
}
