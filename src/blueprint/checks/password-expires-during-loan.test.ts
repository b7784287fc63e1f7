import { describe, expect, it } from "vitest";
import { passwordExpiresDuringLoan } from "./password-expires-during-loan.ts";
import { blueprintForCheck, FIXTURE_HEAD } from "./test-support.ts";

describe("password-expires-during-loan", () => {
  it("finding → HF2004 error at 8:15", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "clients:\n  - id: fabrikam\n    loanDays: 200\n    accounts:\n      - fabrikam-op01\npasswords:\n  policy: extended\n  maxAgeDays: 120\n");
    const found = passwordExpiresDuringLoan(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2004", "error", 8, 15],
    ]);
    expect(found[0]!.message.length).toBeGreaterThan(20);
    expect(found[0]!.fix ?? "").not.toBe("");
  });

  it("compliant blueprint → no finding", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "clients:\n  - id: fabrikam\n    loanDays: 200\n    accounts:\n      - fabrikam-op01\npasswords:\n  policy: never-expire\n");
    expect(passwordExpiresDuringLoan(bp, src)).toEqual([]);
  });
});
