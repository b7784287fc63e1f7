/**
 * Reads a Windows Autopilot hardware-hash CSV exactly as HoloLens 2 (`DeviceHash*.csv` in
 * AutopilotDiagnostics.zip) and the Windows tools write it — `Device Serial Number,Windows Product ID,
 * Hardware Hash[,Group Tag][,Assigned User]` — and validates every row. Pure: bytes in, rows and
 * located diagnostics out. Without `skipInvalid`, one bad row means no row is returned, so a caller
 * cannot half-import a file.
 *
 * Size: files above `HARDWARE_HASH_CSV_MAX_BYTES` are refused whole rather than streamed. A row is
 * about 4 KB (the hash), so the limit holds ~4,000 devices in UTF-8 (~2,000 in UTF-16) while keeping
 * the whole file, its text and its rows in well under 100 MB of memory; larger fleets import in parts.
 */
import { parse as parseCsv, CsvError } from "csv-parse/sync";
import type { Diagnostic } from "../diag/diagnostic.ts";
import { decodeCsvText, type CsvEncoding } from "./csv-text-encoding.ts";

export const HARDWARE_HASH_CSV_MAX_BYTES = 16 * 1024 * 1024;
export const TOO_LARGE_FIX = "Split it into several files (about 4,000 devices each in UTF-8) and import each.";

/** The columns, in the order Microsoft's import requires (hololens-facts §5, `hololens2-autopilot.md`). */
export const HARDWARE_HASH_COLUMNS = ["Device Serial Number", "Windows Product ID", "Hardware Hash", "Group Tag", "Assigned User"] as const;
const REQUIRED_COLUMNS = 3;

/**
 * Decoded hash sizes we accept. Autopilot refuses a hash that is not the "4K hardware hash" (error 802
 * InvalidZtdHardwareHash, "the hash should be 4 KB", graph-facts §5.2); real hashes vary in size with
 * the hardware they describe (about 3,000 bytes, 4,000 base64 characters), so the bounds leave room on
 * both sides and only catch a truncated cell or a different column pasted in.
 */
export const HARDWARE_HASH_MIN_BYTES = 1024;
export const HARDWARE_HASH_MAX_BYTES = 8192;

/** Printable ASCII without blanks: what serial numbers, product ids and tags are made of. */
const PRINTABLE = /^[\x21-\x7e]+$/;
const MAX_SERIAL_LENGTH = 64;
const MAX_TEXT_LENGTH = 128;
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export interface HardwareHashRow {
  /** The 1-based line of the row in the file. */
  line: number;
  serialNumber: string;
  /** "Windows Product ID"; null when the cell is empty (HoloLens files usually leave it empty). */
  productId: string | null;
  /** The base64 hash as written (Graph's `hardwareIdentifier` takes it unchanged, graph-facts §5.2). */
  hardwareHash: string;
  groupTag: string | null;
  assignedUser: string | null;
}

export interface HardwareHashCsvResult {
  /** The rows to import: every row when none is bad; with `skipInvalid`, the good ones; otherwise none. */
  rows: HardwareHashRow[];
  /** Every problem found, located at `file:line:col`. */
  diagnostics: Diagnostic[];
  /** Device rows read, and how many of them are bad (0 when the file itself was refused). */
  counts: { read: number; invalid: number };
  encoding: CsvEncoding | null;
}

export interface ReadHardwareHashCsvOptions {
  /** The file name diagnostics name. */
  file: string;
  /** Import the good rows of a file that also has bad ones (`--skip-invalid`). */
  skipInvalid?: boolean;
  maxBytes?: number;
}

interface CsvRecord {
  fields: string[];
  line: number;
}

function refused(file: string, code: string, message: string, fix: string, line = 1, encoding: CsvEncoding | null = null): HardwareHashCsvResult {
  return {
    rows: [],
    diagnostics: [{ severity: "error", code, message, fix, source: { file, start: { line, col: 1 } } }],
    counts: { read: 0, invalid: 0 },
    encoding,
  };
}

/** 1-based columns where each field of a CSV line starts (quote-aware), for `file:line:col`. */
function fieldColumns(lineText: string): number[] {
  const cols = [1];
  let quoted = false;
  for (let i = 0; i < lineText.length; i++) {
    const c = lineText[i];
    if (c === '"') quoted = !quoted;
    else if (c === "," && !quoted) cols.push(i + 2);
  }
  return cols;
}

export function readHardwareHashCsv(bytes: Uint8Array, opts: ReadHardwareHashCsvOptions): HardwareHashCsvResult {
  const { file } = opts;
  const maxBytes = opts.maxBytes ?? HARDWARE_HASH_CSV_MAX_BYTES;
  if (bytes.length > maxBytes) {
    return refused(file, "HF8001", `the file has ${bytes.length} bytes; the limit is ${maxBytes}`, TOO_LARGE_FIX);
  }
  const decoded = decodeCsvText(bytes);
  if (!decoded.ok) return refused(file, "HF8002", decoded.message, decoded.fix, decoded.line);
  const { text, encoding } = decoded;

  let records: CsvRecord[];
  try {
    // csv-parse over a hand-written splitter: RFC 4180 quoting (doubled quotes, commas and line breaks in
    // quotes) and the line of every record come with it.
    const parsed = parseCsv(text, { info: true, relax_column_count: true, skip_empty_lines: true, record_delimiter: ["\r\n", "\n"] }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    // `info.lines` is where a record ends; a quoted line break inside it moves the start back.
    records = parsed.map(({ record, info }) => ({ fields: record, line: info.lines - record.join("").split("\n").length + 1 }));
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines ?? 1;
    return refused(file, "HF8004", `the CSV is malformed: ${error.message.replace(/ at line \d+.*$/s, "")}`, "Check the quotes on that line: a quoted cell must end with a quote followed by a comma or the line end.", line, encoding);
  }

  const [header, ...dataRecords] = records;
  const headerProblem = header ? checkHeader(header.fields) : "the file is empty";
  if (!header || headerProblem) {
    return refused(
      file,
      "HF8003",
      headerProblem ?? "the file is empty",
      `The first line must be \`${HARDWARE_HASH_COLUMNS.slice(0, REQUIRED_COLUMNS).join(",")}\`, optionally followed by \`,Group Tag\` and \`,Assigned User\`.`,
      header?.line ?? 1,
      encoding,
    );
  }
  const columns = header.fields.length;
  const lines = text.split("\n");
  const diagnostics: Diagnostic[] = [];
  const bad = new Set<number>();
  const at = (line: number, field: number, code: string, message: string, fix: string, severity: "error" | "warning" = "error") => {
    const col = fieldColumns(lines[line - 1] ?? "")[field] ?? 1;
    diagnostics.push({ severity, code, message, fix, source: { file, start: { line, col } }, path: [HARDWARE_HASH_COLUMNS[field] ?? `field ${field + 1}`] });
    if (severity === "error") bad.add(line);
  };

  const rows: HardwareHashRow[] = [];
  for (const { fields, line } of dataRecords) {
    if (fields.length !== columns) {
      // Too many fields: point at the first extra one; too few: at the end of the line.
      const lineText = (lines[line - 1] ?? "").replace(/\r$/, "");
      const col = fields.length > columns ? fieldColumns(lineText)[columns]! : lineText.length + 1;
      diagnostics.push({
        severity: "error",
        code: "HF8005",
        message: `the row has ${fields.length} field(s); the header has ${columns}`,
        fix: "Every row needs one cell per header column (leave optional cells empty, keep their commas).",
        source: { file, start: { line, col } },
      });
      bad.add(line);
      continue;
    }
    const cell = (i: number) => (fields[i] ?? "").trim();
    const row: HardwareHashRow = {
      line,
      serialNumber: cell(0),
      productId: cell(1) || null,
      hardwareHash: cell(2),
      groupTag: columns > 3 ? cell(3) || null : null,
      assignedUser: columns > 4 ? cell(4) || null : null,
    };
    checkRow(row, at);
    rows.push(row);
  }
  checkDuplicates(rows, (r) => r.serialNumber.toUpperCase(), 0, "HF8008", "serial number", at);
  checkDuplicates(rows, (r) => r.hardwareHash, 2, "HF8009", "hardware hash", at);

  if (dataRecords.length === 0) {
    diagnostics.push({ severity: "error", code: "HF8013", message: "the file has a header but no device rows", fix: "Add one line per device under the header.", source: { file, start: { line: header.line, col: 1 } } });
  }
  diagnostics.sort((a, b) => a.source!.start.line - b.source!.start.line || a.source!.start.col - b.source!.start.col);
  const good = rows.filter((r) => !bad.has(r.line));
  const anyError = diagnostics.some((d) => d.severity === "error");
  return {
    rows: !anyError || opts.skipInvalid ? good : [],
    diagnostics,
    counts: { read: dataRecords.length, invalid: bad.size },
    encoding,
  };
}

function checkHeader(fields: readonly string[]): string | null {
  const names = fields.map((f) => f.trim());
  const expected = HARDWARE_HASH_COLUMNS.slice(0, Math.max(REQUIRED_COLUMNS, Math.min(names.length, HARDWARE_HASH_COLUMNS.length)));
  const matches = names.length >= REQUIRED_COLUMNS && names.length <= HARDWARE_HASH_COLUMNS.length && names.every((n, i) => n.toLowerCase() === expected[i]!.toLowerCase());
  return matches ? null : `the header is \`${names.join(",")}\`, not an Autopilot hardware-hash header`;
}

type Report = (line: number, field: number, code: string, message: string, fix: string, severity?: "error" | "warning") => void;

function checkRow(row: HardwareHashRow, at: Report): void {
  const { line } = row;
  if (row.serialNumber === "") {
    at(line, 0, "HF8006", "the serial number is empty", "Every device needs its serial number (Autopilot registers devices by serial number and hash).");
  } else if (!PRINTABLE.test(row.serialNumber) || row.serialNumber.length > MAX_SERIAL_LENGTH) {
    at(line, 0, "HF8006", `the serial number is not plausible (${row.serialNumber.length} characters; letters, digits and punctuation without blanks, at most ${MAX_SERIAL_LENGTH})`, "Copy the serial number from the device's own CSV; check the column order.");
  }
  const hashProblem = hardwareHashProblem(row.hardwareHash);
  if (hashProblem) at(line, 2, "HF8007", hashProblem, "Use the device's CSV unchanged: the Hardware Hash cell is one base64 block of about 4,000 characters.");
  if (row.productId !== null && (!PRINTABLE.test(row.productId) || row.productId.length > MAX_TEXT_LENGTH)) {
    at(line, 1, "HF8010", "the Windows Product ID is not plausible (letters, digits and dashes, no blanks)", "Leave the cell empty when the tool wrote none.");
  }
  if (row.groupTag !== null && (!/^[\x20-\x7e]+$/.test(row.groupTag) || row.groupTag.length > MAX_TEXT_LENGTH)) {
    at(line, 3, "HF8011", `the group tag is not plausible (printable ASCII, at most ${MAX_TEXT_LENGTH} characters)`, "Leave it empty: holofleet registers devices with the program's group tag.");
  }
  if (row.assignedUser !== null) {
    at(line, 4, "HF8012", "the row assigns a user, but HoloLens 2 Autopilot runs in self-deploying mode, which has no assigned user", "Leave Assigned User empty; clients sign in with their own accounts.", "warning");
  }
}

/** Why `hash` is not a plausible hardware hash, or null. The text is never quoted back (it identifies the device). */
export function hardwareHashProblem(hash: string): string | null {
  if (hash === "") return "the hardware hash is empty";
  if (!STRICT_BASE64.test(hash)) return "the hardware hash is not base64 (A–Z, a–z, 0–9, + and /, padded with = to a multiple of 4)";
  const bytes = (hash.length / 4) * 3 - (hash.endsWith("==") ? 2 : hash.endsWith("=") ? 1 : 0);
  if (bytes < HARDWARE_HASH_MIN_BYTES || bytes > HARDWARE_HASH_MAX_BYTES) {
    return `the hardware hash decodes to ${bytes} bytes; a 4K hardware hash has ${HARDWARE_HASH_MIN_BYTES}–${HARDWARE_HASH_MAX_BYTES}`;
  }
  return null;
}

function checkDuplicates(rows: readonly HardwareHashRow[], keyOf: (r: HardwareHashRow) => string, field: number, code: string, what: string, at: Report): void {
  const byKey = new Map<string, number[]>();
  for (const r of rows) {
    const key = keyOf(r);
    if (key === "") continue;
    byKey.set(key, [...(byKey.get(key) ?? []), r.line]);
  }
  for (const lines of byKey.values()) {
    if (lines.length < 2) continue;
    for (const line of lines) {
      const others = lines.filter((l) => l !== line).join(", ");
      at(line, field, code, `the ${what} is also on line${lines.length > 2 ? "s" : ""} ${others}`, "Keep one row per device; which row is right cannot be told from the file, so none of them is imported.");
    }
  }
}
