import { describe, expect, it } from "vitest";
import { unknownApp } from "./unknown-app.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

describe("unknown-app", () => {
  it("finding → HF2011 error at 8:24", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  appControl:\n    blockApps: [store, maill]\n" + FIXTURE_CLIENT);
    const found = unknownApp(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2011", "error", 8, 24],
    ]);
    expect(found[0]!.message.length).toBeGreaterThan(20);
    expect(found[0]!.fix ?? "").not.toBe("");
  });

  it("compliant blueprint → no finding", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  appControl:\n    blockApps: [store, mail, 3d-viewer]\n" + FIXTURE_CLIENT);
    expect(unknownApp(bp, src)).toEqual([]);
  });

  it("display names and other spellings lead to the catalog id", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  kiosk:\n    apps: [Remote_Assist, settings]\n    autoLaunch: null\n  appControl:\n    blockApps: [microsoft-store, mail]\n" + FIXTURE_CLIENT);
    expect(unknownApp(bp, src).map((d) => d.message)).toEqual([
      'unknown app `Remote_Assist`. Did you mean "remote-assist"?',
      'unknown app `microsoft-store`. Did you mean "store"?',
    ]);
  });
});
