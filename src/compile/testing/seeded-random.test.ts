import { describe, expect, it } from "vitest";
import { seededRandom } from "./seeded-random.ts";

describe("seededRandom", () => {
  it("the same seed gives the same sequence; another seed another one", () => {
    const take = (seed: number) => {
      const next = seededRandom(seed);
      return Array.from({ length: 50 }, () => next());
    };
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
  });

  it("numbers lie in [0, 1) and spread evenly over ten buckets", () => {
    const next = seededRandom(0x5eed);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 20_000; i++) {
      const x = next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      buckets[Math.floor(x * 10)]!++;
    }
    for (const count of buckets) expect(Math.abs(count - 2000)).toBeLessThan(200);
  });

  it("a negative seed is read as its unsigned 32-bit value", () => {
    const a = seededRandom(-1);
    const b = seededRandom(0xffffffff);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});
