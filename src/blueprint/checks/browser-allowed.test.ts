import { describe, expect, it } from "vitest";
import { browserAllowed } from "./browser-allowed.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

describe("browser-allowed", () => {
  it("finding → HF2003 error at 8:19", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  appControl:\n    blockBrowser: false\n" + FIXTURE_CLIENT);
    const found = browserAllowed(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2003", "error", 8, 19],
    ]);
    expect(found[0]!.message.length).toBeGreaterThan(20);
    expect(found[0]!.fix ?? "").not.toBe("");
  });

  it("compliant blueprint → no finding", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + FIXTURE_CLIENT);
    expect(browserAllowed(bp, src)).toEqual([]);
  });
});
