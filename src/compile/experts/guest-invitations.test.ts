import { describe, expect, it } from "vitest";
import { secureBlueprint } from "../testing/blueprint-fixture.ts";
import { graphSchemas, unknownKeys } from "../testing/graph-schema.ts";
import { compileExpertGuests } from "./guest-invitations.ts";

const serviceTenant = (access: "guests" | "federation") =>
  secureBlueprint({ tenant: { model: "service-tenant" }, experts: { access, addresses: ["omar@woodgrove.com", "ana@woodgrove.com"] } });

describe("compileExpertGuests", () => {
  it("guests: one v1.0 invitation per address (sorted) and the guest's membership of the experts group", () => {
    const resources = compileExpertGuests(serviceTenant("guests"));
    expect(resources.map((r) => r.address)).toEqual([
      "guestInvitation.ana@woodgrove.com",
      "groupMember.experts.ana@woodgrove.com",
      "guestInvitation.omar@woodgrove.com",
      "groupMember.experts.omar@woodgrove.com",
    ]);
    expect(resources[0]).toEqual({
      kind: "guestInvitation",
      address: "guestInvitation.ana@woodgrove.com",
      api: "v1.0",
      collection: "/invitations",
      body: { invitedUserEmailAddress: "ana@woodgrove.com", inviteRedirectUrl: "https://myapplications.microsoft.com", invitedUserType: "Guest", sendInvitationMessage: true },
      dependsOn: [],
    });
    expect(resources[1]).toEqual({
      kind: "groupMember",
      address: "groupMember.experts.ana@woodgrove.com",
      api: "v1.0",
      collection: "/groups/{parent}/members/$ref",
      parent: "group.experts",
      body: { "@odata.id": { $ref: "guestInvitation.ana@woodgrove.com" } },
      dependsOn: ["group.experts", "guestInvitation.ana@woodgrove.com"],
    });
  });

  it("the redirect URL comes from the blueprint", () => {
    const bp = serviceTenant("guests");
    bp.experts.guestRedirectUrl = "https://teams.microsoft.com";
    expect(compileExpertGuests(bp)[0]!.body.inviteRedirectUrl).toBe("https://teams.microsoft.com");
  });

  it("federation, or the same tenant → no invitation", () => {
    expect(compileExpertGuests(serviceTenant("federation"))).toEqual([]);
    expect(compileExpertGuests(secureBlueprint())).toEqual([]);
  });

  it.skipIf(graphSchemas() === null)("every invitation key is a v1.0 invitation property", () => {
    const body = compileExpertGuests(serviceTenant("guests"))[0]!.body;
    expect(unknownKeys(graphSchemas()!.v1, "invitation", body)).toEqual([]);
  });
});
