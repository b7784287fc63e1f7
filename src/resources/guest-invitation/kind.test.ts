import { describe, expect, it } from "vitest";
import { diffAttributes } from "../../engine/diff.ts";
import { guestInvitationKind as kind } from "./kind.ts";

const desired = { kind: "guestInvitation" as const, address: "guestInvitation.ann@fabrikam.example", api: "v1.0" as const, collection: "/invitations", body: { invitedUserEmailAddress: "ann@fabrikam.example", inviteRedirectUrl: "https://myapps.microsoft.com", invitedUserType: "Guest", sendInvitationMessage: true }, dependsOn: [] };

describe("guestInvitation kind", () => {
  it("a guest whose mail differs only in case → no change (the address is the identity)", () => {
    const remote = { id: "g1", data: { mail: "Ann@Fabrikam.example", userType: "Guest" }, owned: true };
    expect(diffAttributes(kind.remoteAttributes(remote, desired), kind.desiredAttributes(desired.body), kind)).toEqual([]);
  });
  it("the redirect URL and message flag → not compared (they matter only to the invitation's sending)", () => {
    expect(Object.keys(kind.desiredAttributes(desired.body))).toEqual(["invitedUserEmailAddress"]);
  });
  it("lifecycle → created only, never updated or deleted", () => {
    expect(kind.lifecycle).toEqual({ create: true, update: false, delete: false });
  });
});
