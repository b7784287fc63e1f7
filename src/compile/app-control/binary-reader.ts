/**
 * Bounds-checked little-endian reader for the SiPolicy binary. Every read checks the remaining
 * length first and throws `SiPolicyDecodeError` with the offset, so truncated or hostile input can
 * never read past the end or allocate more than the input could hold. Byte results are views into
 * the input (no copy); callers convert them right away.
 */
import { SiPolicyDecodeError } from "./errors.ts";

export class SiPolicyBinaryReader {
  private pos = 0;
  private readonly view: DataView;

  constructor(private readonly data: Uint8Array) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.data.length - this.pos;
  }

  private need(n: number, what: string): void {
    if (n > this.remaining) {
      throw new SiPolicyDecodeError(`truncated policy: ${what} needs ${n} bytes, ${this.remaining} left`, this.pos);
    }
  }

  u32(what = "a DWORD"): number {
    this.need(4, what);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  u64(what = "a QWORD"): bigint {
    this.need(8, what);
    const v = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    return v;
  }

  bytes(n: number, what: string): Uint8Array {
    this.need(n, what);
    const v = this.data.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  /**
   * A count of items that each take at least `minItemBytes`: rejected when the rest of the input
   * could not hold that many, so a corrupt count fails fast instead of looping for billions.
   */
  count(what: string, minItemBytes: number): number {
    const at = this.pos;
    const n = this.u32(`the ${what} count`);
    if (n * minItemBytes > this.remaining) {
      throw new SiPolicyDecodeError(`${what} count ${n} does not fit in the ${this.remaining} bytes left`, at);
    }
    return n;
  }

  blob(what: string): Uint8Array {
    const at = this.pos;
    const n = this.u32(`the length of ${what}`);
    const padded = n + (-n & 3);
    if (padded > this.remaining) {
      throw new SiPolicyDecodeError(`truncated policy: ${what} claims ${n} bytes, ${this.remaining} left`, at);
    }
    const v = this.data.subarray(this.pos, this.pos + n);
    this.pos += padded;
    return v;
  }

  /** A counted UTF-16LE string and its trailing zero DWORD; empty strings come back `undefined`. */
  string(what: string): string | undefined {
    const at = this.pos;
    const raw = this.blob(what);
    if (raw.length % 2 !== 0) throw new SiPolicyDecodeError(`${what} has an odd UTF-16 byte length ${raw.length}`, at);
    const trailer = this.u32(`the DWORD after ${what}`);
    if (trailer !== 0) throw new SiPolicyDecodeError(`${what} is not followed by a zero DWORD`, this.pos - 4);
    if (raw.length === 0) return undefined;
    let out = "";
    for (let i = 0; i < raw.length; i += 2) out += String.fromCharCode(raw[i]! | (raw[i + 1]! << 8));
    return out;
  }
}
