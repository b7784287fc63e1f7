import { describe, expect, it } from "vitest";
import { createVirtualClock } from "./virtual-clock.ts";

describe("createVirtualClock", () => {
  it("sleepers wake in time order, each at its own time, without real waiting", async () => {
    const clock = createVirtualClock(0);
    const woke: [string, number][] = [];
    await Promise.all([
      clock.sleep(300).then(() => woke.push(["a", clock.now()])),
      clock.sleep(100).then(() => woke.push(["b", clock.now()])),
      clock.sleep(200).then(() => woke.push(["c", clock.now()])),
    ]);
    expect(woke).toEqual([["b", 100], ["c", 200], ["a", 300]]);
  });
  it("an aborted sleep → rejects and never wakes", async () => {
    const clock = createVirtualClock(0);
    const ac = new AbortController();
    const p = clock.sleep(1000, ac.signal);
    ac.abort(new Error("stop"));
    await expect(p).rejects.toThrow("stop");
    expect(clock.pending()).toBe(0);
  });
});
