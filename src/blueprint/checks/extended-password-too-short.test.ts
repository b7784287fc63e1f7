import { describe, expect, it } from "vitest";
import { extendedPasswordTooShort } from "./extended-password-too-short.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

describe("extended-password-too-short", () => {
  it("finding → HF2005 error at 12:15", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + FIXTURE_CLIENT + "passwords:\n  policy: extended\n  maxAgeDays: 90\n");
    const found = extendedPasswordTooShort(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2005", "error", 12, 15],
    ]);
    expect(found[0]!.message.length).toBeGreaterThan(20);
    expect(found[0]!.fix ?? "").not.toBe("");
  });

  it("compliant blueprint → no finding", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + FIXTURE_CLIENT + "passwords:\n  policy: extended\n  maxAgeDays: 91\n");
    expect(extendedPasswordTooShort(bp, src)).toEqual([]);
  });

  it("maxAgeDays left at its default (90) → the finding points at the policy the file sets", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + FIXTURE_CLIENT + "passwords:\n  policy: extended\n");
    expect(extendedPasswordTooShort(bp, src).map((d) => [d.code, d.source?.start.line, d.source?.start.col])).toEqual([["HF2005", 11, 11]]);
  });
});
