import { describe, expect, it } from "vitest";
import { settingsPageDeprecated } from "./settings-page-deprecated.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

describe("settings-page-deprecated", () => {
  it("finding → HF2009 warning at 8:27", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  settingsPages:\n    pages: [network-wifi, network-proxy]\n" + FIXTURE_CLIENT);
    const found = settingsPageDeprecated(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2009", "warning", 8, 27],
    ]);
    expect(found[0]!.message.length).toBeGreaterThan(20);
    expect(found[0]!.fix ?? "").not.toBe("");
  });

  it("compliant blueprint → no finding", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  osBaseline: 20H2\n  settingsPages:\n    pages: [network-wifi, network-proxy]\n" + FIXTURE_CLIENT);
    expect(settingsPageDeprecated(bp, src)).toEqual([]);
  });
});
