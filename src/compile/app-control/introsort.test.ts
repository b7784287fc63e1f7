import { describe, expect, it } from "vitest";
import { seededRandom } from "../testing/seeded-random.ts";
import { dotnetIntrospectiveSort } from "./introsort.ts";

interface Item {
  key: number;
  tag: string;
}
const byKey = (a: Item, b: Item): number => a.key - b.key;

describe(".NET introspective sort", () => {
  it("sorts (random arrays of many sizes)", () => {
    const rand = seededRandom(7);
    for (let n = 0; n < 300; n += 7) {
      const items = Array.from({ length: n }, (_, i) => ({ key: Math.floor(rand() * 20), tag: String(i) }));
      const sorted = dotnetIntrospectiveSort([...items], byKey);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i - 1]!.key).toBeLessThanOrEqual(sorted[i]!.key);
      expect(sorted.map((x) => x.tag).sort()).toEqual(items.map((x) => x.tag).sort());
    }
  });

  it("16 or fewer elements: insertion sort, which keeps ties in input order", () => {
    const items = Array.from({ length: 16 }, (_, i) => ({ key: i % 3, tag: String(i) }));
    const sorted = dotnetIntrospectiveSort([...items], byKey);
    const stable = [...items].sort(byKey);
    expect(sorted.map((x) => x.tag)).toEqual(stable.map((x) => x.tag));
  });

  it("more than 16 elements: partitions reorder equal elements (17 equal keys, order from oracle/introsort.py)", () => {
    const items = Array.from({ length: 17 }, (_, i) => ({ key: 0, tag: String(i) }));
    const sorted = dotnetIntrospectiveSort([...items], byKey);
    expect(sorted.map((x) => Number(x.tag))).toEqual([0, 14, 13, 12, 11, 10, 9, 15, 8, 6, 5, 4, 3, 2, 1, 7, 16]);
  });

  it("matches the reference simulation (oracle/introsort.py) on a mixed-tie input", () => {
    // Expected order computed with the Python oracle's net_sort for this exact key sequence.
    const keys = [5, 3, 5, 1, 3, 5, 2, 2, 1, 4, 4, 5, 3, 1, 2, 4, 5, 3, 2, 1];
    const sorted = dotnetIntrospectiveSort(keys.map((key, i) => ({ key, tag: String(i) })), byKey);
    expect(sorted.map((x) => Number(x.tag))).toEqual(ORACLE_ORDER);
  });

  it("past the depth limit it falls back to heapsort and still sorts", () => {
    const rand = seededRandom(11);
    const items = Array.from({ length: 200 }, (_, i) => ({ key: Math.floor(rand() * 50), tag: String(i) }));
    // A capacity of 1 makes the depth limit 0, so the first partition already uses heapsort.
    const sorted = dotnetIntrospectiveSort([...items], byKey, 1);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i - 1]!.key).toBeLessThanOrEqual(sorted[i]!.key);
  });
});

const ORACLE_ORDER = [19, 3, 8, 13, 6, 7, 18, 14, 1, 17, 4, 12, 15, 9, 10, 5, 16, 2, 11, 0];
