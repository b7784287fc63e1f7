import { describe, expect, it } from "vitest";
import { diffAttributes } from "../../engine/diff.ts";
import { groupMemberKind as kind } from "./kind.ts";

const desired = { kind: "groupMember" as const, address: "groupMember.experts.ann@fabrikam.example", api: "v1.0" as const, collection: "/groups/{parent}/members/$ref", parent: "group.experts", body: {}, dependsOn: [] };

describe("groupMember kind", () => {
  it("the resolved directoryObjects URL and the member read back (any case) → no change", () => {
    const after = kind.desiredAttributes({ "@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/AAAA-1" });
    const before = kind.remoteAttributes({ id: "grp", data: { member: "aaaa-1" }, owned: true }, desired);
    expect(diffAttributes(before, after, kind)).toEqual([]);
  });
  it("a guest still to be invited → the member is known after apply", () => {
    const after = kind.desiredAttributes({ "@odata.id": { $unknown: "guestInvitation.ann@fabrikam.example" } });
    expect(diffAttributes(null, after, kind)).toEqual([{ path: "member", before: null, after: { $unknown: "guestInvitation.ann@fabrikam.example" }, knownAfterApply: true }]);
  });
  it("lifecycle → added, never removed", () => {
    expect(kind.lifecycle).toEqual({ create: true, update: false, delete: false });
  });
});
