import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { buildHoloLensDenyPolicy, compileSiPolicy } from "../../compile/app-control/index.ts";
import { decodeXmlText } from "./appcontrol.ts";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), "holofleet-appcontrol-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function holofleet(...args: string[]) {
  const run = spawnSync(process.execPath, ["bin/holofleet.js", "appcontrol", ...args], { cwd: repoRoot, encoding: "utf8" });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
const noStackTrace = (text: string) => {
  expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(text).not.toContain("internal error");
};

const xml = buildHoloLensDenyPolicy({
  policyId: "{A244370E-44C9-4C06-B551-F6016E563076}",
  name: "CLI test",
  version: "10.0.0.0",
  packageFamilyNames: ["Microsoft.WindowsStore_8wekyb3d8bbwe"],
  fileNames: ["msedge.exe"],
});
const xmlFile = path.join(dir, "policy.xml");
writeFileSync(xmlFile, xml);

describe("holofleet appcontrol", () => {
  it("compile → the binary compileSiPolicy makes, written atomically, with the OMA-URI to use", () => {
    const out = path.join(dir, "policy.cip");
    const run = holofleet("compile", xmlFile, "--out", out);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("OMA-URI ./Vendor/MSFT/ApplicationControl/Policies/A244370E-44C9-4C06-B551-F6016E563076/Policy");
    expect(Buffer.from(readFileSync(out)).equals(Buffer.from(compileSiPolicy(xml)))).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("compile of XML outside the schema → exit 1, located diagnostic, nothing written, no stack trace", () => {
    const bad = path.join(dir, "bad.xml");
    writeFileSync(bad, xml.replace('FileName="msedge.exe"', 'FilePAth="msedge.exe"'));
    const out = path.join(dir, "bad.cip");
    const run = holofleet("compile", bad, "--out", out);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/bad\.xml:\d+:1  HF4002  Element 'Deny', attribute 'FilePAth'/);
    expect(existsSync(out)).toBe(false);
    noStackTrace(run.stderr + run.stdout);
  });

  it("decode --xml prints SiPolicy XML; --out writes it; without --xml a summary of what is denied", () => {
    const cip = path.join(dir, "decode.cip");
    writeFileSync(cip, compileSiPolicy(xml));
    const printed = holofleet("decode", cip, "--xml");
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<SiPolicy /);
    expect(Buffer.from(compileSiPolicy(printed.stdout)).equals(Buffer.from(compileSiPolicy(xml)))).toBe(true);

    const outXml = path.join(dir, "decoded.xml");
    expect(holofleet("decode", cip, "--xml", "--out", outXml).code).toBe(0);
    expect(readFileSync(outXml, "utf8")).toBe(printed.stdout);

    const summary = holofleet("decode", cip);
    expect(summary.stdout).toContain("denied packages  Microsoft.WindowsStore_8wekyb3d8bbwe");
    expect(summary.stdout).toContain("denied files     msedge.exe");
    expect(summary.stdout).toContain("enforced         yes");
  });

  it("decode of a truncated binary → exit 1, HF4201 with the byte offset, no stack trace", () => {
    const cut = path.join(dir, "cut.cip");
    writeFileSync(cut, compileSiPolicy(xml).subarray(0, 90));
    const run = holofleet("decode", cut, "--xml");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/cut\.cip:1:1  HF4201  .*\(at byte 0x/);
    expect(run.stdout).toBe("");
    noStackTrace(run.stderr);
  });

  it("a missing input → HF9001", () => {
    const run = holofleet("decode", path.join(dir, "missing.cip"));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("HF9001");
    noStackTrace(run.stderr);
  });
});

describe("decodeXmlText", () => {
  it("reads UTF-8 with or without BOM and UTF-16 with a BOM (as PowerShell may save it)", () => {
    const text = '<?xml version="1.0"?><a>é</a>';
    expect(decodeXmlText(new TextEncoder().encode(text))).toBe(text);
    expect(decodeXmlText(Uint8Array.from([0xff, 0xfe, ...Buffer.from(text, "utf16le")]))).toBe(text);
    const be = Buffer.from(text, "utf16le").swap16();
    expect(decodeXmlText(Uint8Array.from([0xfe, 0xff, ...be]))).toBe(text);
  });
});
