import { describe, expect, it } from "vitest";
import { settingsPageNotNetwork } from "./settings-page-not-network.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

describe("settings-page-not-network", () => {
  it("finding → HF2007 warning at 8:27", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  settingsPages:\n    pages: [network-wifi, bluetooth]\n" + FIXTURE_CLIENT);
    const found = settingsPageNotNetwork(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2007", "warning", 8, 27],
    ]);
    expect(found[0]!.message.length).toBeGreaterThan(20);
    expect(found[0]!.fix ?? "").not.toBe("");
  });

  it("compliant blueprint → no finding", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  settingsPages:\n    pages: [network-wifi, network-vpn]\n" + FIXTURE_CLIENT);
    expect(settingsPageNotNetwork(bp, src)).toEqual([]);
  });
});
