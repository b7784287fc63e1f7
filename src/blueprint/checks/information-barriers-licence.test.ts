import { describe, expect, it } from "vitest";
import { informationBarriersLicence } from "./information-barriers-licence.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

describe("information-barriers-licence", () => {
  it("finding → HF2006 warning at 7:9", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "isolation:\n  mode: information-barriers\n" + FIXTURE_CLIENT);
    const found = informationBarriersLicence(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2006", "warning", 7, 9],
    ]);
    expect(found[0]!.message.length).toBeGreaterThan(20);
    expect(found[0]!.fix ?? "").not.toBe("");
  });

  it("compliant blueprint → no finding", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "licensing:\n  skus: [MICROSOFT_REMOTE_ASSIST, INTUNE_A, AAD_PREMIUM, SPE_E5]\nisolation:\n  mode: information-barriers\n" + FIXTURE_CLIENT);
    expect(informationBarriersLicence(bp, src)).toEqual([]);
  });

  it("an IB-capable SKU whose information-barriers plan is disabled gives no barriers → HF2006 at that entry", () => {
    const { bp, src } = blueprintForCheck(
      FIXTURE_HEAD + "licensing:\n  skus: [MICROSOFT_REMOTE_ASSIST, INTUNE_A, AAD_PREMIUM, SPE_E5]\n  disabledServicePlans: [INFORMATION_BARRIERS]\nisolation:\n  mode: information-barriers\n" + FIXTURE_CLIENT,
    );
    const found = informationBarriersLicence(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.path?.join(".")])).toEqual([["HF2006", "warning", "licensing.disabledServicePlans.0"]]);
    expect(found[0]!.fix).toContain("Remove INFORMATION_BARRIERS from licensing.disabledServicePlans");
  });
});
