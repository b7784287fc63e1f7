import { describe, expect, it } from "vitest";
import { compareOrdinalIgnoreCase } from "./ordinal-ignore-case.ts";

const sign = (n: number): number => Math.sign(n);

describe("compareOrdinalIgnoreCase (.NET OrdinalIgnoreCase)", () => {
  it("ignores ASCII case", () => {
    expect(compareOrdinalIgnoreCase("MSEDGE.EXE", "msedge.exe")).toBe(0);
  });
  it("null sorts before every string, even the empty one", () => {
    expect(sign(compareOrdinalIgnoreCase(undefined, ""))).toBe(-1);
    expect(sign(compareOrdinalIgnoreCase("", undefined))).toBe(1);
    expect(compareOrdinalIgnoreCase(undefined, undefined)).toBe(0);
  });
  it("compares upper-cased code units: '_' (0x5F) sorts after letters", () => {
    expect(sign(compareOrdinalIgnoreCase("a_", "az"))).toBe(1);
    expect(sign(compareOrdinalIgnoreCase("Microsoft.WindowsStore", "microsoft.windowscommunicationsapps"))).toBe(1);
  });
  it("a prefix sorts first", () => {
    expect(sign(compareOrdinalIgnoreCase("abc", "ABCD"))).toBe(-1);
  });
  it("non-ASCII letters fold one unit to one unit; 'ß' stays itself (no 'SS')", () => {
    expect(compareOrdinalIgnoreCase("é", "É")).toBe(0);
    expect(sign(compareOrdinalIgnoreCase("ß", "SS"))).toBe(1);
  });
});
