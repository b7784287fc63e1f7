import { describe, expect, it } from "vitest";
import { isFourPartVersion, MAX_VERSION, MAX_VERSION_PACKED, packVersion, unpackVersion } from "./version.ts";

describe("four-part versions", () => {
  it("a.b.c.d packs as a<<48 | b<<32 | c<<16 | d", () => {
    expect(packVersion("1.2.3.4")).toBe((1n << 48n) | (2n << 32n) | (3n << 16n) | 4n);
    expect(packVersion(" 10.0.19042.0 ")).toBe((10n << 48n) | (19042n << 16n));
  });
  it("65535.65535.65535.65535 is all ones", () => {
    expect(packVersion(MAX_VERSION)).toBe(MAX_VERSION_PACKED);
    expect(unpackVersion(MAX_VERSION_PACKED)).toBe(MAX_VERSION);
  });
  it("unpack ∘ pack is the identity on canonical text", () => {
    for (const v of ["0.0.0.0", "1.0.1.2", "10.3.0.1", "65535.0.65535.1"]) expect(unpackVersion(packVersion(v))).toBe(v);
  });
  it("rejects anything but four parts of 0–65535", () => {
    for (const bad of ["1.0", "1.2.3", "1.2.3.4.5", "1.2.3.65536", "a.b.c.d", "1..2.3", "-1.0.0.0", ""]) {
      expect(isFourPartVersion(bad), bad).toBe(false);
      expect(() => packVersion(bad), bad).toThrow(RangeError);
    }
  });
});
