import { describe, expect, it } from "vitest";
import { extendedPasswordAccountDomain } from "./extended-password-account-domain.ts";
import { blueprintForCheck, FIXTURE_HEAD } from "./test-support.ts";

const EXTENDED = "passwords:\n  policy: extended\n  maxAgeDays: 180\n";
const clients = (...upns: string[]) => `clients:\n  - id: fabrikam\n    accounts:\n${upns.map((u) => `      - ${u}\n`).join("")}`;

function run(tenant: string, accounts: string, passwords = EXTENDED) {
  const { bp, src } = blueprintForCheck(FIXTURE_HEAD + tenant + accounts + passwords);
  return extendedPasswordAccountDomain(bp, src);
}

describe("extended-password-account-domain", () => {
  it("an account in a subdomain of the client domain → HF2066 error at its upn (11:9)", () => {
    const found = run("  clientDomain: clients.contoso.com\n", clients("op01", "op02@eu.clients.contoso.com"));
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([["HF2066", "error", 11, 9]]);
    expect(found[0]!.message).toContain("not in clients.contoso.com");
  });

  it("every account in the client domain (aliases expand there) → no finding", () => {
    expect(run("  clientDomain: clients.contoso.com\n", clients("op01", "op02@clients.contoso.com"))).toEqual([]);
  });

  it("without a client domain, tenant.domain is the patched one", () => {
    expect(run("  model: service-tenant\n", clients("op01", "op02@eu.contoso.onmicrosoft.com")).map((d) => d.code)).toEqual(["HF2066"]);
  });

  it("another policy → no finding", () => {
    expect(run("", clients("op02@eu.contoso.onmicrosoft.com"), "passwords:\n  policy: never-expire\n")).toEqual([]);
  });
});
