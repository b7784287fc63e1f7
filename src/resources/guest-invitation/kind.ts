/**
 * `guestInvitation` (pure): one expert invited into the service tenant (`POST /invitations`). Identity:
 * the invited address, matched against guests' `mail` case-insensitively — an expert who is already a
 * guest (invited by holofleet, by an admin, or by an earlier run whose answer was lost) is found and
 * never invited twice. Ownership: a guest with the address is what the invitation stands for, so it is
 * always usable; holofleet never changes or deletes a guest (removing one would cut an expert off
 * from every tenant resource, not only this program's), so the only action is create.
 */
import type { Attributes, ResourceKindDefinition } from "../types.ts";

export const guestInvitationKind: ResourceKindDefinition = {
  kind: "guestInvitation",
  title: "guest invitation",
  desiredAttributes: (body): Attributes => ({ invitedUserEmailAddress: String(body.invitedUserEmailAddress).toLowerCase() }),
  remoteAttributes: (remote): Attributes => ({ invitedUserEmailAddress: String(remote.data.mail ?? "").toLowerCase() }),
  immutable: [],
  writeOnly: [],
  lifecycle: { create: true, update: false, delete: false },
  ownershipRule: "a guest whose mail is the invited address is that invitation's guest; holofleet never changes or deletes guests",
  readStage: 0,
  blueprintPath: () => ["experts", "addresses"],
};
