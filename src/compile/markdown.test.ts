import { describe, expect, it } from "vitest";
import { markdownCell } from "./markdown.ts";

describe("markdownCell", () => {
  it.each([
    ["Fabrikam, Inc.", "Fabrikam, Inc."],
    ["A | B", "A \\| B"],
    ["*bold* _it_ `code` [x](y) <b>", "\\*bold\\* \\_it\\_ \\`code\\` \\[x\\](y) \\<b\\>"],
    ["two\nlines", "two lines"],
  ])("%j → %j", (text, cell) => {
    expect(markdownCell(text)).toBe(cell);
  });
});
