import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { allRoutes } from "../src/tenant-sim/routes/index.ts";
import { DOC_FILE, currentSections, updateDoc } from "./gen-local-tenant-docs.ts";

describe("docs/local-tenant.md", () => {
  it("has current generated tables (run `npx tsx scripts/gen-local-tenant-docs.ts`)", () => {
    const text = readFileSync(DOC_FILE, "utf8");
    expect(updateDoc(text, currentSections())).toBe(text);
  });

  it("lists every route with a permission", () => {
    const table = currentSections().routes;
    for (const r of allRoutes) expect(table).toContain(`| ${r.method} | \`${r.path.replace(/\|/g, "\\|")}\` |`);
    expect(table).not.toContain("**none found**");
  });

  it("refuses a doc without the markers", () => {
    expect(() => updateDoc("no markers", { routes: "x" })).toThrow(/generated:routes/);
  });
});
