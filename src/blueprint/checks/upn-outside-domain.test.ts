import { describe, expect, it } from "vitest";
import { upnOutsideDomain } from "./upn-outside-domain.ts";
import { blueprintForCheck, FIXTURE_HEAD } from "./test-support.ts";

describe("upn-outside-domain", () => {
  it("finding → HF2019 error at 9:9", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "clients:\n  - id: fabrikam\n    accounts:\n      - fabrikam-op01@fabrikam.com\n");
    const found = upnOutsideDomain(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2019", "error", 9, 9],
    ]);
    expect(found[0]!.message.length).toBeGreaterThan(20);
    expect(found[0]!.fix ?? "").not.toBe("");
  });

  it("with tenant.clientDomain, an account in tenant.domain is outside the client domain → HF2019", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "  clientDomain: clients.contoso.com\nclients:\n  - id: fabrikam\n    accounts:\n      - fabrikam-op01@contoso.onmicrosoft.com\n      - fabrikam-op02\n");
    const found = upnOutsideDomain(bp, src);
    expect(found.map((d) => [d.code, d.source?.start.line, d.message])).toEqual([
      ["HF2019", 10, "account `fabrikam-op01@contoso.onmicrosoft.com` is outside tenant.clientDomain clients.contoso.com"],
    ]);
    expect(bp.clients[0]!.accounts[1]!.userPrincipalName).toBe("fabrikam-op02@clients.contoso.com");
  });

  it("compliant blueprint → no finding", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "clients:\n  - id: fabrikam\n    accounts:\n      - fabrikam-op01@eu.contoso.onmicrosoft.com\n");
    expect(upnOutsideDomain(bp, src)).toEqual([]);
  });
});
