import { describe, expect, it } from "vitest";
import { developerMode } from "./developer-mode.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

describe("developer-mode", () => {
  it("finding → HF2022 warning at 7:18", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "devices:\n  developerMode: true\n" + FIXTURE_CLIENT);
    const found = developerMode(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2022", "warning", 7, 18],
    ]);
    expect(found[0]!.message.length).toBeGreaterThan(20);
    expect(found[0]!.fix ?? "").not.toBe("");
  });

  it("compliant blueprint → no finding", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + FIXTURE_CLIENT);
    expect(developerMode(bp, src)).toEqual([]);
  });
});
