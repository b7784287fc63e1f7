import { describe, expect, it } from "vitest";
import { denyNotAllowed } from "./deny-not-allowed.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

describe("deny-not-allowed", () => {
  it("finding → HF2016 error at 10:24", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  kiosk:\n    callingApp: dynamics-365-guides\n  appControl:\n    blockApps: [store, remote-assist]\n" + FIXTURE_CLIENT);
    const found = denyNotAllowed(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2016", "error", 10, 24],
    ]);
    expect(found[0]!.message.length).toBeGreaterThan(20);
    expect(found[0]!.fix ?? "").not.toBe("");
  });

  it("compliant blueprint → no finding", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  appControl:\n    blockApps: [store, tips]\n" + FIXTURE_CLIENT);
    expect(denyNotAllowed(bp, src)).toEqual([]);
  });
});
