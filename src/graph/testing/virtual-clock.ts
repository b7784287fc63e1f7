/**
 * Test-only: a clock whose time moves only when every task is waiting. `sleep(ms)` registers a
 * wake-up; once the event loop has nothing else to run (a `setImmediate` turn), time jumps to the
 * earliest wake-up and that sleeper resumes. Spacing between attempts is then exact and a test of
 * minutes of backoff runs in milliseconds.
 */
import type { Clock } from "../types.ts";

export interface VirtualClock extends Clock {
  /** Moves time forward without waking anyone early. */
  advance(ms: number): void;
  /** Sleepers not yet woken. */
  pending(): number;
}

export function createVirtualClock(start = Date.UTC(2026, 0, 1)): VirtualClock {
  let now = start;
  let seq = 0;
  let scheduled = false;
  const sleepers: { at: number; seq: number; wake: () => void }[] = [];

  const tick = () => {
    scheduled = false;
    if (!sleepers.length) return;
    sleepers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = sleepers.shift()!;
    now = Math.max(now, next.at);
    next.wake();
    schedule();
  };
  const schedule = () => {
    if (scheduled || !sleepers.length) return;
    scheduled = true;
    setImmediate(tick);
  };

  return {
    now: () => now,
    advance(ms) {
      now += ms;
    },
    pending: () => sleepers.length,
    sleep(ms, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise((resolve, reject) => {
        const entry = {
          at: now + Math.max(0, ms),
          seq: seq++,
          wake: () => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
          },
        };
        const onAbort = () => {
          const i = sleepers.indexOf(entry);
          if (i >= 0) sleepers.splice(i, 1);
          reject(signal!.reason);
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        sleepers.push(entry);
        schedule();
      });
    },
  };
}
