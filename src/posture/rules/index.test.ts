/**
 * Catalog integrity (after ESLint's checkRuleFiles): every rule file is registered and every registered rule
 * has its file, its test and its generated doc page; ids match paths and are unique; metadata is complete and
 * names real blueprint keys and acknowledgements; every concern of the guide has a rule.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ruleDocs, RULE_DOCS_DIR } from "../../../scripts/gen-rule-docs.ts";
import { ACKNOWLEDGEABLE } from "../../blueprint/schema/acknowledge.ts";
import { guideDefaults } from "../program.ts";
import { allRules, rules } from "./index.ts";
import { CONCERNS } from "./types.ts";

const DIR = fileURLToPath(new URL(".", import.meta.url));

function ruleFiles(): string[] {
  return readdirSync(DIR)
    .filter((d) => statSync(path.join(DIR, d)).isDirectory() && !d.startsWith("__"))
    .flatMap((d) => readdirSync(path.join(DIR, d)).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts")).map((f) => `${d}/${f.slice(0, -3)}`))
    .sort();
}

describe("rule catalog", () => {
  it("every rule file is in the registry, and every registered rule has its file", () => {
    expect(Object.keys(rules)).toEqual(ruleFiles());
  });

  it("the registry is sorted by id and each id matches its key and concern folder", () => {
    const ids = Object.keys(rules);
    expect(ids).toEqual([...ids].sort());
    for (const [key, rule] of Object.entries(rules)) {
      expect(rule.id).toBe(key);
      expect(rule.id.split("/")[0]).toBe(rule.meta.concern);
      expect(rule.id).toMatch(/^[a-z-]+\/(no|require)-[a-z0-9-]+$/);
    }
  });

  it("every rule has a test file beside it", () => {
    for (const rule of allRules) expect(existsSync(path.join(DIR, `${rule.id}.test.ts`)), rule.id).toBe(true);
  });

  it("every concern of the guide has at least one rule", () => {
    const covered = new Set(allRules.map((r) => r.meta.concern));
    expect(CONCERNS.filter((c) => !covered.has(c))).toEqual([]);
  });

  it("metadata is complete: title, rationale, remediation, guide section, a pass message, evidence and references", () => {
    for (const { id, meta } of allRules) {
      for (const text of [meta.title, meta.rationale, meta.remediation, meta.guide]) expect(text.trim(), id).not.toBe("");
      expect(meta.messages.pass, `${id} has no pass message`).toBeDefined();
      expect(meta.evidence.length, id).toBeGreaterThan(0);
      expect(meta.references.every((r) => r.startsWith("https://learn.microsoft.com/")), id).toBe(true);
    }
  });

  it("each blueprint key names a key of the normalized blueprint, and each acknowledgement exists", () => {
    const bp = guideDefaults("contoso.onmicrosoft.com") as unknown as Record<string, unknown>;
    for (const { id, meta } of allRules) {
      if (meta.blueprintKey) {
        let node: unknown = bp;
        for (const part of meta.blueprintKey.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
        expect(node, `${id}: ${meta.blueprintKey}`).not.toBeUndefined();
      }
      if (meta.acknowledgement) expect(ACKNOWLEDGEABLE[meta.acknowledgement], id).toBeDefined();
    }
  });

  it("remediation names the blueprint key that fixes it", () => {
    for (const { id, meta } of allRules) if (meta.blueprintKey) expect(meta.remediation, id).toContain(`\`${meta.blueprintKey}`);
  });

  it("docs/rules/ is generated from the metadata (run `npx tsx scripts/gen-rule-docs.ts`)", () => {
    const expected = ruleDocs();
    for (const [file, text] of expected) expect(readFileSync(path.join(RULE_DOCS_DIR, file), "utf8"), file).toBe(text);
    const committed = readdirSync(RULE_DOCS_DIR, { recursive: true }).filter((f) => String(f).endsWith(".md")).map((f) => String(f).split(path.sep).join("/")).sort();
    expect(committed).toEqual([...expected.keys()].sort());
  });
});
