import { describe, expect, it } from "vitest";
import { unknownSku } from "./unknown-sku.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

describe("unknown-sku", () => {
  it("finding → HF2012 error at 7:35", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "licensing:\n  skus: [MICROSOFT_REMOTE_ASSIST, INTUNE, AAD_PREMIUM]\n" + FIXTURE_CLIENT);
    const found = unknownSku(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2012", "error", 7, 35],
    ]);
    expect(found[0]!.message.length).toBeGreaterThan(20);
    expect(found[0]!.fix ?? "").not.toBe("");
  });

  it("compliant blueprint → no finding", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "licensing:\n  skus: [MICROSOFT_REMOTE_ASSIST_HOLOLENS, INTUNE_A, AAD_PREMIUM]\n" + FIXTURE_CLIENT);
    expect(unknownSku(bp, src)).toEqual([]);
  });
});
