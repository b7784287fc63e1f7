import { describe, expect, it } from "vitest";
import { withDollarPrefixes } from "./query-options.ts";

describe("withDollarPrefixes", () => {
  it("beta: system query options without $ → read with it; the $ form wins; other parameters stay", () => {
    const q = withDollarPrefixes("beta", new URLSearchParams("&top=1000&filter=a eq 1&$select=id&select=name&api-version=1"));
    expect([...q]).toEqual([["$top", "1000"], ["$filter", "a eq 1"], ["$select", "id"], ["api-version", "1"]]);
  });

  it("v1.0 → left as sent", () => {
    const q = new URLSearchParams("top=5");
    expect(withDollarPrefixes("v1.0", q)).toBe(q);
  });
});
