/**
 * The tenant's clock: real time plus an offset that `/_sim/clock` can move (password ages, licence
 * and import timers). The offset is stored, so a restarted tenant keeps its notion of time. The
 * time always stays a date Graph can write (`isTenantTime`); an offset stored by an older version
 * that breaks this is dropped at start instead of failing every later answer.
 */
import type { SimStore } from "./framework.ts";

const KIND = "_sim";
const ID = "clock";

/** 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z: four-digit years, as Graph's date-times have. */
export const TENANT_TIME_RANGE = { min: Date.UTC(1970, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) } as const;

export function isTenantTime(ms: number): boolean {
  return Number.isFinite(ms) && ms >= TENANT_TIME_RANGE.min && ms <= TENANT_TIME_RANGE.max;
}

export interface SimClock {
  now(): Date;
  /** Sets the tenant's time to `at` (real time keeps running from there); RangeError outside `isTenantTime`. */
  set(at: Date): void;
  /** RangeError when the result would leave `isTenantTime`. */
  advanceDays(days: number): void;
  /** Back to real time. */
  reset(): void;
  offsetMs(): number;
}

export function createSimClock(store: SimStore, realNow: () => number = Date.now): SimClock {
  const stored = store.get<{ id: string; offsetMs: unknown }>(KIND, ID)?.offsetMs;
  let offset = typeof stored === "number" && isTenantTime(realNow() + stored) ? stored : 0;
  const save = () => store.put(KIND, { id: ID, offsetMs: offset });
  if (stored !== undefined && stored !== offset) save();
  const moveTo = (ms: number) => {
    if (!isTenantTime(ms)) throw new RangeError("the tenant's time must stay between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
    offset = ms - realNow();
    save();
  };
  return {
    now: () => new Date(realNow() + offset),
    set: (at) => moveTo(at.getTime()),
    advanceDays: (days) => moveTo(realNow() + offset + days * 86_400_000),
    reset() {
      offset = 0;
      save();
    },
    offsetMs: () => offset,
  };
}
