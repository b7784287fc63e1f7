import { describe, expect, it } from "vitest";
import { SiPolicyBinaryWriter } from "./binary-writer.ts";

const hex = (w: SiPolicyBinaryWriter): string => Buffer.from(w.toBytes()).toString("hex");

describe("SiPolicyBinaryWriter", () => {
  it("u32 and u64 are little-endian", () => {
    const w = new SiPolicyBinaryWriter();
    w.u32(0x800c);
    w.u64(0x0001000200030004n);
    expect(hex(w)).toBe("0c800000" + "0400030002000100");
  });
  it("a counted blob is padded to 4 bytes", () => {
    const w = new SiPolicyBinaryWriter();
    w.blob(Uint8Array.of(1, 2, 3, 4, 5));
    expect(hex(w)).toBe("05000000" + "0102030405000000");
  });
  it("a string is UTF-16LE, padded, then an extra zero DWORD (the msedge.exe record of format.md §2)", () => {
    const w = new SiPolicyBinaryWriter();
    w.string("msedge.exe");
    expect(hex(w)).toBe("14000000" + Buffer.from("msedge.exe", "utf16le").toString("hex") + "00000000");
  });
  it("odd UTF-16 lengths are padded: 'abc' is 6 bytes + 2 padding", () => {
    const w = new SiPolicyBinaryWriter();
    w.string("abc");
    expect(hex(w)).toBe("06000000" + "610062006300" + "0000" + "00000000");
  });
  it("missing, empty and whitespace-only strings are 8 zero bytes", () => {
    for (const s of [undefined, "", "   "]) {
      const w = new SiPolicyBinaryWriter();
      w.string(s);
      expect(hex(w)).toBe("0000000000000000");
    }
  });
  it("grows past its initial buffer", () => {
    const w = new SiPolicyBinaryWriter();
    for (let i = 0; i < 5000; i++) w.u32(i);
    const bytes = w.toBytes();
    expect(bytes.length).toBe(20000);
    expect(new DataView(bytes.buffer).getUint32(4999 * 4, true)).toBe(4999);
  });
});
