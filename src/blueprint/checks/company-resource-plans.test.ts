import { describe, expect, it } from "vitest";
import { companyResourcePlansLeftOn } from "./company-resource-plans.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

const E3 = "licensing:\n  skus: [MICROSOFT_REMOTE_ASSIST, SPE_E3]\n";

function run(yaml: string, tenant = "") {
  const { bp, src } = blueprintForCheck(FIXTURE_HEAD + tenant + yaml + FIXTURE_CLIENT);
  return companyResourcePlansLeftOn(bp, src);
}

describe("company-resource-plans", () => {
  it("a company-resource plan kept on in the same tenant → HF2020 error at the entry (8:25)", () => {
    const found = run(E3 + "  enabledServicePlans: [EXCHANGE_S_ENTERPRISE]\n");
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([["HF2020", "error", 8, 25]]);
    expect(found[0]!.message).toContain("a company-resource plan");
    expect(found[0]!.fix).toContain("acknowledge company-resource-plans");
  });

  it("any other plan beyond the allow-list (Loop) is flagged as well", () => {
    const found = run(E3 + "  enabledServicePlans: [MICROSOFT_LOOP]\n");
    expect(found.map((d) => d.message)).toEqual([expect.stringContaining("a plan the program does not need")]);
  });

  it("an Exchange Online mailbox kept on (Exchange Online Kiosk, not a suite plan) is a company resource too", () => {
    const found = run("licensing:\n  skus: [MICROSOFT_REMOTE_ASSIST, INTUNE_A, AAD_PREMIUM, EXCHANGEDESKLESS]\n  enabledServicePlans: [EXCHANGE_S_DESKLESS]\n");
    expect(found.map((d) => [d.code, d.path?.join(".")])).toEqual([["HF2020", "licensing.enabledServicePlans.0"]]);
    expect(found[0]!.message).toContain("a company-resource plan, an Exchange Online mailbox");
    expect(found[0]!.message).not.toContain("scoped directory search");
  });

  it("an E3 suite with nothing kept on beyond the allow-list → no finding (the rest is disabled)", () => {
    expect(run(E3)).toEqual([]);
  });

  it("a service tenant → no finding (it has no company resources)", () => {
    expect(run(E3 + "  enabledServicePlans: [EXCHANGE_S_ENTERPRISE]\n", "  model: service-tenant\n")).toEqual([]);
  });

  it("entries that change nothing (needed anyway, in no SKU, or disabled too) are left to service-plan-entries", () => {
    expect(run(E3 + "  enabledServicePlans: [INTUNE_A, EXCHANGE_S_STANDARD]\n")).toEqual([]);
    expect(run(E3 + "  enabledServicePlans: [SWAY]\n  disabledServicePlans: [SWAY]\n")).toEqual([]);
  });
});
