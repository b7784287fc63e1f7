import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readHardwareHashCsvFile } from "./read-hardware-hash-csv-file.ts";

const dir = mkdtempSync(join(tmpdir(), "holofleet-csv-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("readHardwareHashCsvFile", () => {
  it("a 50 MB file → HF8001 from its size alone, nothing imported", async () => {
    const path = join(dir, "huge.csv");
    writeFileSync(path, "Device Serial Number,Windows Product ID,Hardware Hash\n");
    truncateSync(path, 50 * 1024 * 1024); // sparse: the test does not write 50 MB
    const r = await readHardwareHashCsvFile(path, { displayName: "huge.csv" });
    expect(r.diagnostics.map((d) => [d.code, d.source?.file, d.message])).toEqual([["HF8001", "huge.csv", "the file has 52428800 bytes; the limit is 16777216"]]);
    expect(r.diagnostics[0]!.fix).toMatch(/Split it/);
    expect(r.rows).toEqual([]);
  });

  it("a missing file → HF9001 with the reason, no stack", async () => {
    const r = await readHardwareHashCsvFile(join(dir, "nope.csv"), { displayName: "nope.csv" });
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([["HF9001", "cannot open the file (ENOENT)"]]);
  });

  it("a device that never ends (/dev/zero) → refused, not read forever", async () => {
    const r = await readHardwareHashCsvFile("/dev/zero");
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([["HF9001", "not a regular file"]]);
  });

  it("a file just over a small limit → HF8001; at the limit → read", async () => {
    const path = join(dir, "small.csv");
    writeFileSync(path, "Device Serial Number,Windows Product ID,Hardware Hash\n");
    expect((await readHardwareHashCsvFile(path, { maxBytes: 10 })).diagnostics.map((d) => d.code)).toEqual(["HF8001"]);
    // At the limit the file is read and judged on its content (here: a header and no device).
    expect((await readHardwareHashCsvFile(path, { maxBytes: 54 })).diagnostics.map((d) => d.code)).toEqual(["HF8013"]);
  });
});
