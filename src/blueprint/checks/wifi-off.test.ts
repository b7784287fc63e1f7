import { describe, expect, it } from "vitest";
import { runChecks } from "./index.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";
import { wifiOff } from "./wifi-off.ts";

describe("wifi-off", () => {
  it("allowWifi false → HF2052 error at 8:16", () => {
    const { bp, src } = blueprintForCheck(`${FIXTURE_HEAD}devices:\n  restrictions:\n    allowWifi: false\n${FIXTURE_CLIENT}`);
    const found = wifiOff(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([["HF2052", "error", 8, 16]]);
    expect(found[0]!.fix).toContain("wifi-off");
  });

  it("the default (Wi‑Fi on) → no finding", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + FIXTURE_CLIENT);
    expect(bp.devices.restrictions.allowWifi).toBe(true);
    expect(wifiOff(bp, src)).toEqual([]);
  });

  it("acknowledged → silent", () => {
    const { bp, src } = blueprintForCheck(`${FIXTURE_HEAD}devices:\n  restrictions:\n    allowWifi: false\n${FIXTURE_CLIENT}acknowledge: [wifi-off]\n`);
    expect(runChecks(bp, src)).toEqual([]);
  });
});
