import { describe, expect, it } from "vitest";
import { usbOn } from "./usb-on.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

describe("usb-on", () => {
  it("finding → HF2021 warning at 7:8", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  usb: on\n" + FIXTURE_CLIENT);
    const found = usbOn(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2021", "warning", 7, 8],
    ]);
    expect(found[0]!.message.length).toBeGreaterThan(20);
    expect(found[0]!.fix ?? "").not.toBe("");
  });

  it("compliant blueprint → no finding", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  usb: off-allow-provisioning-packages\n" + FIXTURE_CLIENT);
    expect(usbOn(bp, src)).toEqual([]);
  });
});
