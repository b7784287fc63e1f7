/**
 * Runs the background tickers (dynamic membership, group licensing, Autopilot import, wipe …) before
 * a request — but only when the store changed since the last run or the tenant clock moved on by
 * `intervalMs`, so a burst of reads does not recompute every group each time. Time-driven state
 * changes are therefore at most `intervalMs` late.
 */
import type { SimTicker } from "./framework.ts";
import type { SqliteSimStore } from "./store.ts";

export const TICK_INTERVAL_MS = 250;

export type TickerRunner = () => void;

export function createTickerRunner(
  store: SqliteSimStore,
  tickers: readonly SimTicker[],
  now: () => Date,
  intervalMs = TICK_INTERVAL_MS,
): TickerRunner {
  let lastGeneration = -1;
  let lastAt = -Infinity;
  return () => {
    const at = now();
    if (store.generation() === lastGeneration && Math.abs(at.getTime() - lastAt) < intervalMs) return;
    for (const ticker of tickers) ticker.tick(store, at);
    lastGeneration = store.generation();
    lastAt = at.getTime();
  };
}
