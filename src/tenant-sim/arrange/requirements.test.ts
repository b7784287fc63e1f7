import { describe, expect, it } from "vitest";
import { secureBlueprint } from "../../compile/testing/blueprint-fixture.ts";
import type { Blueprint, ClientAccount } from "../../blueprint/types.ts";
import { localIdentityFor, tenantRequirements, unmetRequirements, type TenantHoldings } from "./requirements.ts";

const account = (upn: string): ClientAccount => ({ userPrincipalName: upn, displayName: upn, devices: [] }) as unknown as ClientAccount;

function blueprint(overrides: Partial<Blueprint["tenant"]>, upns: string[][], skus = ["MICROSOFT_REMOTE_ASSIST", "INTUNE_A"]): Blueprint {
  const bp = secureBlueprint({ tenant: overrides, licensing: { skus } });
  bp.clients = upns.map((list, i) => ({ id: `c${i}`, displayName: `C${i}`, usageLocation: "US", loanDays: null, accounts: list.map(account) }));
  return bp;
}

describe("tenantRequirements", () => {
  it("tenant domain, client domain and every UPN domain → one lower-cased, sorted list", () => {
    const bp = blueprint({ domain: "Contoso.onmicrosoft.com", clientDomain: "clients.contoso.com" }, [["a@clients.contoso.com", "b@Fabrikam.com"], ["c@contoso.onmicrosoft.com"]]);
    expect(tenantRequirements(bp).domains).toEqual(["clients.contoso.com", "contoso.onmicrosoft.com", "fabrikam.com"]);
  });

  it("every SKU of licensing → a seat for each account of every client", () => {
    const bp = blueprint({}, [["a@contoso.onmicrosoft.com", "b@contoso.onmicrosoft.com"], ["c@contoso.onmicrosoft.com"]]);
    expect(tenantRequirements(bp).skus).toEqual([
      { skuPartNumber: "MICROSOFT_REMOTE_ASSIST", seats: 3 },
      { skuPartNumber: "INTUNE_A", seats: 3 },
    ]);
  });
});

describe("unmetRequirements", () => {
  const req = { domains: ["contoso.com", "fabrikam.com"], skus: [{ skuPartNumber: "INTUNE_A", seats: 30 }, { skuPartNumber: "GUIDES_USER", seats: 30 }] };

  it("a tenant that has everything → nothing unmet", () => {
    const has: TenantHoldings = {
      domains: [{ id: "Contoso.com", isVerified: true }, { id: "fabrikam.com", isVerified: true }],
      subscribedSkus: [{ skuPartNumber: "INTUNE_A", prepaidUnits: { enabled: 30 } }, { skuPartNumber: "GUIDES_USER", prepaidUnits: { enabled: 31 } }],
    };
    expect(unmetRequirements(req, has)).toEqual([]);
  });

  it("a missing or unverified domain, a missing SKU, too few seats → each named", () => {
    const has: TenantHoldings = {
      domains: [{ id: "fabrikam.com", isVerified: false }],
      subscribedSkus: [{ skuPartNumber: "INTUNE_A", prepaidUnits: { enabled: 25 } }],
    };
    expect(unmetRequirements(req, has)).toEqual([
      "domain contoso.com is not in the tenant",
      "domain fabrikam.com is not verified",
      "SKU INTUNE_A has 25 seats, 30 needed",
      "SKU GUIDES_USER is not subscribed",
    ]);
  });
});

describe("localIdentityFor", () => {
  it("tenant.id and an onmicrosoft.com domain → the local tenant's id and initial domain", () => {
    expect(localIdentityFor(blueprint({ id: "2C1D6F0E-8B7A-4E3D-9C5B-7A6F1E2D3C4B", domain: "Woodgrove.onmicrosoft.com" }, []))).toEqual({
      tenantId: "2c1d6f0e-8b7a-4e3d-9c5b-7a6f1e2d3c4b",
      initialDomain: "woodgrove.onmicrosoft.com",
    });
  });

  it("no id and a custom domain → nothing imposed", () => {
    expect(localIdentityFor(blueprint({ id: null, domain: "contoso.com" }, []))).toEqual({});
  });
});
