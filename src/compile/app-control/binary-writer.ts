/**
 * Little-endian writer for the SiPolicy binary's primitives (format.md §2): u32, u64, counted blobs
 * padded to 4 bytes, and counted UTF-16LE strings followed by an extra zero DWORD.
 */

export class SiPolicyBinaryWriter {
  private buf = new Uint8Array(4096);
  private view = new DataView(this.buf.buffer);
  private length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u32(value: number): void {
    this.reserve(4);
    this.view.setUint32(this.length, value >>> 0, true);
    this.length += 4;
  }

  u64(value: bigint): void {
    this.reserve(8);
    this.view.setBigUint64(this.length, BigInt.asUintN(64, value), true);
    this.length += 8;
  }

  bytes(data: Uint8Array): void {
    this.reserve(data.length);
    this.buf.set(data, this.length);
    this.length += data.length;
  }

  private pad4(): void {
    const pad = -this.length & 3;
    this.reserve(pad);
    this.buf.fill(0, this.length, this.length + pad);
    this.length += pad;
  }

  /** `u32 byteLength`, the bytes, zero padding to a multiple of 4. */
  blob(data: Uint8Array): void {
    this.u32(data.length);
    this.bytes(data);
    this.pad4();
  }

  /**
   * `u32 byteLength` (UTF-16LE, no NUL), the bytes, padding to 4, then `u32 0`. A missing, empty or
   * whitespace-only string is written as empty (format.md §2).
   */
  string(text: string | undefined): void {
    if (text === undefined || text.trim() === "") {
      this.u32(0);
    } else {
      const data = new Uint8Array(text.length * 2);
      const view = new DataView(data.buffer);
      for (let i = 0; i < text.length; i++) view.setUint16(i * 2, text.charCodeAt(i), true);
      this.blob(data);
    }
    this.u32(0);
  }

  toBytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}
