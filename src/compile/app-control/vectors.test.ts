import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileSiPolicy } from "./compile.ts";
import { decodeSiPolicyWithInfo } from "./decode.ts";
import { encodeSiPolicy } from "./encode.ts";
import { parseSiPolicyXml } from "./parse.ts";
import { applyVectorOverrides, FIXTURE_VECTORS, readVectorBytes, referenceVectors, type WdacVector } from "./testing-vectors.ts";
import { siPolicyModelToXml } from "./xml-write.ts";

/** Bytes that differ, counting a length difference as differing bytes. */
function differingBytes(a: Uint8Array, b: Uint8Array): number {
  let n = Math.abs(a.length - b.length);
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) n++;
  return n;
}

function vectorSuite(vectors: readonly WdacVector[]): void {
  for (const v of vectors.filter((x) => x.xmlPath)) {
    it(`${v.id}: XML (with documented overrides) → binary identical to Microsoft's`, () => {
      const xml = applyVectorOverrides(readFileSync(v.xmlPath!, "utf8"), v.overrides);
      const expected = readVectorBytes(v.binPath);
      const actual = compileSiPolicy(xml, { file: v.xmlPath! });
      expect(Buffer.from(actual).equals(Buffer.from(expected))).toBe(true);
    });
    it(`${v.id}: XML as published differs only in the 1–4 drifted header bytes`, () => {
      const expected = readVectorBytes(v.binPath);
      const actual = compileSiPolicy(readFileSync(v.xmlPath!, "utf8"));
      const diff = differingBytes(actual, expected);
      if (v.kind === "exact-pair") expect(diff).toBe(0);
      else expect(diff).toBeGreaterThanOrEqual(1);
      expect(diff).toBeLessThanOrEqual(4);
      // The body (everything after the 0x44-byte header) matches without any override.
      expect(Buffer.from(actual.subarray(0x44)).equals(Buffer.from(expected.subarray(0x44)))).toBe(true);
    });
  }
  for (const v of vectors) {
    it(`${v.id}: decode → encode, and decode → XML → compile, give the same bytes`, () => {
      const bytes = readVectorBytes(v.binPath);
      const decoded = decodeSiPolicyWithInfo(bytes);
      expect(decoded.formatVersion).toBe(7);
      expect(decoded.model.keepBinaryOrder).toBeUndefined();
      expect(Buffer.from(encodeSiPolicy(decoded.model)).equals(Buffer.from(bytes))).toBe(true);
      const xml = siPolicyModelToXml(decoded.model);
      expect(Buffer.from(compileSiPolicy(xml)).equals(Buffer.from(bytes))).toBe(true);
    });
    it(`${v.id}: the decoded policy as XML passes Microsoft's XSD and the semantic checks`, async () => {
      const xml = siPolicyModelToXml(decodeSiPolicyWithInfo(readVectorBytes(v.binPath)).model);
      const { diagnostics } = await parseSiPolicyXml(xml, `${v.id}.xml`);
      expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    });
  }
}

describe("MIT vectors in fixtures/", () => {
  vectorSuite(FIXTURE_VECTORS);
});

const reference = referenceVectors();
if (!reference) {
  describe("reference vectors (../shared/reference/wdac)", () => {
    it.skip("skipped: the reference folder is not next to the repository (set HOLOFLEET_REFERENCE_DIR to run the GPL-3.0 vectors)", () => {});
  });
} else {
  describe("reference vectors (../shared/reference/wdac, all 14 incl. GPL-3.0)", () => {
    it("has the 14 vectors the research verified (8 pairs, 6 binary-only)", () => {
      expect(reference.length).toBe(14);
      expect(reference.filter((v) => v.kind !== "binary-only").length).toBe(8);
    });
    vectorSuite(reference);

    it("every published source XML passes the XSD check", async () => {
      for (const v of reference.filter((x) => x.xmlPath)) {
        const { diagnostics } = await parseSiPolicyXml(readFileSync(v.xmlPath!, "utf8"), v.xmlPath!);
        expect(diagnostics.filter((d) => d.severity === "error"), v.id).toEqual([]);
      }
    });

    it("the largest vector (krueger-020c8b1) needs the introsort document order: binary order through the sort would differ", async () => {
      const v = reference.find((x) => x.id === "krueger-020c8b1")!;
      const bytes = readVectorBytes(v.binPath);
      const model = decodeSiPolicyWithInfo(bytes).model;
      expect(model.fileRules.length).toBe(1376);
      const { sortFileRulesLikeMicrosoft } = await import("./file-rule-order.ts");
      const binaryOrder = sortFileRulesLikeMicrosoft(model.fileRules);
      // Feeding the binary order itself to the sort reorders tied rules (112 tied pairs in this policy).
      const naive = encodeSiPolicy({ ...model, fileRules: binaryOrder });
      expect(Buffer.from(naive).equals(Buffer.from(bytes))).toBe(false);
    });
  });
}
