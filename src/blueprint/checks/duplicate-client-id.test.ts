import { describe, expect, it } from "vitest";
import { duplicateClientId } from "./duplicate-client-id.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

describe("duplicate-client-id", () => {
  it("finding → HF2017 error at 10:9", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + FIXTURE_CLIENT + "  - id: fabrikam\n    accounts:\n      - fabrikam-op02\n");
    const found = duplicateClientId(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2017", "error", 10, 9],
    ]);
    expect(found[0]!.message.length).toBeGreaterThan(20);
    expect(found[0]!.fix ?? "").not.toBe("");
  });

  it("compliant blueprint → no finding", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + FIXTURE_CLIENT + "  - id: northwind\n    accounts:\n      - northwind-op01\n");
    expect(duplicateClientId(bp, src)).toEqual([]);
  });
});
