import { describe, expect, it } from "vitest";
import type { Budgets } from "./budgets.ts";
import { createLimiter } from "./limiter.ts";
import { createVirtualClock } from "./testing/virtual-clock.ts";

const CONFIG = "https://graph.microsoft.com/v1.0/deviceManagement/deviceConfigurations";
const write = { cls: "intune-configuration" as const, method: "POST" as const, url: CONFIG };

const small: Budgets = {
  "intune-configuration": { writes: { kind: "window", capacity: 3, windowMs: 20_000 }, all: { kind: "window", capacity: 100, windowMs: 20_000 } },
  "intune-enrollment": { writes: { kind: "window", capacity: 3, windowMs: 20_000 }, all: { kind: "window", capacity: 100, windowMs: 20_000 } },
  "intune-devices": { writes: { kind: "window", capacity: 3, windowMs: 20_000 }, all: { kind: "window", capacity: 100, windowMs: 20_000 } },
  directory: { writes: { kind: "bucket", capacity: 2, windowMs: 10_000 }, all: { kind: "bucket", capacity: 100, windowMs: 10_000 } },
};

describe("createLimiter", () => {
  it("a full sliding window → the next write waits until the oldest answer is a window old", async () => {
    const clock = createVirtualClock(0);
    const limiter = createLimiter({ budgets: small, clock });
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const ticket = await limiter.admit([write]);
      times.push(clock.now());
      clock.advance(100); // the answer comes 100 ms later
      ticket.done();
    }
    // Answers at 100, 200, 300: the 4th write may go once the first answer is 20 s old.
    expect(times).toEqual([0, 100, 200, 20_101, 20_201]);
    expect(limiter.stats.delayed).toBe(1);
  });

  it("writes still in flight hold their place in the window", async () => {
    const clock = createVirtualClock(0);
    const limiter = createLimiter({ budgets: small, clock });
    const tickets = [await limiter.admit([write]), await limiter.admit([write]), await limiter.admit([write])];
    let admitted = false;
    const fourth = limiter.admit([write]).then((t) => ((admitted = true), t));
    await new Promise((r) => setTimeout(r, 20));
    expect(admitted).toBe(false);
    clock.advance(5000);
    tickets[0]!.done(); // answered at 5 s: room again at 25 s
    const t = await fourth;
    expect(clock.now()).toBeGreaterThanOrEqual(25_000);
    t.done();
  });

  it("a token bucket refills at its documented rate", async () => {
    const clock = createVirtualClock(0);
    const limiter = createLimiter({ budgets: small, clock });
    const dir = { cls: "directory" as const, method: "PATCH" as const, url: "https://graph.microsoft.com/v1.0/groups/x" };
    const times: number[] = [];
    for (let i = 0; i < 4; i++) {
      (await limiter.admit([dir])).done();
      times.push(clock.now());
    }
    // Capacity 2 per 10 s: one token every 5 s once empty.
    expect(times).toEqual([0, 0, 5000, 10_000]);
  });

  it("a 429 pause → nothing is admitted until it ends, and a longer pause wins", async () => {
    const clock = createVirtualClock(0);
    const limiter = createLimiter({ clock });
    limiter.pause(3000);
    limiter.pause(1000);
    (await limiter.admit([write])).done();
    expect(clock.now()).toBe(3000);
    expect(limiter.stats.pauses).toBe(1);
  });

  it("slots → at most maxConcurrent at once, the rest wait in order", async () => {
    const limiter = createLimiter({ maxConcurrent: 2 });
    const a = await limiter.slot();
    const b = await limiter.slot();
    const order: string[] = [];
    const c = limiter.slot().then((r) => (order.push("c"), r));
    const d = limiter.slot().then((r) => (order.push("d"), r));
    await new Promise((r) => setTimeout(r, 5));
    expect(order).toEqual([]);
    a();
    (await c)();
    b();
    (await d)();
    expect(order).toEqual(["c", "d"]);
  });

  it("an aborted wait → rejects without blocking later admissions", async () => {
    const clock = createVirtualClock(0);
    const limiter = createLimiter({ clock });
    limiter.pause(10_000);
    const ac = new AbortController();
    const waiting = limiter.admit([write], ac.signal);
    ac.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
    (await limiter.admit([write])).done();
    expect(clock.now()).toBe(10_000);
  });
});
