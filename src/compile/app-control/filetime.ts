/**
 * `Signer@SignTimeAfter` (xs:dateTime) ↔ the Windows FILETIME the binary stores (100-ns ticks since
 * 1601-01-01 UTC). Microsoft's writer converts with .NET `ToFileTime()`, which treats a time without
 * a zone as local time (format.md §5); a pure compiler has no local zone, so such times are taken
 * as UTC, and the decoder always writes UTC (`Z`).
 */

const DATETIME = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$/;
/** Milliseconds from 1601-01-01 to 1970-01-01. */
const EPOCH_DIFF_MS = 11_644_473_600_000n;

export function isXsDateTime(text: string): boolean {
  return dateTimeToFiletime(text) !== undefined;
}

/** FILETIME ticks, or `undefined` when the text is not an xs:dateTime FILETIME can hold. */
export function dateTimeToFiletime(text: string): bigint | undefined {
  const m = DATETIME.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac = "", zone = "Z"] = m as unknown as string[];
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(ms)) return undefined;
  const check = new Date(ms);
  if (check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1) return undefined;
  let offsetMin = 0;
  if (zone !== "Z") {
    const sign = zone!.startsWith("-") ? -1 : 1;
    offsetMin = sign * (Number(zone!.slice(1, 3)) * 60 + Number(zone!.slice(4, 6)));
  }
  const subTicks = BigInt((frac! + "0000000").slice(0, 7));
  const ticks = (BigInt(ms) - BigInt(offsetMin) * 60_000n + EPOCH_DIFF_MS) * 10_000n + subTicks;
  if (ticks < 0n || ticks > 0xffff_ffff_ffff_ffffn) return undefined;
  return ticks;
}

export function filetimeToDateTime(ticks: bigint): string {
  const seconds = ticks / 10_000_000n;
  const sub = ticks % 10_000_000n;
  const date = new Date(Number(seconds * 1000n - EPOCH_DIFF_MS));
  const p2 = (n: number): string => String(n).padStart(2, "0");
  const ymd = `${String(date.getUTCFullYear()).padStart(4, "0")}-${p2(date.getUTCMonth() + 1)}-${p2(date.getUTCDate())}`;
  const hms = `${p2(date.getUTCHours())}:${p2(date.getUTCMinutes())}:${p2(date.getUTCSeconds())}`;
  const frac = sub === 0n ? "" : "." + sub.toString().padStart(7, "0").replace(/0+$/, "");
  return `${ymd}T${hms}${frac}Z`;
}
