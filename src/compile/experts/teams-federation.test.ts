import { describe, expect, it } from "vitest";
import { secureBlueprint } from "../testing/blueprint-fixture.ts";
import { expertDomains, FEDERATION_FILES, serviceTenantDomains, teamsFederationScripts } from "./teams-federation.ts";

const federation = () =>
  secureBlueprint({
    tenant: { model: "service-tenant", domain: "woodgroveclients.onmicrosoft.com" },
    experts: { access: "federation", addresses: ["omar@woodgrove.com", "ana@woodgrove.com", "li@experts.woodgrove.com"] },
    clients: [
      {
        id: "litware",
        displayName: "Litware",
        usageLocation: "US",
        loanDays: null,
        accounts: [
          { userPrincipalName: "litware-01@woodgroveclients.onmicrosoft.com", displayName: "Litware 01", devices: [] },
          { userPrincipalName: "litware-02@clients.woodgrove.net", displayName: "Litware 02", devices: [] },
        ],
      },
    ],
  });

describe("teamsFederationScripts", () => {
  it("each side allows the other's domains", () => {
    expect(expertDomains(federation())).toEqual(["experts.woodgrove.com", "woodgrove.com"]);
    expect(serviceTenantDomains(federation())).toEqual(["clients.woodgrove.net", "woodgroveclients.onmicrosoft.com"]);
    const [service, organisation] = teamsFederationScripts(federation());
    expect(service!.file).toBe(FEDERATION_FILES.serviceTenant);
    expect(service!.content).toContain("$domains = @('experts.woodgrove.com', 'woodgrove.com')");
    expect(organisation!.file).toBe(FEDERATION_FILES.organisation);
    expect(organisation!.content).toContain("$domains = @('clients.woodgrove.net', 'woodgroveclients.onmicrosoft.com')");
  });

  it("adds only missing domains to an allow-list, keeps open federation, and never turns external access on", () => {
    const content = teamsFederationScripts(federation())[0]!.content;
    expect(content).toContain("Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @{Add=$missing}");
    expect(content).toContain("-match 'AllowAllKnownDomains'");
    expect(content).not.toMatch(/AllowFederatedUsers \$true/);
    expect(content).toMatch(/if \(-not \$config\.AllowFederatedUsers\) \{\n.*\n  throw /);
    expect(content).toContain("Connect-MicrosoftTeams");
  });

  it("a domain with a quote cannot end the PowerShell string (names come from the file)", () => {
    const bp = federation();
    bp.metadata.name = "x\nRemove-Item *";
    const content = teamsFederationScripts(bp)[0]!.content;
    expect(content.split("\n")[0]).toContain("x Remove-Item *");
  });

  it("guests, or the same tenant → no script", () => {
    const guests = federation();
    guests.experts.access = "guests";
    expect(teamsFederationScripts(guests)).toEqual([]);
    expect(teamsFederationScripts(secureBlueprint())).toEqual([]);
  });
});
