import { describe, expect, it } from "vitest";
import { expertsAddressesMissing } from "./experts-addresses-missing.ts";
import { blueprintForCheck, FIXTURE_CLIENT } from "./test-support.ts";

const head = (model: string) => `apiVersion: holofleet/v1\nmetadata:\n  name: fixture\ntenant:\n  domain: contoso.onmicrosoft.com\n  model: ${model}\n`;
const check = (text: string) => {
  const { bp, src } = blueprintForCheck(text);
  return expertsAddressesMissing(bp, src);
};
const located = (text: string) => check(text).map((d) => [d.code, d.severity, d.path?.join("."), d.source?.start.line]);

describe("experts-addresses-missing", () => {
  it("a service tenant with no experts section → HF2072 at tenant.model", () => {
    expect(located(head("service-tenant") + FIXTURE_CLIENT)).toEqual([["HF2072", "error", "tenant.model", 6]]);
  });

  it("an empty list written in the file → HF2072 at experts.addresses", () => {
    expect(located(`${head("service-tenant")}experts:\n  access: guests\n  addresses: []\n${FIXTURE_CLIENT}`)).toEqual([["HF2072", "error", "experts.addresses", 9]]);
  });

  it("an experts section without addresses → HF2072 at experts", () => {
    expect(located(`${head("service-tenant")}experts:\n  access: federation\n${FIXTURE_CLIENT}`)).toEqual([["HF2072", "error", "experts", 7]]);
  });

  it("addresses given, or the same-tenant model → nothing", () => {
    expect(check(`${head("service-tenant")}experts:\n  access: guests\n  addresses: [ada@fabrikam-experts.com]\n${FIXTURE_CLIENT}`)).toEqual([]);
    expect(check(head("same-tenant") + FIXTURE_CLIENT)).toEqual([]);
  });
});
