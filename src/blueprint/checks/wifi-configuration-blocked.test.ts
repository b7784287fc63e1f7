import { describe, expect, it } from "vitest";
import { wifiConfigurationBlocked } from "./wifi-configuration-blocked.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

describe("wifi-configuration-blocked", () => {
  it("finding → HF2029 warning at 8:35", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  restrictions:\n    allowManualWifiConfiguration: false\n" + FIXTURE_CLIENT);
    const found = wifiConfigurationBlocked(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2029", "warning", 8, 35],
    ]);
    expect(found[0]!.message.length).toBeGreaterThan(20);
    expect(found[0]!.fix ?? "").not.toBe("");
  });

  it("compliant blueprint → no finding", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + FIXTURE_CLIENT);
    expect(wifiConfigurationBlocked(bp, src)).toEqual([]);
  });
});
