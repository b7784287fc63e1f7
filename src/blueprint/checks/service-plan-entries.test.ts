import { describe, expect, it } from "vitest";
import { servicePlanEntries } from "./service-plan-entries.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

function run(licensing: string, extra = "") {
  const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "licensing:\n" + licensing + extra + FIXTURE_CLIENT);
  return servicePlanEntries(bp, src).map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col, d.message]);
}

describe("service-plan-entries", () => {
  it("a disabled plan the allow-list turns off anyway → HF2062 warning at it (7:49)", () => {
    const found = run("  disabledServicePlans: [EXCHANGE_S_ENTERPRISE, SHAREPOINTENTERPRISE]\n");
    expect(found.map((f) => f.slice(0, 4))).toEqual([
      ["HF2062", "warning", 7, 26],
      ["HF2062", "warning", 7, 49],
    ]);
    expect(found[0]![4]).toContain("off anyway");
  });

  it("an enabled plan the program needs anyway → HF2062", () => {
    const found = run("  skus: [MICROSOFT_REMOTE_ASSIST, SPE_E3]\n  enabledServicePlans: [INTUNE_A]\n");
    expect(found).toEqual([["HF2062", "warning", 8, 25, expect.stringContaining("the program needs it for Microsoft Intune")]]);
  });

  it("an enabled plan no assigned SKU has → HF2062", () => {
    const found = run("  enabledServicePlans: [EXCHANGE_S_ENTERPRISE]\n");
    expect(found).toEqual([["HF2062", "warning", 7, 25, expect.stringContaining("none of the assigned SKUs (MICROSOFT_REMOTE_ASSIST, INTUNE_A, AAD_PREMIUM) has")]]);
  });

  it("a disabled plan the program would keep but no SKU has → HF2062", () => {
    const found = run("  skus: [MICROSOFT_REMOTE_ASSIST, INTUNE_A]\n  disabledServicePlans: [MFA_PREMIUM]\n");
    expect(found).toEqual([["HF2062", "warning", 8, 26, expect.stringContaining("none of the assigned SKUs")]]);
  });

  it("a plan in both lists → HF2063 error at the enabled entry", () => {
    const found = run("  skus: [MICROSOFT_REMOTE_ASSIST, SPE_E3]\n  enabledServicePlans: [SWAY]\n  disabledServicePlans: [SWAY]\n");
    expect(found).toEqual([["HF2063", "error", 8, 25, expect.stringContaining("both")]]);
  });

  it("entries that change the licence → no finding", () => {
    expect(run("  skus: [MICROSOFT_REMOTE_ASSIST, SPE_E3]\n  enabledServicePlans: [SWAY]\n  disabledServicePlans: [MFA_PREMIUM, TEAMS1]\n")).toEqual([]);
  });

  it("Guides plans count as needed only when Guides is used", () => {
    const skus = "  skus: [GUIDES_USER, MICROSOFT_REMOTE_ASSIST, INTUNE_A, AAD_PREMIUM]\n  disabledServicePlans: [POWERAPPS_GUIDES]\n";
    expect(run(skus, "devices:\n  kiosk:\n    callingApp: dynamics-365-guides\n")).toEqual([]);
    expect(run(skus).map((f) => f[0])).toEqual(["HF2062"]);
  });

  it("an unknown SKU → no 'no SKU has it' finding (its plans are unknown); an unknown plan → left to HF2013", () => {
    expect(run("  skus: [REMOTE_ASSIST_GOLD]\n  enabledServicePlans: [SWAY]\n")).toEqual([]);
    expect(run("  disabledServicePlans: [NOT_A_PLAN]\n")).toEqual([]);
  });
});
