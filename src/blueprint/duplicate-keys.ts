/**
 * Duplicate keys in YAML mappings, found in one pass with a set per mapping. The yaml package's own
 * check (`uniqueKeys: true`) compares each new key with every earlier key of its mapping, which is
 * quadratic: a mapping of 120,000 keys took minutes. The loader parses with `uniqueKeys: false` and
 * reports the same errors (code, message, position) from here.
 */
import { isMap, isPair, isScalar, isSeq, YAMLParseError, type Document } from "yaml";

const MESSAGE = "Map keys must be unique";

/** One DUPLICATE_KEY error per repeated key (the second and later ones), in document order. */
export function findDuplicateKeys(doc: Document): YAMLParseError[] {
  const errors: YAMLParseError[] = [];
  // An explicit stack rather than recursion: nesting depth is whatever the file says.
  const pending: unknown[] = [doc.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isMap(node)) {
      // Same rule as the yaml package: scalar keys are equal when their values are (1 and "1" differ).
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key;
        if (isScalar(key)) {
          if (seen.has(key.value)) {
            const offset = key.range?.[0] ?? 0;
            errors.push(new YAMLParseError([offset, offset + 1], "DUPLICATE_KEY", MESSAGE));
          } else seen.add(key.value);
        }
        pending.push(pair.value, key);
      }
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) pending.push(node.items[i]);
    }
  }
  return errors.sort((a, b) => a.pos[0] - b.pos[0]);
}
