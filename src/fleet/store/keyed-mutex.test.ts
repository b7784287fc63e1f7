import { describe, expect, it } from "vitest";
import { KeyedMutex } from "./keyed-mutex.ts";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("KeyedMutex", () => {
  it("same key → one at a time, in arrival order, even when one fails; other keys → in parallel", async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const job = (key: string, name: string, fail = false) =>
      mutex.run(key, async () => {
        log.push(`${name} start`);
        await tick();
        log.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([job("a", "a1", true), job("a", "a2"), job("b", "b1"), job("a", "a3")]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled", "fulfilled", "fulfilled"]);
    const a = log.filter((l) => l.startsWith("a"));
    expect(a).toEqual(["a1 start", "a1 end", "a2 start", "a2 end", "a3 start", "a3 end"]);
    expect(log.indexOf("b1 start")).toBeLessThan(log.indexOf("a1 end"));
  });
});
