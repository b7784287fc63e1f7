import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { findDuplicateKeys } from "./duplicate-keys.ts";

/** The yaml package's own (quadratic) check, as the reference for code, message and position. */
function yamlOwn(text: string) {
  return parseDocument(text, { uniqueKeys: true, prettyErrors: false })
    .errors.filter((e) => e.code === "DUPLICATE_KEY")
    .map((e) => ({ code: e.code, message: e.message, pos: e.pos }));
}

function ours(text: string) {
  return findDuplicateKeys(parseDocument(text, { uniqueKeys: false, prettyErrors: false })).map((e) => ({ code: e.code, message: e.message, pos: e.pos }));
}

describe("findDuplicateKeys", () => {
  it.each([
    ["a top-level key", "a: 1\nb: 2\na: 3\n"],
    ["a nested key", "tenant:\n  domain: x\n  model: y\n  domain: z\n"],
    ["a key three times", "a: 1\na: 2\na: 3\n"],
    ["keys in a flow mapping", "m: {x: 1, y: 2, x: 3}\n"],
    ["keys in mappings inside lists", "clients:\n  - id: a\n    id: b\n  - id: c\n    upn: d\n    upn: e\n"],
    ["quoted and plain spellings of one key", 'a: 1\n"a": 2\n'],
    ["a key with an anchor", "&k a: 1\na: 2\n"],
    ["a number and a string that look alike (not duplicates)", 'a:\n  1: x\n  "1": y\n'],
    ["a mapping used as a key", "? {a: 1, a: 2}\n: v\n"],
    ["no duplicates", "a: 1\nb:\n  c: [1, 2]\n"],
  ])("%s → the same errors as the yaml package", (_what, text) => {
    expect(ours(text)).toEqual(yamlOwn(text));
  });

  it("a mapping of 20,000 keys with one repeated → that one reported", () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `k${i}: ${i}`);
    lines.push("k7: again");
    const text = lines.join("\n") + "\n";
    const errors = findDuplicateKeys(parseDocument(text, { uniqueKeys: false }));
    expect(errors.map((e) => e.pos[0])).toEqual([text.lastIndexOf("k7: again")]);
  });
});
