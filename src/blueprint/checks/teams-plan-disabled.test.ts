import { describe, expect, it } from "vitest";
import { teamsPlanDisabled } from "./teams-plan-disabled.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

describe("teams-plan-disabled", () => {
  it("finding → HF2027 warning at 7:49", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "licensing:\n  disabledServicePlans: [EXCHANGE_S_ENTERPRISE, TEAMS1]\n" + FIXTURE_CLIENT);
    const found = teamsPlanDisabled(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2027", "warning", 7, 49],
    ]);
    expect(found[0]!.message.length).toBeGreaterThan(20);
    expect(found[0]!.fix ?? "").not.toBe("");
  });

  it("compliant blueprint → no finding", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + FIXTURE_CLIENT);
    expect(teamsPlanDisabled(bp, src)).toEqual([]);
  });
});
