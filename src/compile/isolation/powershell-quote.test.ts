import { describe, expect, it } from "vitest";
import { opathQuoted, psSingleQuoted } from "./powershell-quote.ts";

describe("PowerShell quoting", () => {
  it.each([
    ["Experts", "'Experts'"],
    ["O'Neil", "'O''Neil'"],
    ["Contoso’s experts", "'Contoso’’s experts'"],
    ["$env:PATH `n", "'$env:PATH `n'"],
  ])("%s → %s", (text, quoted) => {
    expect(psSingleQuoted(text)).toBe(quoted);
  });

  it("OPATH values double the apostrophe", () => {
    expect(opathQuoted("R&D's")).toBe("'R&D''s'");
  });
});
