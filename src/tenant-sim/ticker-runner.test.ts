import { describe, expect, it } from "vitest";
import { openSimStore } from "./store.ts";
import { createTickerRunner } from "./ticker-runner.ts";

describe("createTickerRunner", () => {
  it("runs tickers when the store changed or the interval passed, not otherwise", () => {
    const store = openSimStore(":memory:");
    let now = 1_000;
    const ticks: number[] = [];
    const run = createTickerRunner(store, [{ name: "t", tick: (_s, at) => void ticks.push(at.getTime()) }], () => new Date(now), 250);
    run();
    run();
    expect(ticks).toEqual([1_000]);
    store.put("users", { id: "a" });
    run();
    expect(ticks).toEqual([1_000, 1_000]);
    now += 249;
    run();
    expect(ticks).toHaveLength(2);
    now += 1;
    run();
    expect(ticks).toEqual([1_000, 1_000, 1_250]);
    // A ticker's own writes do not make the next request run it again.
    const writer = createTickerRunner(store, [{ name: "w", tick: (s) => s.put("x", { id: "1" }) }], () => new Date(now), 250);
    let runs = 0;
    const counting = createTickerRunner(store, [{ name: "c", tick: () => void runs++ }], () => new Date(now), 250);
    writer();
    counting();
    counting();
    expect(runs).toBe(1);
    store.close();
  });
});
