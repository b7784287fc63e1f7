import { describe, expect, it } from "vitest";
import { secureBlueprint } from "../testing/blueprint-fixture.ts";
import { groupNickname, ownedDescription, ownershipMarker, prefixedName, userNickname } from "./naming.ts";

describe("naming", () => {
  it("prefix, marker and description", () => {
    const bp = secureBlueprint({ tenant: { namingPrefix: "HL2" } });
    expect(prefixedName(bp, "Kiosk")).toBe("HL2 Kiosk");
    expect(ownershipMarker("HL2")).toBe("[holofleet:HL2]");
    expect(ownedDescription(bp, "Why.")).toBe("Why. Managed by holofleet (blueprint contoso-field-service); changes made elsewhere are overwritten. [holofleet:HL2]");
  });

  it("group nicknames keep to [a-z0-9-] (Graph forbids @ () \\ [] \" ; : . <> , and spaces)", () => {
    expect(groupNickname("HF", "Client", "North Wind (EU); Ltd.")).toBe("hf-client-north-wind-eu-ltd");
    expect(groupNickname("HF", "--a--")).toBe("hf-a");
  });

  it("user nicknames come from the UPN's local part", () => {
    expect(userNickname("fabrikam.op01@contoso.com")).toBe("fabrikam-op01");
    expect(userNickname("o'neil_1@contoso.com")).toBe("o'neil_1");
  });
});
