import { describe, expect, it } from "vitest";
import { companyResourcePlansLeftOn } from "./company-resource-plans.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

describe("company-resource-plans", () => {
  it("finding → HF2020 error at 7:35", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "licensing:\n  skus: [MICROSOFT_REMOTE_ASSIST, SPE_E3]\n  disabledServicePlans: [SWAY]\n" + FIXTURE_CLIENT);
    const found = companyResourcePlansLeftOn(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2020", "error", 7, 35],
    ]);
    expect(found[0]!.message.length).toBeGreaterThan(20);
    expect(found[0]!.fix ?? "").not.toBe("");
  });

  it("compliant blueprint → no finding", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "  model: service-tenant\nlicensing:\n  skus: [MICROSOFT_REMOTE_ASSIST, SPE_E3]\n  disabledServicePlans: [SWAY]\n" + FIXTURE_CLIENT);
    expect(companyResourcePlansLeftOn(bp, src)).toEqual([]);
  });
});
