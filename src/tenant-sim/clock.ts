/**
 * The tenant's clock: real time plus an offset that `/_sim/clock` can move (password ages, licence
 * and import timers). The offset is stored, so a restarted tenant keeps its notion of time.
 */
import type { SimStore } from "./framework.ts";

const KIND = "_sim";
const ID = "clock";

export interface SimClock {
  now(): Date;
  /** Sets the tenant's time to `at` (real time keeps running from there). */
  set(at: Date): void;
  advanceDays(days: number): void;
  /** Back to real time. */
  reset(): void;
  offsetMs(): number;
}

export function createSimClock(store: SimStore, realNow: () => number = Date.now): SimClock {
  let offset = store.get<{ id: string; offsetMs: number }>(KIND, ID)?.offsetMs ?? 0;
  const save = () => store.put(KIND, { id: ID, offsetMs: offset });
  return {
    now: () => new Date(realNow() + offset),
    set(at) {
      offset = at.getTime() - realNow();
      save();
    },
    advanceDays(days) {
      offset += days * 86_400_000;
      save();
    },
    reset() {
      offset = 0;
      save();
    },
    offsetMs: () => offset,
  };
}
