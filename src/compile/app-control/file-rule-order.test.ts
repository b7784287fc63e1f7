import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compareFileRules, documentOrderForSortedRules, isSortedByFileRuleKey, sortFileRulesLikeMicrosoft } from "./file-rule-order.ts";
import { encodeSiPolicy } from "./encode.ts";
import type { SiPolicyFileRule } from "./model.ts";
import { applyVectorOverrides, FIXTURE_VECTORS, readVectorBytes } from "./testing-vectors.ts";
import { readSiPolicyXml } from "./xml-read.ts";

const rule = (r: Partial<SiPolicyFileRule> & Pick<SiPolicyFileRule, "kind" | "id">): SiPolicyFileRule => r;

describe("file rule order", () => {
  it("type first: Deny < Allow < FileAttrib", () => {
    const sorted = sortFileRulesLikeMicrosoft([
      rule({ kind: "FileAttrib", id: "ID_FILEATTRIB_A", fileName: "a" }),
      rule({ kind: "Allow", id: "ID_ALLOW_A", fileName: "a" }),
      rule({ kind: "Deny", id: "ID_DENY_A", fileName: "z" }),
    ]);
    expect(sorted.map((r) => r.kind)).toEqual(["Deny", "Allow", "FileAttrib"]);
  });

  it("a rule without FileName (a PFN rule) sorts before any FileName rule (format.md §2)", () => {
    const pfn = rule({ kind: "Deny", id: "ID_DENY_P", packageFamilyName: "Microsoft.WindowsStore_8wekyb3d8bbwe" });
    const file = rule({ kind: "Deny", id: "ID_DENY_F", fileName: "msedge.exe" });
    expect(compareFileRules(pfn, file)).toBeLessThan(0);
  });

  it("versions and PackageVersion are not part of the key; the hash is, empty first", () => {
    const a = rule({ kind: "Deny", id: "ID_DENY_A", fileName: "x", minimumFileVersion: "1.0.0.0", packageVersion: "1.0.0.0" });
    const b = rule({ kind: "Deny", id: "ID_DENY_B", fileName: "X", maximumFileVersion: "9.0.0.0" });
    expect(compareFileRules(a, b)).toBe(0);
    const h1 = rule({ kind: "Allow", id: "ID_ALLOW_1", hash: "01" });
    const h2 = rule({ kind: "Allow", id: "ID_ALLOW_2", hash: "0A" });
    const none = rule({ kind: "Allow", id: "ID_ALLOW_3" });
    expect(sortFileRulesLikeMicrosoft([h2, none, h1]).map((r) => r.id)).toEqual(["ID_ALLOW_3", "ID_ALLOW_1", "ID_ALLOW_2"]);
  });

  it("documentOrderForSortedRules gives an order the sort turns back into the binary order (random ties)", () => {
    let seed = 3;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + Math.floor(rand() * 120);
      const rules = Array.from({ length: n }, (_, i) => rule({ kind: rand() < 0.5 ? "Deny" : "Allow", id: `ID_DENY_R${i}`, fileName: `f${Math.floor(rand() * 6)}` }));
      const binaryOrder = sortFileRulesLikeMicrosoft(rules);
      expect(isSortedByFileRuleKey(binaryOrder)).toBe(true);
      const document = documentOrderForSortedRules(binaryOrder);
      expect(sortFileRulesLikeMicrosoft(document).map((r) => r.id)).toEqual(binaryOrder.map((r) => r.id));
    }
  });

  it("a stable sort gives different bytes for WDACme's two identical Allow FileName=\"*\" rules; the introsort gives Microsoft's", () => {
    const v = FIXTURE_VECTORS.find((x) => x.id === "wdacme-ebe2211")!;
    const model = readSiPolicyXml(applyVectorOverrides(readFileSync(v.xmlPath!, "utf8"), v.overrides), "WDACme.xml").model!;
    const expected = Buffer.from(readVectorBytes(v.binPath));
    const stable = [...model.fileRules].sort(compareFileRules);
    expect(Buffer.from(encodeSiPolicy({ ...model, fileRules: stable, keepBinaryOrder: true })).equals(expected)).toBe(false);
    expect(Buffer.from(encodeSiPolicy(model)).equals(expected)).toBe(true);
    const allowAll = sortFileRulesLikeMicrosoft(model.fileRules).filter((r) => r.fileName === "*");
    expect(allowAll.map((r) => r.id)).toEqual(["ID_ALLOW_A_2_0", "ID_ALLOW_A_1_0"]);
  });
});
