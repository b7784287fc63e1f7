import { describe, expect, it } from "vitest";
import { SiPolicyBinaryReader } from "./binary-reader.ts";
import { SiPolicyBinaryWriter } from "./binary-writer.ts";
import { SiPolicyDecodeError } from "./errors.ts";

describe("SiPolicyBinaryReader", () => {
  it("reads what the writer writes", () => {
    const w = new SiPolicyBinaryWriter();
    w.u32(7);
    w.u64(0xffff_ffff_ffff_ffffn);
    w.blob(Uint8Array.of(0xab, 0xcd, 0xef));
    w.string("Microsoft.WindowsStore_8wekyb3d8bbwe");
    w.string(undefined);
    const r = new SiPolicyBinaryReader(w.toBytes());
    expect(r.u32()).toBe(7);
    expect(r.u64()).toBe(0xffff_ffff_ffff_ffffn);
    expect(Array.from(r.blob("blob"))).toEqual([0xab, 0xcd, 0xef]);
    expect(r.string("pfn")).toBe("Microsoft.WindowsStore_8wekyb3d8bbwe");
    expect(r.string("empty")).toBeUndefined();
    expect(r.remaining).toBe(0);
  });
  it("truncation → SiPolicyDecodeError with the offset, never a read past the end", () => {
    const r = new SiPolicyBinaryReader(Uint8Array.of(1, 2, 3));
    expect(() => r.u32("the format version")).toThrow(SiPolicyDecodeError);
    expect(() => new SiPolicyBinaryReader(Uint8Array.of(0xff, 0xff, 0xff, 0x7f)).blob("a blob")).toThrow(/claims 2147483647 bytes/);
  });
  it("a count larger than the rest of the input can hold is rejected before any loop", () => {
    const r = new SiPolicyBinaryReader(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0));
    expect(() => r.count("rule", 24)).toThrow(/does not fit/);
  });
  it("a string with an odd byte length or a non-zero trailer is malformed", () => {
    expect(() => new SiPolicyBinaryReader(Uint8Array.of(3, 0, 0, 0, 0x61, 0, 0x62, 0, 0, 0, 0, 0)).string("s")).toThrow(/odd UTF-16/);
    expect(() => new SiPolicyBinaryReader(Uint8Array.of(2, 0, 0, 0, 0x61, 0, 0, 0, 1, 0, 0, 0)).string("s")).toThrow(/zero DWORD/);
  });
});
