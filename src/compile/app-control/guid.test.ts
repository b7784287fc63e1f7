import { describe, expect, it } from "vitest";
import { bytesToGuid, guidToBytes, isBracedGuid, isZeroGuid } from "./guid.ts";

describe("GUIDs in .NET byte order", () => {
  it("first three fields little-endian, the rest as written (the pywdac header bytes)", () => {
    const hex = Buffer.from(guidToBytes("{A244370E-44C9-4C06-B551-F6016E563076}")).toString("hex");
    expect(hex).toBe("0e3744a2c944064cb551f6016e563076");
  });
  it("round-trips, upper case with braces", () => {
    expect(bytesToGuid(guidToBytes("a244370e-44c9-4c06-b551-f6016e563076"))).toBe("{A244370E-44C9-4C06-B551-F6016E563076}");
  });
  it("braces are required by the schema's GuidType", () => {
    expect(isBracedGuid("{2E07F7E4-194C-4D20-B7C9-6F44A6C5A234}")).toBe(true);
    expect(isBracedGuid("2E07F7E4-194C-4D20-B7C9-6F44A6C5A234")).toBe(false);
    expect(() => guidToBytes("{not-a-guid}")).toThrow(RangeError);
    expect(() => bytesToGuid(new Uint8Array(15))).toThrow(RangeError);
    expect(isZeroGuid(new Uint8Array(16))).toBe(true);
  });
});
