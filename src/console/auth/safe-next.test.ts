import { describe, expect, it } from "vitest";
import { safeNext } from "./safe-next.ts";

describe("safeNext", () => {
  it("a same-site path with a query → kept", () => {
    expect(safeNext("/devices?state=shipped&page=2")).toBe("/devices?state=shipped&page=2");
    expect(safeNext("/devices/HL2-000101")).toBe("/devices/HL2-000101");
  });

  it("anything that could leave the site → /", () => {
    for (const next of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "\\\\evil.example", "javascript:alert(1)", "/\tx", "/%0a", "devices", "", undefined, null]) {
      const out = safeNext(next);
      expect(out.startsWith("/") && !out.startsWith("//"), String(next)).toBe(true);
      if (next && !next.startsWith("/devices")) expect(["/", "/%0a"], String(next)).toContain(out);
    }
  });
});
