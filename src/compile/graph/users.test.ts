import { describe, expect, it } from "vitest";
import { secureBlueprint } from "../testing/blueprint-fixture.ts";
import { graphSchemas, unknownKeys } from "../testing/graph-schema.ts";
import { clientSegmentName, compileUsers } from "./users.ts";

describe("compileUsers", () => {
  it("one user per client account with the fields POST /users requires", () => {
    const [user, ...rest] = compileUsers(secureBlueprint());
    expect(rest).toEqual([]);
    expect(user).toMatchObject({ kind: "user", address: "user.fabrikam-hl01@contoso.onmicrosoft.com", api: "v1.0", collection: "/users" });
    expect(user!.body).toMatchObject({
      accountEnabled: true,
      displayName: "Fabrikam HoloLens 01",
      mailNickname: "fabrikam-hl01",
      userPrincipalName: "fabrikam-hl01@contoso.onmicrosoft.com",
      usageLocation: "DE",
      department: "HF-Client-fabrikam",
      companyName: "Fabrikam, Inc.",
    });
  });

  it("the password is a placeholder generated at apply time, never a value", () => {
    const body = compileUsers(secureBlueprint({ passwords: { length: 24 } }))[0]!.body;
    expect(body.passwordProfile).toEqual({ forceChangePasswordNextSignIn: false, password: { $resolve: "password:generate", length: 24 } });
  });

  it("never-expire → passwordPolicies DisablePasswordExpiration; other policies leave it unset", () => {
    expect(compileUsers(secureBlueprint({ passwords: { policy: "never-expire" } }))[0]!.body.passwordPolicies).toBe("DisablePasswordExpiration");
    for (const policy of ["extended", "rotate-on-return", "reset-before-ship"] as const) {
      expect(compileUsers(secureBlueprint({ passwords: { policy } }))[0]!.body).not.toHaveProperty("passwordPolicies");
    }
  });

  it("segment names are prefix-Client-id", () => {
    expect(clientSegmentName(secureBlueprint({ tenant: { namingPrefix: "HL" } }), { id: "north-wind" })).toBe("HL-Client-north-wind");
  });

  it.skipIf(graphSchemas() === null)("every body key is a property of the v1.0 user type (CSDL)", () => {
    const body = compileUsers(secureBlueprint({ passwords: { policy: "never-expire" } }))[0]!.body;
    expect(unknownKeys(graphSchemas()!.v1, "user", body)).toEqual([]);
    expect(unknownKeys(graphSchemas()!.v1, "user", { ...body, bogusProperty: 1 })).toEqual(["bogusProperty"]);
  });
});
