import { describe, expect, it } from "vitest";
import { unknownServicePlan } from "./unknown-service-plan.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

describe("unknown-service-plan", () => {
  it("finding → HF2013 error at 7:49", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "licensing:\n  disabledServicePlans: [EXCHANGE_S_ENTERPRISE, SHAREPOINT_ENTERPRISE]\n" + FIXTURE_CLIENT);
    const found = unknownServicePlan(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2013", "error", 7, 49],
    ]);
    expect(found[0]!.message.length).toBeGreaterThan(20);
    expect(found[0]!.fix ?? "").not.toBe("");
  });

  it("an unknown name in enabledServicePlans → HF2013 there too", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "licensing:\n  skus: [MICROSOFT_REMOTE_ASSIST, SPE_E3]\n  enabledServicePlans: [MICROSOFT_LOOPS]\n" + FIXTURE_CLIENT);
    const found = unknownServicePlan(bp, src);
    expect(found.map((d) => [d.code, d.path])).toEqual([["HF2013", ["licensing", "enabledServicePlans", 0]]]);
    expect(found[0]!.message).toContain('Did you mean "MICROSOFT_LOOP"?');
  });

  it("compliant blueprint → no finding", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "licensing:\n  disabledServicePlans: [EXCHANGE_S_ENTERPRISE, SHAREPOINTENTERPRISE]\n" + FIXTURE_CLIENT);
    expect(unknownServicePlan(bp, src)).toEqual([]);
  });

  it("suggests from the plans of the blueprint's own SKUs first, then from every SKU", () => {
    const withE3 = blueprintForCheck(FIXTURE_HEAD + "licensing:\n  skus: [INTUNE_A, SPE_E3]\n  disabledServicePlans: [Yammer]\n" + FIXTURE_CLIENT);
    expect(unknownServicePlan(withE3.bp, withE3.src)[0]!.message).toBe('unknown service plan `Yammer`. Did you mean "YAMMER_ENTERPRISE"?');
    const elsewhere = blueprintForCheck(FIXTURE_HEAD + "licensing:\n  disabledServicePlans: [EXCHANGE_S_ENTERPRIS]\n" + FIXTURE_CLIENT);
    expect(unknownServicePlan(elsewhere.bp, elsewhere.src)[0]!.message).toMatch(/Did you mean "EXCHANGE_S_ENTERPRISE"( or|\?)/);
  });
});
