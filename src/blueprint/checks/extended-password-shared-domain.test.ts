import { describe, expect, it } from "vitest";
import { extendedPasswordSharedDomain } from "./extended-password-shared-domain.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

const EXTENDED = "passwords:\n  policy: extended\n  maxAgeDays: 180\n";

function run(tenant: string, passwords = EXTENDED) {
  const { bp, src } = blueprintForCheck(FIXTURE_HEAD + tenant + FIXTURE_CLIENT + passwords);
  return extendedPasswordSharedDomain(bp, src);
}

describe("extended-password-shared-domain", () => {
  it("extended in the same tenant without a client domain → HF2065 error at passwords.policy (11:11)", () => {
    const found = run("");
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([["HF2065", "error", 11, 11]]);
    expect(found[0]!.message).toContain("180-day password expiry on contoso.onmicrosoft.com");
    expect(found[0]!.fix).toContain("tenant.clientDomain");
    expect(found[0]!.fix).toContain("acknowledge shared-password-domain");
  });

  it("a client domain equal to tenant.domain → HF2065 at tenant.clientDomain", () => {
    const found = run("  clientDomain: contoso.onmicrosoft.com\n");
    expect(found.map((d) => [d.code, d.source?.start.line])).toEqual([["HF2065", 6]]);
  });

  it("a dedicated client domain → no finding", () => {
    expect(run("  clientDomain: clients.contoso.com\n")).toEqual([]);
  });

  it("a service tenant → no finding", () => {
    expect(run("  model: service-tenant\n")).toEqual([]);
  });

  it.each(["never-expire", "rotate-on-return", "reset-before-ship"])("policy %s → no finding", (policy) => {
    expect(run("", `passwords:\n  policy: ${policy}\n`)).toEqual([]);
  });
});
