/**
 * GUIDs as the binary stores them: 16 bytes in .NET `Guid.ToByteArray()` order, i.e. the first
 * three fields little-endian and the last eight bytes as written (format.md §2).
 */

const GUID = /^\{?([0-9a-fA-F]{8})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{12})\}?$/;
const BRACED_GUID = /^\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}$/;

/** The schema's GuidType: braces required. */
export function isBracedGuid(text: string): boolean {
  return BRACED_GUID.test(text.trim());
}

export function guidToBytes(text: string): Uint8Array {
  const m = GUID.exec(text.trim());
  if (!m) throw new RangeError(`not a GUID: "${text}"`);
  const hex = (s: string): number[] => s.match(/../g)!.map((b) => parseInt(b, 16));
  const [, a, b, c, d, e] = m as unknown as [string, string, string, string, string, string];
  return Uint8Array.from([...hex(a).reverse(), ...hex(b).reverse(), ...hex(c).reverse(), ...hex(d), ...hex(e)]);
}

/** `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}`, upper case, as Microsoft's tools write them. */
export function bytesToGuid(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new RangeError(`a GUID has 16 bytes, got ${bytes.length}`);
  const h = (from: number, to: number, reverse: boolean): string => {
    const part = Array.from(bytes.subarray(from, to));
    if (reverse) part.reverse();
    return part.map((x) => x.toString(16).padStart(2, "0")).join("");
  };
  return `{${h(0, 4, true)}-${h(4, 6, true)}-${h(6, 8, true)}-${h(8, 10, false)}-${h(10, 16, false)}}`.toUpperCase();
}

export function isZeroGuid(bytes: Uint8Array): boolean {
  return bytes.every((b) => b === 0);
}
