import { describe, expect, it } from "vitest";
import { autoLaunchNotInKiosk } from "./auto-launch-not-in-kiosk.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

describe("auto-launch-not-in-kiosk", () => {
  it("finding → HF2014 error at 8:17", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  kiosk:\n    autoLaunch: feedback-hub\n" + FIXTURE_CLIENT);
    const found = autoLaunchNotInKiosk(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2014", "error", 8, 17],
    ]);
    expect(found[0]!.message.length).toBeGreaterThan(20);
    expect(found[0]!.fix ?? "").not.toBe("");
  });

  it("compliant blueprint → no finding", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  kiosk:\n    apps: [remote-assist, settings, feedback-hub]\n    autoLaunch: feedback-hub\n" + FIXTURE_CLIENT);
    expect(autoLaunchNotInKiosk(bp, src)).toEqual([]);
  });

  it("no second finding for what another check reports at the same cause", () => {
    // The calling app missing from the kiosk is HF2025's; an unknown auto-launch id is HF2011's.
    const missingCallingApp = blueprintForCheck(FIXTURE_HEAD + "devices:\n  kiosk:\n    apps: [settings]\n" + FIXTURE_CLIENT);
    expect(autoLaunchNotInKiosk(missingCallingApp.bp, missingCallingApp.src)).toEqual([]);
    const unknown = blueprintForCheck(FIXTURE_HEAD + "devices:\n  kiosk:\n    autoLaunch: feedbackhub\n" + FIXTURE_CLIENT);
    expect(autoLaunchNotInKiosk(unknown.bp, unknown.src)).toEqual([]);
  });
});
