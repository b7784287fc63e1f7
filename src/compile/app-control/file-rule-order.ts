/**
 * The order of file rules in the binary. Microsoft's compiler sorts them by a key (type, then the
 * name attributes ordinal-ignore-case, then the hash) with .NET's unstable introsort, so the order
 * of rules with equal keys depends on the document order (format.md §3). Rule indexes in the binary
 * (FileRulesRef, FileAttribRef, exceptions) point into this sorted list.
 */
import { dotnetIntrospectiveSort } from "./introsort.ts";
import type { FileRuleKind, SiPolicyFileRule } from "./model.ts";
import { compareOrdinalIgnoreCase } from "./ordinal-ignore-case.ts";

export const FILE_RULE_TYPE: Readonly<Record<FileRuleKind, number>> = { Deny: 0, Allow: 1, FileAttrib: 2 };

/**
 * Empty hash first, then byte-wise. Upper-case hex compares like the bytes it encodes (digits before
 * letters, a prefix first), so the text is compared directly.
 */
function compareHash(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  const ha = a === undefined ? "" : a.toUpperCase();
  const hb = b === undefined ? "" : b.toUpperCase();
  return ha < hb ? -1 : ha > hb ? 1 : 0;
}

/** Microsoft's sort key for file rules. Versions, AppIDs and PackageVersion are not part of it. */
export function compareFileRules(a: SiPolicyFileRule, b: SiPolicyFileRule): number {
  return (
    FILE_RULE_TYPE[a.kind] - FILE_RULE_TYPE[b.kind] ||
    compareOrdinalIgnoreCase(a.fileName, b.fileName) ||
    compareOrdinalIgnoreCase(a.internalName, b.internalName) ||
    compareOrdinalIgnoreCase(a.fileDescription, b.fileDescription) ||
    compareOrdinalIgnoreCase(a.productName, b.productName) ||
    compareOrdinalIgnoreCase(a.packageFamilyName, b.packageFamilyName) ||
    compareOrdinalIgnoreCase(a.filePath, b.filePath) ||
    compareHash(a.hash, b.hash)
  );
}

/** The rules in the order Microsoft's compiler writes them, from document order. */
export function sortFileRulesLikeMicrosoft<T extends SiPolicyFileRule>(rules: readonly T[]): T[] {
  return dotnetIntrospectiveSort([...rules], compareFileRules);
}

export function isSortedByFileRuleKey(rules: readonly SiPolicyFileRule[]): boolean {
  for (let i = 1; i < rules.length; i++) if (compareFileRules(rules[i - 1]!, rules[i]!) > 0) return false;
  return true;
}

/**
 * Given rules in binary order (already sorted by key), a document order that Microsoft's sort turns
 * back into exactly this order. The introsort's moves depend only on how keys compare, and a sorted
 * input keeps every rule among its equals, so running it on positions gives the permutation to undo.
 */
export function documentOrderForSortedRules<T extends SiPolicyFileRule>(sorted: readonly T[]): T[] {
  const positions = sorted.map((_, i) => i);
  dotnetIntrospectiveSort(positions, (x, y) => compareFileRules(sorted[x]!, sorted[y]!));
  // The sort sends the element at input position positions[j] to output position j.
  const document = new Array<T>(sorted.length);
  positions.forEach((from, to) => {
    document[from] = sorted[to]!;
  });
  return document;
}
