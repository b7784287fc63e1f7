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
});
