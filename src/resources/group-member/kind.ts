/**
 * `groupMember` (pure): one member of a group whose other members are not holofleet's (an expert guest
 * in the experts group). Identity: the parent group and the member's id. Ownership: the membership is
 * asserted, never owned — holofleet adds the member when it is missing and never removes a member,
 * since the admin manages the group's other members and may have removed one on purpose only through
 * the blueprint (dropping the address).
 */
import type { Attributes, ResourceKindDefinition } from "../types.ts";
import { idOfBind } from "../group/kind.ts";
import { isUnknown } from "../../engine/diff.ts";

export const groupMemberKind: ResourceKindDefinition = {
  kind: "groupMember",
  title: "group membership",
  // `@odata.id` is a directoryObjects URL once resolved, or `{ $unknown }` before the member exists.
  desiredAttributes: (body): Attributes => {
    const ref = body["@odata.id"];
    return { member: isUnknown(ref) ? ref : idOfBind(String(ref)) };
  },
  remoteAttributes: (remote): Attributes => ({ member: String(remote.data.member).toLowerCase() }),
  immutable: [],
  writeOnly: [],
  lifecycle: { create: true, update: false, delete: false },
  ownershipRule: "a membership is asserted, never owned: holofleet adds the member and removes no one",
  readStage: 1,
  blueprintPath: () => ["experts", "addresses"],
};
