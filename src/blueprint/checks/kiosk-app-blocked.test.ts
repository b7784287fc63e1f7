import { describe, expect, it } from "vitest";
import { kioskAppBlocked } from "./kiosk-app-blocked.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

describe("kiosk-app-blocked", () => {
  it("finding → HF2001 error at 8:37", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  kiosk:\n    apps: [remote-assist, settings, photos]\n  appControl:\n    blockApps: [store, photos]\n" + FIXTURE_CLIENT);
    const found = kioskAppBlocked(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2001", "error", 8, 37],
    ]);
    expect(found[0]!.message.length).toBeGreaterThan(20);
    expect(found[0]!.fix ?? "").not.toBe("");
  });

  it("compliant blueprint → no finding", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  kiosk:\n    apps: [remote-assist, settings, photos]\n" + FIXTURE_CLIENT);
    expect(kioskAppBlocked(bp, src)).toEqual([]);
  });
});
