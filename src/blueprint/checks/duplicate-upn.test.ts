import { describe, expect, it } from "vitest";
import { duplicateUpn } from "./duplicate-upn.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

describe("duplicate-upn", () => {
  it("finding → HF2018 error at 12:14", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + FIXTURE_CLIENT + "  - id: northwind\n    accounts:\n      - upn: FABRIKAM-OP01@contoso.onmicrosoft.com\n");
    const found = duplicateUpn(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2018", "error", 12, 14],
    ]);
    expect(found[0]!.message.length).toBeGreaterThan(20);
    expect(found[0]!.fix ?? "").not.toBe("");
  });

  it("compliant blueprint → no finding", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + FIXTURE_CLIENT + "  - id: northwind\n    accounts:\n      - fabrikam-op02\n");
    expect(duplicateUpn(bp, src)).toEqual([]);
  });
});
