import { describe, expect, it } from "vitest";
import { expertsAccessMissing } from "./experts-access-missing.ts";
import { blueprintForCheck, FIXTURE_CLIENT } from "./test-support.ts";

const head = (model: string) => `apiVersion: holofleet/v1\nmetadata:\n  name: fixture\ntenant:\n  domain: contoso.onmicrosoft.com\n  model: ${model}\n`;
const check = (text: string) => {
  const { bp, src } = blueprintForCheck(text);
  return expertsAccessMissing(bp, src);
};

describe("experts-access-missing", () => {
  it("a service tenant without experts.access → HF2070 at tenant.model", () => {
    const found = check(head("service-tenant") + FIXTURE_CLIENT);
    expect(found.map((d) => [d.code, d.severity, d.path?.join("."), d.source?.start.line, d.source?.start.col])).toEqual([["HF2070", "error", "tenant.model", 6, 10]]);
    expect(found[0]!.fix).toContain("experts.access: guests");
  });

  it.each(["guests", "federation"])("a service tenant with experts.access: %s → nothing", (access) => {
    expect(check(`${head("service-tenant")}experts:\n  access: ${access}\n  addresses: [ada@fabrikam-experts.com]\n${FIXTURE_CLIENT}`)).toEqual([]);
  });

  it("the same-tenant model needs no access → nothing", () => {
    expect(check(head("same-tenant") + FIXTURE_CLIENT)).toEqual([]);
  });
});
