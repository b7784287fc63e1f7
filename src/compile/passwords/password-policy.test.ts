import { describe, expect, it } from "vitest";
import { secureBlueprint } from "../testing/blueprint-fixture.ts";
import { compilePasswordPolicy } from "./password-policy.ts";

describe("compilePasswordPolicy", () => {
  it("extended → the domain's passwordValidityPeriodInDays, with a warning in the same tenant", () => {
    const r = compilePasswordPolicy(secureBlueprint({ passwords: { policy: "extended", maxAgeDays: 180 } }));
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
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: "warning", code: "HF3301", path: ["passwords", "policy"] })]);
    expect(r.steps).toContain("passwordValidityPeriodInDays: 180");
  });

  it("extended in a service tenant → no warning", () => {
    const r = compilePasswordPolicy(secureBlueprint({ tenant: { model: "service-tenant" }, passwords: { policy: "extended", maxAgeDays: 180 } }));
    expect(r.diagnostics).toEqual([]);
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
