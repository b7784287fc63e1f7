/**
 * .NET `StringComparer.OrdinalIgnoreCase` for sort keys: both strings upper-cased one UTF-16 code
 * unit at a time, then compared by code unit; `null`/`undefined` sorts before every string.
 * Microsoft's compiler orders file rules and settings this way (format.md §3).
 */

/** Upper-cases one UTF-16 unit the way .NET's invariant simple case mapping does (one unit in, one out). */
function upperUnit(unit: number): number {
  if (unit < 0x80) return unit >= 0x61 && unit <= 0x7a ? unit - 0x20 : unit;
  const upper = String.fromCharCode(unit).toUpperCase();
  // JavaScript uses full case mapping ("ß" → "SS"); .NET maps per code unit and keeps such characters.
  return upper.length === 1 ? upper.charCodeAt(0) : unit;
}

export function compareOrdinalIgnoreCase(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    const d = upperUnit(ca) - upperUnit(cb);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}
