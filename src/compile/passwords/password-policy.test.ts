import { describe, expect, it } from "vitest";
import { secureBlueprint } from "../testing/blueprint-fixture.ts";
import { compilePasswordPolicy } from "./password-policy.ts";

describe("compilePasswordPolicy", () => {
  it("extended without a client domain → tenant.domain's passwordValidityPeriodInDays (the blueprint check HF2065 guards the same tenant)", () => {
    const r = compilePasswordPolicy(secureBlueprint({ tenant: { model: "service-tenant" }, passwords: { policy: "extended", maxAgeDays: 180 } }));
    expect(r.resources).toEqual([
      {
        kind: "domain",
        address: "domain.contoso.onmicrosoft.com",
        api: "v1.0",
        collection: "/domains",
        body: { id: "contoso.onmicrosoft.com", passwordValidityPeriodInDays: 180 },
        dependsOn: [],
      },
    ]);
    expect(r.diagnostics).toEqual([]);
    expect(r.steps).toContain("passwordValidityPeriodInDays: 180");
  });

  it("extended with tenant.clientDomain → that domain is patched, never the organisation's own", () => {
    const r = compilePasswordPolicy(
      secureBlueprint({ tenant: { clientDomain: "clients.contoso.com" }, passwords: { policy: "extended", maxAgeDays: 180 } }),
    );
    expect(r.resources).toEqual([
      {
        kind: "domain",
        address: "domain.clients.contoso.com",
        api: "v1.0",
        collection: "/domains",
        body: { id: "clients.contoso.com", passwordValidityPeriodInDays: 180 },
        dependsOn: [],
      },
    ]);
    expect(JSON.stringify(r.resources)).not.toContain("contoso.onmicrosoft.com");
    expect(r.steps).toContain("PATCH /domains/clients.contoso.com");
    expect(r.steps).toContain("must hold only");
  });

  it.each(["never-expire", "rotate-on-return", "reset-before-ship"] as const)("%s → steps only, no domain change", (policy) => {
    const r = compilePasswordPolicy(secureBlueprint({ passwords: { policy } }));
    expect(r.resources).toEqual([]);
    expect(r.diagnostics).toEqual([]);
    expect(r.steps).toContain("fabrikam-hl01@contoso.onmicrosoft.com");
  });

  it("never-expire steps name the Graph and PowerShell knobs", () => {
    const r = compilePasswordPolicy(secureBlueprint({ passwords: { policy: "never-expire" } }));
    expect(r.steps).toContain("DisablePasswordExpiration");
  });

  it("client names cannot break the accounts table", () => {
    const bp = secureBlueprint({ clients: [{ id: "x", displayName: "A | B", usageLocation: "US", loanDays: 5, accounts: [{ userPrincipalName: "x@contoso.onmicrosoft.com", displayName: "x", devices: ["S|1"] }] }] });
    expect(compilePasswordPolicy(bp).steps).toContain("| A \\| B | `x@contoso.onmicrosoft.com` | S\\|1 | 5 |");
  });
});
