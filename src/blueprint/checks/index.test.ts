import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { diagnosticCodes } from "../../diag/codes.ts";
import { ACKNOWLEDGEABLE } from "../schema/acknowledge.ts";
import { checks, runChecks } from "./index.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

const dir = new URL("./", import.meta.url);
const NOT_CHECKS = new Set(["index", "finding", "test-support"]);
const checkFiles = readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
  .map((f) => f.replace(/\.ts$/, ""))
  .filter((f) => !NOT_CHECKS.has(f))
  .sort();

describe("check registry", () => {
  it("lists every check file exactly once, sorted by id", () => {
    expect(Object.keys(checks)).toEqual(checkFiles);
  });

  it("every check has a test beside it", () => {
    const files = new Set(readdirSync(dir));
    expect(checkFiles.filter((id) => !files.has(`${id}.test.ts`))).toEqual([]);
  });

  it("every code a check emits is registered in diag/codes", () => {
    const used = checkFiles.flatMap((id) => [...readFileSync(new URL(`${id}.ts`, dir), "utf8").matchAll(/"(HF\d{4})"/g)].map((m) => m[1]!));
    expect(used.length).toBeGreaterThan(checkFiles.length - 1);
    expect(used.filter((code) => !diagnosticCodes[code])).toEqual([]);
    expect(Object.values(ACKNOWLEDGEABLE).filter((code) => !used.includes(code))).toEqual([]);
  });
});

describe("runChecks", () => {
  it("acknowledged findings are dropped; other findings stay", () => {
    const text = `${FIXTURE_HEAD}devices:\n  usb: on\n  developerMode: true\n${FIXTURE_CLIENT}acknowledge: [usb-on]\n`;
    const { bp, src } = blueprintForCheck(text);
    expect(runChecks(bp, src).map((d) => d.code)).toEqual(["HF2022"]);
  });

  it("an acknowledgement that silences nothing → HF2028 at its entry", () => {
    const { bp, src } = blueprintForCheck(`${FIXTURE_HEAD}${FIXTURE_CLIENT}acknowledge: [developer-mode]\n`);
    expect(runChecks(bp, src).map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2028", "warning", 10, 15],
    ]);
  });

  it("the secure defaults pass every check", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + FIXTURE_CLIENT);
    expect(runChecks(bp, src)).toEqual([]);
  });
});
