/**
 * The file side of the hardware-hash CSV reader: checks the size before reading (a 50 MB file is refused
 * without being read) and never reads more than the limit plus one byte, so a file that grows while it
 * is read, or a device file, cannot make it use unbounded memory.
 */
import { open } from "node:fs/promises";
import { HARDWARE_HASH_CSV_MAX_BYTES, readHardwareHashCsv, TOO_LARGE_FIX, type HardwareHashCsvResult } from "./hardware-hash-csv.ts";

export interface ReadHardwareHashCsvFileOptions {
  skipInvalid?: boolean;
  maxBytes?: number;
  /** The name diagnostics print (default: the path as given). */
  displayName?: string;
}

function fileError(file: string, code: string, message: string, fix: string): HardwareHashCsvResult {
  return { rows: [], diagnostics: [{ severity: "error", code, message, fix, source: { file, start: { line: 1, col: 1 } } }], counts: { read: 0, invalid: 0 }, encoding: null };
}

export async function readHardwareHashCsvFile(path: string, opts: ReadHardwareHashCsvFileOptions = {}): Promise<HardwareHashCsvResult> {
  const file = opts.displayName ?? path;
  const maxBytes = opts.maxBytes ?? HARDWARE_HASH_CSV_MAX_BYTES;
  let handle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    return fileError(file, "HF9001", `cannot open the file (${code})`, "Check the path and that you may read the file.");
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return fileError(file, "HF9001", "not a regular file", "Give the path of the CSV file itself.");
    if (stat.size > maxBytes) return tooLarge(file, `${stat.size}`, maxBytes);
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) return tooLarge(file, `more than ${maxBytes}`, maxBytes);
    }
    return readHardwareHashCsv(buffer.subarray(0, length), { file, skipInvalid: opts.skipInvalid, maxBytes });
  } finally {
    await handle.close();
  }
}

function tooLarge(file: string, size: string, maxBytes: number): HardwareHashCsvResult {
  return fileError(file, "HF8001", `the file has ${size} bytes; the limit is ${maxBytes}`, TOO_LARGE_FIX);
}
