import { describe, expect, it } from "vitest";
import { tenantLockdownWithoutAutopilot } from "./tenant-lockdown-without-autopilot.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

describe("tenant-lockdown-without-autopilot", () => {
  it("Autopilot off with the lockdown default → HF2060 error at devices.autopilot.enabled (8:14)", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  autopilot:\n    enabled: false\n" + FIXTURE_CLIENT);
    const found = tenantLockdownWithoutAutopilot(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([["HF2060", "error", 8, 14]]);
    expect(found[0]!.why).toContain("indefinitely");
    expect(found[0]!.fix).toContain("devices.tenantLockdown: false");
  });

  it("lockdown written explicitly → the finding points at devices.tenantLockdown", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  tenantLockdown: true\n  autopilot:\n    enabled: false\n" + FIXTURE_CLIENT);
    expect(tenantLockdownWithoutAutopilot(bp, src).map((d) => [d.code, d.source?.start.line, d.source?.start.col])).toEqual([["HF2060", 7, 19]]);
  });

  it.each([
    ["Autopilot on (the default)", ""],
    ["lockdown off and Autopilot off", "devices:\n  tenantLockdown: false\n  autopilot:\n    enabled: false\n"],
    ["lockdown off, Autopilot on", "devices:\n  tenantLockdown: false\n"],
  ])("%s → no finding", (_, yaml) => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + yaml + FIXTURE_CLIENT);
    expect(tenantLockdownWithoutAutopilot(bp, src)).toEqual([]);
  });
});
