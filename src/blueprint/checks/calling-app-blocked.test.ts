import { describe, expect, it } from "vitest";
import { callingAppBlocked } from "./calling-app-blocked.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

describe("calling-app-blocked", () => {
  it("finding → HF2002 error at 8:24", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  appControl:\n    blockApps: [store, remote-assist]\n" + FIXTURE_CLIENT);
    const found = callingAppBlocked(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2002", "error", 8, 24],
    ]);
    expect(found[0]!.message.length).toBeGreaterThan(20);
    expect(found[0]!.fix ?? "").not.toBe("");
  });

  it("compliant blueprint → no finding", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  kiosk:\n    callingApp: dynamics-365-guides\n  appControl:\n    blockApps: [store]\n" + FIXTURE_CLIENT);
    expect(callingAppBlocked(bp, src)).toEqual([]);
  });
});
