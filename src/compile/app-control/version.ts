/**
 * Four-part versions (`a.b.c.d`, each 0–65535) packed the way the binary stores them: a u64 equal
 * to `a<<48 | b<<32 | c<<16 | d`, written little-endian (format.md §2).
 */

/** The "deny every version" value: `65535.65535.65535.65535`, all bits set. */
export const MAX_VERSION = "65535.65535.65535.65535";
export const MAX_VERSION_PACKED = 0xffff_ffff_ffff_ffffn;

const VERSION = /^(\d{1,5})\.(\d{1,5})\.(\d{1,5})\.(\d{1,5})$/;

/** True for `a.b.c.d` with four decimal parts of at most 65535 (surrounding whitespace allowed). */
export function isFourPartVersion(text: string): boolean {
  const m = VERSION.exec(text.trim());
  return m !== null && m.slice(1).every((p) => Number(p) <= 0xffff);
}

/** Packs `a.b.c.d`; throws a RangeError for anything else (the XML reader reports it first). */
export function packVersion(text: string): bigint {
  const m = VERSION.exec(text.trim());
  if (!m) throw new RangeError(`not a four-part version: "${text}"`);
  let packed = 0n;
  for (const part of m.slice(1)) {
    const n = Number(part);
    if (n > 0xffff) throw new RangeError(`version part above 65535: "${text}"`);
    packed = (packed << 16n) | BigInt(n);
  }
  return packed;
}

export function unpackVersion(packed: bigint): string {
  const parts: number[] = [];
  for (let shift = 48n; shift >= 0n; shift -= 16n) parts.push(Number((packed >> shift) & 0xffffn));
  return parts.join(".");
}
