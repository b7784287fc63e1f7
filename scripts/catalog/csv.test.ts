import { describe, expect, it } from "vitest";
import { CsvSyntaxError, parseCsv } from "./csv.ts";

describe("parseCsv", () => {
  it("reads quoted fields with commas, doubled quotes and newlines", () => {
    const text = '\uFEFFa,b,c\r\n"Dynamics 365 Field Service, Enterprise Edition",X,"say ""hi"""\n"two\nlines",,last\n';
    expect(parseCsv(text)).toEqual([
      { fields: ["a", "b", "c"], line: 1 },
      { fields: ["Dynamics 365 Field Service, Enterprise Edition", "X", 'say "hi"'], line: 2 },
      { fields: ["two\nlines", "", "last"], line: 3 },
    ]);
  });

  it("keeps a last record without a newline and skips blank lines", () => {
    expect(parseCsv("a,b\n\nc,d")).toEqual([
      { fields: ["a", "b"], line: 1 },
      { fields: ["c", "d"], line: 3 },
    ]);
    expect(parseCsv("a,\n")).toEqual([{ fields: ["a", ""], line: 1 }]);
  });

  it("reports malformed quoting with the line", () => {
    expect(() => parseCsv('a,b\n"open,c\n')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a,b\n"x"y,c\n')).toThrow(/line 2: text after a closing quote/);
    expect(() => parseCsv('a,b"c"\n')).toThrow(/quote inside an unquoted field/);
  });
});
