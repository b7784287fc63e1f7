import { describe, expect, it } from "vitest";
import { settingsPageUnknown } from "./settings-page-unknown.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

describe("settings-page-unknown", () => {
  it("finding → HF2008 error at 8:27", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  settingsPages:\n    pages: [network-wifi, network-wifl]\n" + FIXTURE_CLIENT);
    const found = settingsPageUnknown(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2008", "error", 8, 27],
    ]);
    expect(found[0]!.message.length).toBeGreaterThan(20);
    expect(found[0]!.fix ?? "").not.toBe("");
  });

  it("compliant blueprint → no finding", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  settingsPages:\n    pages: [network-wifi, bluetooth]\n" + FIXTURE_CLIENT);
    expect(settingsPageUnknown(bp, src)).toEqual([]);
  });
});
