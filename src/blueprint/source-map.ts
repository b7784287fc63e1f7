/**
 * Maps key paths of a blueprint (`devices.kiosk.apps[1]`) to line and column in the YAML file, from the
 * `yaml` package's document tree and line counter. A path that is not in the file (a missing key, a
 * default) resolves to its nearest present parent, so every diagnostic can point somewhere.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair, type YAMLMap } from "yaml";
import type { BlueprintSourceMap } from "./types.ts";

export type Position = { line: number; col: number };

/** The loader's source map: `locate` points at a value (or its key), `locateKey` at the key itself. */
export interface YamlSourceMap extends BlueprintSourceMap {
  /** Position of the key of the last path segment (for unknown keys), or of the nearest present parent. */
  locateKey(path: readonly (string | number)[]): Position;
  /** Whether the path is present in the file (not filled in by a default). */
  has(path: readonly (string | number)[]): boolean;
}

interface Step {
  /** Where the step's key (map) or item (sequence) starts. */
  keyOffset: number;
  value: Node | null;
}

export function createSourceMap(file: string, doc: Document | null, lineCounter: LineCounter): YamlSourceMap {
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  const root = (doc?.contents ?? null) as Node | null;
  const rootOffset = root?.range?.[0] ?? 0;

  // Each mapping's keys, indexed on first lookup: a linear search per lookup made locating every key
  // of a large mapping quadratic. The first pair of a repeated key wins, as a search would find it.
  const indexes = new WeakMap<YAMLMap, Map<string, Pair>>();
  const pairOf = (map: YAMLMap, segment: string | number): Pair | undefined => {
    let index = indexes.get(map);
    if (!index) {
      index = new Map();
      for (const p of map.items) {
        if (!isPair(p) || !isScalar(p.key)) continue;
        const name = String(p.key.value);
        if (!index.has(name)) index.set(name, p);
      }
      indexes.set(map, index);
    }
    return index.get(String(segment));
  };

  /** Walks the path as far as the file goes; returns the steps taken and whether all were found. */
  const walk = (path: readonly (string | number)[]): { steps: Step[]; complete: boolean } => {
    const steps: Step[] = [];
    let node: Node | null = root;
    for (const segment of path) {
      let next: Step | null = null;
      if (isMap(node)) {
        const pair = pairOf(node, segment);
        if (pair && isScalar(pair.key)) {
          next = { keyOffset: pair.key.range?.[0] ?? 0, value: (pair.value as Node | null) ?? null };
        }
      } else if (isSeq(node) && typeof segment === "number") {
        const item = node.items[segment] as Node | undefined;
        if (item) next = { keyOffset: item.range?.[0] ?? 0, value: item };
      }
      if (!next) return { steps, complete: false };
      steps.push(next);
      node = next.value;
    }
    return { steps, complete: true };
  };

  const locateKey = (path: readonly (string | number)[]): Position => {
    const { steps } = walk(path);
    const last = steps[steps.length - 1];
    return at(last ? last.keyOffset : rootOffset);
  };

  const locate = (path: readonly (string | number)[]): Position => {
    const { steps, complete } = walk(path);
    const last = steps[steps.length - 1];
    if (!last) return at(rootOffset);
    // A present scalar value is the thing that is wrong; otherwise point at its key.
    if (complete && isScalar(last.value) && last.value.value !== null && last.value.range) {
      return at(last.value.range[0]);
    }
    return at(last.keyOffset);
  };

  return { file, locate, locateKey, has: (path) => walk(path).complete };
}
