/**
 * Turns the bytes of a CSV file into text the way Windows tools write it: UTF-8 with or without a BOM,
 * or UTF-16 little- or big-endian with a BOM (PowerShell 5's `Out-File` default). Anything else is
 * refused with the line of the first bad byte, never guessed: a wrong guess would import wrong serials.
 */

export type CsvEncoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be";

export type DecodedText =
  | { ok: true; text: string; encoding: CsvEncoding }
  | { ok: false; message: string; fix: string; line?: number };

const SAVE_AS = "Save the file as UTF-8 (or UTF-16 with a byte-order mark), as the Autopilot tools write it.";

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** The 1-based line of the first character the lossy decode replaced, skipping U+FFFD written in the file itself. */
function lineOfFirstBadUtf8(bytes: Uint8Array, lossy: string): number {
  let from = 0;
  for (;;) {
    const i = lossy.indexOf("\uFFFD", from);
    if (i < 0) return lossy.split("\n").length;
    const prefix = lossy.slice(0, i);
    const offset = Buffer.byteLength(prefix, "utf8");
    const literal = bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd;
    if (!literal) return prefix.split("\n").length;
    from = i + 1;
  }
}

function decodeUtf16(bytes: Uint8Array, bigEndian: boolean): DecodedText {
  const body = bytes.subarray(2);
  if (body.length % 2 !== 0) {
    return { ok: false, message: `the file starts with a UTF-16 byte-order mark but has an odd number of bytes (${bytes.length})`, fix: SAVE_AS };
  }
  let le = body;
  if (bigEndian) {
    le = new Uint8Array(body.length);
    for (let i = 0; i < body.length; i += 2) {
      le[i] = body[i + 1]!;
      le[i + 1] = body[i]!;
    }
  }
  try {
    return { ok: true, text: new TextDecoder("utf-16le", { fatal: true }).decode(le), encoding: bigEndian ? "utf-16be" : "utf-16le" };
  } catch {
    const lossy = new TextDecoder("utf-16le").decode(le);
    const bad = lossy.indexOf("\uFFFD");
    return {
      ok: false,
      message: `the file is not valid UTF-16${bigEndian ? "BE" : "LE"}: an unpaired surrogate`,
      fix: SAVE_AS,
      line: lossy.slice(0, Math.max(0, bad)).split("\n").length,
    };
  }
}

export function decodeCsvText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    return { ok: false, message: "the file is UTF-32, which the Autopilot tools do not write", fix: SAVE_AS };
  }
  if (startsWith(bytes, [0xff, 0xfe])) return decodeUtf16(bytes, false);
  if (startsWith(bytes, [0xfe, 0xff])) return decodeUtf16(bytes, true);
  const bom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
  const body = bom ? bytes.subarray(3) : bytes;
  const nul = body.indexOf(0);
  if (nul >= 0) {
    // ASCII text in UTF-16 has a zero byte beside every character; without a BOM its byte order is a guess.
    const looksUtf16 = body.length >= 4 && (body[1] === 0 || body[0] === 0);
    return {
      ok: false,
      message: looksUtf16 ? "the file looks like UTF-16 without a byte-order mark" : "the file holds zero bytes: it is not text",
      fix: SAVE_AS,
      line: new TextDecoder("utf-8").decode(body.subarray(0, nul)).split("\n").length,
    };
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body), encoding: bom ? "utf-8-bom" : "utf-8" };
  } catch {
    const lossy = new TextDecoder("utf-8", { ignoreBOM: true }).decode(body);
    return {
      ok: false,
      message: "the file is not valid UTF-8 (an invalid byte sequence; was it saved as ANSI / Windows-1252?)",
      fix: SAVE_AS,
      line: lineOfFirstBadUtf8(body, lossy),
    };
  }
}
