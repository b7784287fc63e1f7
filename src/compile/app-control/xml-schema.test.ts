import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { siPolicySchema, validateSiPolicySchema } from "./xml-schema.ts";

describe("the bundled SiPolicy XSD", () => {
  it("is the file SOURCE.md describes (SHA-256)", async () => {
    const source = readFileSync(new URL("./schema/SOURCE.md", import.meta.url), "utf8");
    const sha = createHash("sha256").update(await siPolicySchema()).digest("hex");
    expect(source).toContain(`This file's SHA-256 | \`${sha}\``);
  });

  it("rejects a document in the wrong namespace", async () => {
    const diags = await validateSiPolicySchema('<SiPolicy><VersionEx>1.0.0.0</VersionEx></SiPolicy>', "n.xml");
    expect(diags[0]).toMatchObject({ code: "HF4002", source: { file: "n.xml", start: { line: 1, col: 1 } } });
  });

  const bomb = (levels: number) => {
    const laughs = [' <!ENTITY l0 "lol">'];
    for (let i = 1; i <= levels; i++) laughs.push(` <!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`);
    return [
      '<?xml version="1.0"?>',
      "<!DOCTYPE SiPolicy [",
      ...laughs,
      "]>",
      `<SiPolicy xmlns="urn:schemas-microsoft-com:sipolicy"><VersionEx>&l${levels};</VersionEx></SiPolicy>`,
    ].join("\n");
  };

  it.each([
    [5, 10],
    [6, 1],
  ])("an entity bomb of %i levels → one diagnostic at line %i, no NaN or context lines from xmllint", async (levels, line) => {
    const diags = await validateSiPolicySchema(bomb(levels), "bomb.xml");
    expect(diags).toHaveLength(1);
    expect(diags[0]).toMatchObject({ code: "HF4002", source: { file: "bomb.xml", start: { line, col: 1 } } });
    expect(diags[0]!.message).toMatch(/^Maximum entity amplification factor exceeded/);
    expect(diags[0]!.message).not.toContain("\n");
  });
});
