import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../diag/diagnostic.ts";
import { hardwareHashProblem, readHardwareHashCsv, type HardwareHashCsvResult } from "./hardware-hash-csv.ts";

/** A made-up hash of `bytes` bytes (a real one is about 3,000), different for every seed. */
function hash(seed: string, bytes = 3000): string {
  const blocks: Buffer[] = [];
  let block = createHash("sha256").update(seed).digest();
  while (blocks.length * 32 < bytes) {
    blocks.push(block);
    block = createHash("sha256").update(block).digest();
  }
  return Buffer.concat(blocks).subarray(0, bytes).toString("base64");
}

const HEADER = "Device Serial Number,Windows Product ID,Hardware Hash,Group Tag";
const row = (serial: string, extra = ",CFS-HL2") => `${serial},,${hash(serial)}${extra}`;
const utf8 = (text: string) => new TextEncoder().encode(text);
const read = (text: string | Uint8Array, opts: { skipInvalid?: boolean; maxBytes?: number } = {}) =>
  readHardwareHashCsv(typeof text === "string" ? utf8(text) : text, { file: "devices.csv", ...opts });
/** `line:col code` of each diagnostic, the part tests pin down. */
const where = (r: HardwareHashCsvResult) => r.diagnostics.map((d) => `${d.source!.start.line}:${d.source!.start.col} ${d.code}`);

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const le = Buffer.from("\uFEFF" + text, "utf16le");
  if (bigEndian) for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return le;
}

describe("hardware-hash CSV: files the tools write", () => {
  const text = [HEADER, row("HL2-000101"), row("HL2-000102")].join("\r\n") + "\r\n";
  it.each([
    ["UTF-8, CRLF", utf8(text), "utf-8"],
    ["UTF-8, LF", utf8(text.replace(/\r\n/g, "\n")), "utf-8"],
    ["UTF-8 with BOM", utf8("\uFEFF" + text), "utf-8-bom"],
    ["UTF-16 LE with BOM", utf16(text, false), "utf-16le"],
    ["UTF-16 BE with BOM", utf16(text, true), "utf-16be"],
    ["empty trailing lines", utf8(text + "\r\n\r\n"), "utf-8"],
  ])("%s → both rows, no diagnostic", (_, bytes, encoding) => {
    const r = read(bytes);
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(r.encoding).toBe(encoding);
    expect(r.rows.map((x) => [x.line, x.serialNumber, x.productId, x.groupTag, x.assignedUser])).toEqual([
      [2, "HL2-000101", null, "CFS-HL2", null],
      [3, "HL2-000102", null, "CFS-HL2", null],
    ]);
    expect(r.rows[0]!.hardwareHash).toBe(hash("HL2-000101"));
    expect(r.counts).toEqual({ read: 2, invalid: 0 });
  });

  it("quoted cells (as Export-Csv writes them) and a quote inside a quoted cell → unquoted values", () => {
    const quoted = `"Device Serial Number","Windows Product ID","Hardware Hash","Group Tag"\n"HL2-1","00330-80000-00000-AA123","${hash("a")}","Tag ""B"""\n`;
    const r = read(quoted);
    expect(r.diagnostics).toEqual([]);
    expect(r.rows[0]).toMatchObject({ serialNumber: "HL2-1", productId: "00330-80000-00000-AA123", groupTag: 'Tag "B"' });
  });

  it("three columns, or all five → accepted; the optional cells are null when absent", () => {
    const three = read(`Device Serial Number,Windows Product ID,Hardware Hash\nHL2-1,,${hash("a")}\n`);
    expect(three.rows[0]).toMatchObject({ groupTag: null, assignedUser: null });
    const five = read(`${HEADER},Assigned User\nHL2-1,,${hash("a")},,\n`);
    expect(five.diagnostics).toEqual([]);
    expect(five.rows).toHaveLength(1);
  });

  it("an empty line between rows → skipped, later line numbers still right", () => {
    const r = read([HEADER, row("A-1"), "", row("A-2"), "x"].join("\n"));
    expect(where(r)).toEqual(["5:2 HF8005"]);
    expect(r.counts).toEqual({ read: 3, invalid: 1 });
  });
});

describe("hardware-hash CSV: bad files are refused whole, with the place", () => {
  it.each([
    ["a different header", "Serial,Hash\nA,B\n", ["1:1 HF8003"], /header is `Serial,Hash`/],
    ["columns in another order", "Device Serial Number,Hardware Hash,Windows Product ID\n", ["1:1 HF8003"], /not an Autopilot/],
    ["the partner-centre columns", `Device Serial Number,Windows Product ID,Hardware Hash,Manufacturer name,Device model\n`, ["1:1 HF8003"], /header/],
    ["an empty file", "", ["1:1 HF8003"], /empty/],
    ["blank lines only", "\n\n\n", ["1:1 HF8003"], /empty/],
    ["a header and no device", HEADER + "\r\n", ["1:1 HF8013"], /no device rows/],
    ["an unclosed quote", `${HEADER}\n${row("A-1")}\n"A-2,,${hash("x")},T\n`, ["3:1 HF8004"], /Quote Not Closed/],
    ["text after a closing quote", `${HEADER}\n"A-1"x,,${hash("x")},T\n`, ["2:1 HF8004"], /Invalid Closing Quote/],
  ])("%s → %j", (_, text, expected, message) => {
    const r = read(text);
    expect(where(r)).toEqual(expected);
    expect(r.diagnostics[0]!.message).toMatch(message);
    expect(r.rows).toEqual([]);
  });

  it.each([
    ["Latin-1 bytes (ANSI)", Buffer.concat([Buffer.from(`${HEADER}\n${row("A-1")}\nA-`), Buffer.from([0xe9]), Buffer.from(`,,${hash("b")},T\n`)]), 3, /not valid UTF-8/],
    ["UTF-16 LE without a BOM", Buffer.from(`${HEADER}\n`, "utf16le"), 1, /UTF-16 without a byte-order mark/],
    ["UTF-16 with an odd byte count", Buffer.concat([utf16(HEADER, false), Buffer.from([0x41])]), 1, /odd number of bytes/],
    ["UTF-16 with an unpaired surrogate", utf16(`${HEADER}\n\uD800x`, false), 2, /unpaired surrogate/],
    ["UTF-32 LE", Buffer.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]), 1, /UTF-32/],
    ["a binary file", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x41, 0x42]), 1, /zero bytes|UTF-16/],
  ])("%s → HF8002 at line %i, nothing imported", (_, bytes, line, message) => {
    const r = read(new Uint8Array(bytes));
    expect(where(r)).toEqual([`${line}:1 HF8002`]);
    expect(r.diagnostics[0]!.message).toMatch(message);
    expect(r.diagnostics[0]!.fix).toMatch(/UTF-8/);
    expect(r.rows).toEqual([]);
  });

  it("more bytes than the limit → HF8001 before anything is decoded", () => {
    const r = read(`${HEADER}\n${row("A-1")}\n`, { maxBytes: 100 });
    expect(where(r)).toEqual(["1:1 HF8001"]);
    expect(r.diagnostics[0]!.message).toMatch(/limit is 100/);
  });
});

describe("hardware-hash CSV: bad rows", () => {
  const cases: [string, string, string[]][] = [
    ["a row with a missing cell", `A-9,${hash("z")},T`, ["3:4007 HF8005"]],
    ["a row with one cell too many", `A-9,,${hash("z")},T,x,y`, ["3:4009 HF8005"]],
    ["an empty serial", `,,${hash("z")},T`, ["3:1 HF8006"]],
    ["a serial with a blank", `A 9,,${hash("z")},T`, ["3:1 HF8006"]],
    ["a serial of 65 characters", `${"S".repeat(65)},,${hash("z")},T`, ["3:1 HF8006"]],
    ["an empty hash", "A-9,,,T", ["3:6 HF8007"]],
    ["a hash that is not base64", `A-9,,${hash("z").slice(0, -4)}$$$$,T`, ["3:6 HF8007"]],
    ["a hash cut short", `A-9,,${hash("z", 600)},T`, ["3:6 HF8007"]],
    ["a hash far too long", `A-9,,${hash("z", 9000)},T`, ["3:6 HF8007"]],
    ["a product id with a blank", `A-9,X Y,${hash("z")},T`, ["3:5 HF8010"]],
    ["a group tag with a line break (quoted)", `A-9,,${hash("z")},"T\nU"`, ["3:4007 HF8011"]],
  ];
  it.each(cases)("%s → the listed diagnostics; without skipInvalid nothing, with it the good rows", (_, bad, expected) => {
    const text = [HEADER, row("A-1"), bad, row("A-2")].join("\n") + "\n";
    const strict = read(text);
    expect(where(strict)).toEqual(expected);
    expect(strict.rows).toEqual([]);
    expect(strict.counts).toEqual({ read: 3, invalid: 1 });
    const lenient = read(text, { skipInvalid: true });
    expect(lenient.rows.map((r) => r.serialNumber)).toEqual(["A-1", "A-2"]);
    expect(lenient.diagnostics).toEqual(strict.diagnostics);
  });

  it("the same serial twice (any case) → HF8008 on both lines, neither imported even with skipInvalid", () => {
    const text = [HEADER, row("A-1"), row("A-2"), `a-1,,${hash("other")},T`].join("\n");
    const r = read(text, { skipInvalid: true });
    expect(where(r)).toEqual(["2:1 HF8008", "4:1 HF8008"]);
    expect(r.diagnostics.map((d) => d.message)).toEqual(["the serial number is also on line 4", "the serial number is also on line 2"]);
    expect(r.rows.map((x) => x.serialNumber)).toEqual(["A-2"]);
  });

  it("the same hash under two serials → HF8009 on both lines", () => {
    const r = read([HEADER, `A-1,,${hash("same")},T`, `A-2,,${hash("same")},T`].join("\n"));
    expect(where(r)).toEqual(["2:6 HF8009", "3:6 HF8009"]);
  });

  it("an assigned user → a warning (HoloLens 2 is self-deploying), the row still imports", () => {
    const r = read(`${HEADER},Assigned User\nA-1,,${hash("a")},T,op@contoso.com\n`);
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.source!.start.col])).toEqual([["HF8012", "warning", 4009]]);
    expect(r.rows).toHaveLength(1);
  });

  it("every problem of a file is reported in one pass, in line order", () => {
    const r = read([HEADER, ",,,T", `A-1,,xyz,T`, "A-2", row("A-3")].join("\n"));
    expect(where(r)).toEqual(["2:1 HF8006", "2:3 HF8007", "3:6 HF8007", "4:4 HF8005"]);
    expect(formatDiagnostic(r.diagnostics[1]!)).toMatch(/^devices\.csv:2:3 {2}HF8007 {2}the hardware hash is empty \(at Hardware Hash\)/);
  });
});

describe("hardwareHashProblem", () => {
  it.each([
    [hash("a", 1024), null],
    [hash("a", 8192), null],
    [hash("a", 1023), /1023 bytes/],
    [hash("a", 8193), /8193 bytes/],
    [hash("a").replace(/\+/g, "-").replace(/\//g, "_"), /not base64/],
    [hash("a") + "=", /not base64/],
  ])("%#: → %s", (value, expected) => {
    const problem = hardwareHashProblem(value);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});
