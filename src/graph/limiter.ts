/**
 * The client's limiter, shared by every request of one client (Graph throttles per app per
 * tenant): a bounded number of concurrency slots; a shared "pause until" that any 429 extends; and
 * per-service budgets (`budgets.ts`) that each attempt is admitted against before it is sent.
 *
 * A sliding-window entry is held from the moment an attempt is sent and dated when its answer
 * arrives: the server saw the request no later than that, so its window frees no later than ours
 * and counting the same documented capacity cannot overrun it. Token buckets are taken at send
 * time, which is never later than the server takes them.
 */
import { costOf, isWrite, type Budgets, type Limit } from "./budgets.ts";
import { systemClock } from "./clock.ts";
import type { BudgetItem, Clock } from "./types.ts";

export type AdmitItem = BudgetItem;

export interface Ticket {
  /** The attempt has its answer (or failed): dates its window entries. Idempotent. */
  done(): void;
}

export interface LimiterStats {
  admitted: number;
  /** Admissions that had to wait for a budget or a pause. */
  delayed: number;
  waitedMs: number;
  pauses: number;
}

export interface Limiter {
  /** Waits for a concurrency slot; call the returned function to give it back. */
  slot(signal?: AbortSignal): Promise<() => void>;
  /** Waits for the shared pause and for room in every budget the items count against, then takes it. */
  admit(items: readonly AdmitItem[], signal?: AbortSignal): Promise<Ticket>;
  /** A 429 arrived: no request is admitted for `ms`. */
  pause(ms: number): void;
  pausedUntil(): number;
  readonly stats: LimiterStats;
}

interface WindowState {
  limit: Limit;
  /** Answer times; `Infinity` while the attempt is in flight. */
  entries: number[];
}

interface BucketState {
  limit: Limit;
  tokens: number;
  last: number;
}

type Meter = { kind: "window"; state: WindowState } | { kind: "bucket"; state: BucketState };

function meterOf(limit: Limit, now: number): Meter {
  return limit.kind === "window"
    ? { kind: "window", state: { limit, entries: [] } }
    : { kind: "bucket", state: { limit, tokens: limit.capacity, last: now } };
}

/** Milliseconds until `units` fit (0 = now; `Infinity` = only when an in-flight attempt answers). */
function waitFor(meter: Meter, units: number, now: number): number {
  if (meter.kind === "bucket") {
    const b = meter.state;
    const rate = b.limit.capacity / b.limit.windowMs;
    b.tokens = Math.min(b.limit.capacity, b.tokens + (now - b.last) * rate);
    b.last = now;
    const need = Math.min(units, b.limit.capacity);
    return b.tokens >= need ? 0 : Math.ceil((need - b.tokens) / rate);
  }
  const w = meter.state;
  const horizon = now - w.limit.windowMs;
  w.entries = w.entries.filter((t) => t > horizon);
  const free = w.limit.capacity - w.entries.length;
  const need = Math.min(units, w.limit.capacity);
  if (free >= need) return 0;
  // The (need − free)-th oldest answered entry must leave the window first.
  const answered = w.entries.filter((t) => t !== Infinity).sort((a, b) => a - b);
  const which = need - free - 1;
  return which < answered.length ? answered[which]! + w.limit.windowMs - now + 1 : Infinity;
}

function take(meter: Meter, units: number): (now: number) => void {
  if (meter.kind === "bucket") {
    meter.state.tokens -= units;
    return () => {};
  }
  const state = meter.state;
  for (let i = 0; i < units; i++) state.entries.push(Infinity);
  // In-flight entries are interchangeable, so dating any `units` of them dates this attempt's.
  return (now) => {
    let left = units;
    for (let i = 0; i < state.entries.length && left > 0; i++)
      if (state.entries[i] === Infinity) {
        state.entries[i] = now;
        left--;
      }
  };
}

export interface LimiterOptions {
  maxConcurrent?: number;
  budgets?: Budgets;
  clock?: Clock;
}

export function createLimiter(opts: LimiterOptions = {}): Limiter {
  const clock = opts.clock ?? systemClock;
  const maxConcurrent = Math.max(1, opts.maxConcurrent ?? 4);
  const meters = new Map<string, Meter>();
  const stats: LimiterStats = { admitted: 0, delayed: 0, waitedMs: 0, pauses: 0 };
  let pausedUntil = 0;
  let active = 0;
  const slotWaiters: (() => void)[] = [];
  /** Resolved whenever an in-flight attempt answers (a window may have room again). */
  let answered: { promise: Promise<void>; resolve: () => void } = deferred();
  /**
   * Admissions for the same services are granted one at a time, in arrival order, so no request
   * starves; requests outside every budget only wait for the pause.
   */
  const queues = new Map<string, Promise<unknown>>();

  const meter = (cls: string, which: "writes" | "all", limit: Limit) => {
    const key = `${cls}|${which}`;
    let m = meters.get(key);
    if (!m) meters.set(key, (m = meterOf(limit, clock.now())));
    return m;
  };

  async function admitNow(items: readonly AdmitItem[], signal?: AbortSignal): Promise<Ticket> {
    const started = clock.now();
    let delayed = false;
    for (;;) {
      signal?.throwIfAborted();
      const now = clock.now();
      const needs: { meter: Meter; units: number }[] = [];
      const units = new Map<Meter, number>();
      for (const item of items) {
        if (item.cls === "none" || !opts.budgets) continue;
        const budget = opts.budgets[item.cls];
        const add = (m: Meter, n: number) => units.set(m, (units.get(m) ?? 0) + n);
        add(meter(item.cls, "all", budget.all), costOf(item.cls, item.method, item.url));
        if (isWrite(item.method)) add(meter(item.cls, "writes", budget.writes), 1);
      }
      for (const [m, n] of units) needs.push({ meter: m, units: n });
      let wait = Math.max(0, pausedUntil - now);
      for (const n of needs) wait = Math.max(wait, waitFor(n.meter, n.units, now));
      if (wait === 0) {
        const dates = needs.map((n) => take(n.meter, n.units));
        stats.admitted += items.length;
        if (delayed) {
          stats.delayed++;
          stats.waitedMs += clock.now() - started;
        }
        let finished = false;
        return {
          done() {
            if (finished) return;
            finished = true;
            const at = clock.now();
            for (const d of dates) d(at);
            const current = answered;
            answered = deferred();
            current.resolve();
          },
        };
      }
      delayed = true;
      if (wait === Infinity) await Promise.race([answered.promise, clock.sleep(1000, signal)]);
      else await clock.sleep(wait, signal);
    }
  }

  return {
    stats,
    async slot(signal) {
      while (active >= maxConcurrent) {
        signal?.throwIfAborted();
        await new Promise<void>((resolve, reject) => {
          const onAbort = () => {
            const i = slotWaiters.indexOf(wake);
            if (i >= 0) slotWaiters.splice(i, 1);
            reject(signal!.reason);
          };
          const wake = () => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
          };
          slotWaiters.push(wake);
          signal?.addEventListener("abort", onAbort, { once: true });
        });
      }
      active++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        active--;
        slotWaiters.shift()?.();
      };
    },
    admit(items, signal) {
      const key = opts.budgets ? [...new Set(items.map((i) => i.cls).filter((c) => c !== "none"))].sort().join("+") : "";
      const turn = (queues.get(key) ?? Promise.resolve()).then(() => admitNow(items, signal));
      queues.set(key, turn.catch(() => undefined));
      return turn;
    },
    pause(ms) {
      if (!(ms > 0)) return;
      const until = clock.now() + ms;
      if (until > pausedUntil) {
        pausedUntil = until;
        stats.pauses++;
      }
    },
    pausedUntil: () => pausedUntil,
  };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
