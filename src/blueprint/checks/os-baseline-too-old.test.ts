import { describe, expect, it } from "vitest";
import { osBaselineTooOld } from "./os-baseline-too-old.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

describe("os-baseline-too-old", () => {
  it("finding → HF2010 error at 9:31", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  osBaseline: 21H2\n  restrictions:\n    captivePortalBeforeLogon: true\n" + FIXTURE_CLIENT);
    const found = osBaselineTooOld(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2010", "error", 9, 31],
    ]);
    expect(found[0]!.message.length).toBeGreaterThan(20);
    expect(found[0]!.fix ?? "").not.toBe("");
  });

  it("compliant blueprint → no finding", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  osBaseline: 22H2\n  restrictions:\n    captivePortalBeforeLogon: true\n" + FIXTURE_CLIENT);
    expect(osBaselineTooOld(bp, src)).toEqual([]);
  });

  it("features the defaults switch on are reported once, together, at devices.osBaseline", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  osBaseline: \"2004\"\n" + FIXTURE_CLIENT);
    const found = osBaselineTooOld(bp, src);
    expect(found.map((d) => [d.code, d.source?.start.line, d.source?.start.col])).toEqual([["HF2010", 7, 15]]);
    expect(found[0]!.message).toMatch(/older than 6 features holofleet's defaults use: .*tenant/i);
    expect(found[0]!.fix).toContain("Raise devices.osBaseline to 20H2 (19041.1128) or newer");
  });

  it("a key the file writes is reported at that key, with the release that has the feature", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  osBaseline: 21H1\n  restrictions:\n    requirePrivateStoreOnly: true\n" + FIXTURE_CLIENT);
    const found = osBaselineTooOld(bp, src);
    expect(found.map((d) => [d.code, d.source?.start.line, d.source?.start.col])).toEqual([["HF2010", 9, 30]]);
    expect(found[0]!.message).toContain("21H2 (20348.1432)");
  });
});
