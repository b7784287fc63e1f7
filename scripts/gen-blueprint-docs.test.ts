import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderBlueprintDocs } from "./gen-blueprint-docs.ts";

describe("docs/blueprint.md", () => {
  const committed = readFileSync(new URL("../docs/blueprint.md", import.meta.url), "utf8");

  it("is up to date with the schema (run `npx tsx scripts/gen-blueprint-docs.ts`)", () => {
    expect(committed).toBe(renderBlueprintDocs());
  });

  it("documents every key with a default or marks it required", () => {
    for (const key of ["`tenant.domain`", "`devices.kiosk.apps`", "`devices.usb`", "`clients[].accounts[].devices`", "`passwords.maxAgeDays`"]) {
      expect(committed).toContain(`| ${key} |`);
    }
    const keyLines = committed.split("\n").filter((l) => l.startsWith("| `") && l.split("|").length === 6);
    expect(keyLines.length).toBeGreaterThan(60);
    for (const line of keyLines) expect(line.split("|")[3]!.trim(), line).not.toBe("");
  });
});
