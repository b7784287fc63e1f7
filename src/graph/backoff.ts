/**
 * When to try again: a `Retry-After` header (delay-seconds or an HTTP date, RFC 9110 §10.2.3), or
 * without one — Intune's 429s carry none (graph-facts §9.5) — exponential backoff with full jitter
 * and a cap.
 */

/** Milliseconds to wait, or undefined when the header is missing or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

export interface BackoffPolicy {
  /** Delay before the first retry, before jitter. */
  baseDelayMs: number;
  /** Upper bound of any computed delay. */
  maxDelayMs: number;
}

/**
 * "Full jitter": a uniform delay in [base·2^(retry−1) / 2, base·2^(retry−1)], capped. Half the
 * window is kept as a floor so a retry never fires at once when the server gave no hint.
 * `retry` is 1 for the first retry.
 */
export function backoffDelay(retry: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
