import { describe, expect, it } from "vitest";
import { browserListedButAllowed } from "./browser-listed-but-allowed.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

describe("browser-listed-but-allowed", () => {
  it("finding → HF2026 warning at 9:24", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  appControl:\n    blockBrowser: false\n    blockApps: [store, edge]\n" + FIXTURE_CLIENT);
    const found = browserListedButAllowed(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2026", "warning", 9, 24],
    ]);
    expect(found[0]!.message.length).toBeGreaterThan(20);
    expect(found[0]!.fix ?? "").not.toBe("");
  });

  it("compliant blueprint → no finding", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  appControl:\n    blockBrowser: false\n    blockApps: [store]\n" + FIXTURE_CLIENT);
    expect(browserListedButAllowed(bp, src)).toEqual([]);
  });
});
