import { describe, expect, it } from "vitest";
import { kioskAppNotAllowed } from "./kiosk-app-not-allowed.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

describe("kiosk-app-not-allowed", () => {
  it("finding → HF2015 error at 8:37", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  kiosk:\n    apps: [remote-assist, settings, app-installer]\n" + FIXTURE_CLIENT);
    const found = kioskAppNotAllowed(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2015", "error", 8, 37],
    ]);
    expect(found[0]!.message.length).toBeGreaterThan(20);
    expect(found[0]!.fix ?? "").not.toBe("");
  });

  it("compliant blueprint → no finding", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  kiosk:\n    apps: [remote-assist, settings, camera, device-picker]\n" + FIXTURE_CLIENT);
    expect(kioskAppNotAllowed(bp, src)).toEqual([]);
  });
});
