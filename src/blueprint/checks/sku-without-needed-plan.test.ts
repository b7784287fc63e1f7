import { describe, expect, it } from "vitest";
import { skuWithoutNeededPlan } from "./sku-without-needed-plan.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

function run(yaml: string) {
  const { bp, src } = blueprintForCheck(FIXTURE_HEAD + yaml + FIXTURE_CLIENT);
  return skuWithoutNeededPlan(bp, src);
}

describe("sku-without-needed-plan", () => {
  it("an information-barrier add-on without information barriers → HF2064 warning at the SKU (7:58)", () => {
    const found = run("licensing:\n  skus: [MICROSOFT_REMOTE_ASSIST, INTUNE_A, AAD_PREMIUM, INFORMATION_PROTECTION_COMPLIANCE]\n");
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([["HF2064", "warning", 7, 58]]);
    expect(found[0]!.message).toContain("all 23 of its service plans would be disabled");
  });

  it("the same SKU under information barriers keeps INFORMATION_BARRIERS → no finding", () => {
    expect(run("licensing:\n  skus: [MICROSOFT_REMOTE_ASSIST, INTUNE_A, AAD_PREMIUM, INFORMATION_PROTECTION_COMPLIANCE]\nisolation:\n  mode: information-barriers\n")).toEqual([]);
  });

  it("a plan kept on through enabledServicePlans counts", () => {
    expect(run("licensing:\n  skus: [MICROSOFT_REMOTE_ASSIST, INTUNE_A, AAD_PREMIUM, INFORMATION_PROTECTION_COMPLIANCE]\n  enabledServicePlans: [INSIDER_RISK]\n")).toEqual([]);
  });

  it("a Guides licence while only Remote Assist is used → HF2064", () => {
    expect(run("licensing:\n  skus: [GUIDES_USER, MICROSOFT_REMOTE_ASSIST, INTUNE_A, AAD_PREMIUM]\n").map((d) => d.code)).toEqual(["HF2064"]);
  });

  it("the guide's licences → no finding", () => {
    expect(run("")).toEqual([]);
  });
});
