import { describe, expect, it } from "vitest";
import { expertsAccessWithoutEffect } from "./experts-access-without-effect.ts";
import { blueprintForCheck, FIXTURE_CLIENT } from "./test-support.ts";

const head = (model: string) => `apiVersion: holofleet/v1\nmetadata:\n  name: fixture\ntenant:\n  domain: contoso.onmicrosoft.com\n  model: ${model}\n`;
const located = (text: string) => {
  const { bp, src } = blueprintForCheck(text);
  return expertsAccessWithoutEffect(bp, src).map((d) => [d.code, d.severity, d.path?.join("."), d.source?.start.line]);
};

describe("experts-access-without-effect", () => {
  it("access and addresses in the same-tenant model → HF2071 at each", () => {
    expect(located(`${head("same-tenant")}experts:\n  access: guests\n  addresses: [ada@contoso.com]\n${FIXTURE_CLIENT}`)).toEqual([
      ["HF2071", "error", "experts.access", 8],
      ["HF2071", "error", "experts.addresses", 9],
    ]);
  });

  it("a guest redirect URL written without guests → HF2071 at it (federation, or the same tenant)", () => {
    const federation = `${head("service-tenant")}experts:\n  access: federation\n  addresses: [ada@contoso-hq.com]\n  guestRedirectUrl: https://teams.microsoft.com\n${FIXTURE_CLIENT}`;
    expect(located(federation)).toEqual([["HF2071", "error", "experts.guestRedirectUrl", 10]]);
    expect(located(`${head("same-tenant")}experts:\n  guestRedirectUrl: https://teams.microsoft.com\n${FIXTURE_CLIENT}`)).toEqual([["HF2071", "error", "experts.guestRedirectUrl", 8]]);
  });

  it("guests in a service tenant with a redirect URL, or the same tenant with the defaults → nothing", () => {
    expect(located(`${head("service-tenant")}experts:\n  access: guests\n  addresses: [ada@contoso-hq.com]\n  guestRedirectUrl: https://teams.microsoft.com\n${FIXTURE_CLIENT}`)).toEqual([]);
    expect(located(head("same-tenant") + FIXTURE_CLIENT)).toEqual([]);
  });
});
