import { describe, expect, it } from "vitest";
import { callingAppNotInKiosk } from "./calling-app-not-in-kiosk.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

describe("calling-app-not-in-kiosk", () => {
  it("finding → HF2025 error at 8:5", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  kiosk:\n    apps: [settings]\n    autoLaunch: null\n" + FIXTURE_CLIENT);
    const found = callingAppNotInKiosk(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2025", "error", 8, 5],
    ]);
    expect(found[0]!.message.length).toBeGreaterThan(20);
    expect(found[0]!.fix ?? "").not.toBe("");
  });

  it("compliant blueprint → no finding", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  kiosk:\n    enabled: false\n    apps: [settings]\n" + FIXTURE_CLIENT);
    expect(callingAppNotInKiosk(bp, src)).toEqual([]);
  });

  it("a misspelt calling app is left to unknown-app (HF2011); an unrelated unknown app is not", () => {
    const misspelt = blueprintForCheck(FIXTURE_HEAD + "devices:\n  kiosk:\n    apps: [Remote Assist, settings]\n" + FIXTURE_CLIENT);
    expect(callingAppNotInKiosk(misspelt.bp, misspelt.src)).toEqual([]);
    const unrelated = blueprintForCheck(FIXTURE_HEAD + "devices:\n  kiosk:\n    apps: [settingz]\n" + FIXTURE_CLIENT);
    expect(callingAppNotInKiosk(unrelated.bp, unrelated.src).map((d) => d.code)).toEqual(["HF2025"]);
  });
});
