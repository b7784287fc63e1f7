/**
 * `retry()`: tries again after 429, 503 and 504 (the statuses of msgraph's RetryHandler) and after
 * network failures and timeouts, honouring `Retry-After` (seconds or an HTTP date) and otherwise
 * backing off exponentially with jitter and a cap (Intune's 429s carry no `Retry-After`,
 * graph-facts §9.5).
 *
 * Unlike the SDKs' handlers it never blindly repeats a non-idempotent write (POST, an upsert
 * PATCH): a direct 429 was rejected before execution and is retried, but after a lost response,
 * a timeout or a 5xx the write may have happened (graph-facts §9.9), so it is sent again only when
 * the request's `alreadyApplied` check says it did not — and without a check it is not retried.
 */
import { backoffDelay, type BackoffPolicy } from "../backoff.ts";
import { systemClock } from "../clock.ts";
import { GraphRequestError } from "../errors.ts";
import type { Clock, GraphRequest, GraphResponse, Middleware } from "../types.ts";

export interface RetryOptions extends Partial<BackoffPolicy> {
  /** Retries after the first attempt (default 5). Per request: `options.retry.retries`. */
  retries?: number;
  /** HTTP statuses worth another attempt (default 429, 503, 504). */
  statuses?: readonly number[];
  clock?: Clock;
  /** Source of jitter (default `Math.random`). */
  random?: () => number;
  /** Called on every 429 before waiting; return false to give up instead (octokit's `onRateLimit`). */
  onThrottled?: (info: { request: GraphRequest; retryAfterMs: number; attempt: number }) => boolean;
}

export const DEFAULT_RETRY_STATUSES: readonly number[] = [429, 503, 504];

/** POST creates; an upsert PATCH (`Prefer: create-if-missing`) may create; the rest can be repeated. */
export function isIdempotent(req: Pick<GraphRequest, "method" | "headers" | "options">): boolean {
  if (req.options.idempotent !== undefined) return req.options.idempotent;
  if (req.method === "POST") return false;
  if (req.method === "PATCH" && /create-if-missing/i.test(req.headers.prefer ?? "")) return false;
  return true;
}

/** Whether the failed attempt may have been applied: anything but a direct 429 or a refused connection. */
export function isAmbiguous(err: GraphRequestError): boolean {
  if (err.status === 429) return false;
  const cause = (err.cause as { cause?: { code?: string } } | undefined)?.cause;
  if (err.status === 0 && cause?.code === "ECONNREFUSED") return false;
  return true;
}

export function retry(opts: RetryOptions = {}): Middleware {
  const clock = opts.clock ?? systemClock;
  const random = opts.random ?? Math.random;
  const statuses = new Set(opts.statuses ?? DEFAULT_RETRY_STATUSES);
  const policy: BackoffPolicy = { baseDelayMs: opts.baseDelayMs ?? 1000, maxDelayMs: opts.maxDelayMs ?? 60_000 };

  return async function retry(req, next): Promise<GraphResponse> {
    const retries = req.options.retry?.retries ?? opts.retries ?? 5;
    for (let attempt = 1; ; attempt++) {
      req.context.attempt = attempt;
      let err: GraphRequestError;
      try {
        return await next(req);
      } catch (e) {
        if (!(e instanceof GraphRequestError)) throw e;
        err = e;
      }
      req.context.attemptDone?.();
      const retryable = err.status === 0 ? err.code === "NetworkError" || err.code === "Timeout" : statuses.has(err.status);
      if (!retryable || attempt > retries || req.options.signal?.aborted) throw err;

      const mustCheck = !isIdempotent(req) && isAmbiguous(err);
      if (mustCheck && (!req.options.alreadyApplied || !req.context.lookup)) throw err;
      const delay = err.retryAfterMs ?? backoffDelay(attempt, policy, random);
      if (err.status === 429) {
        req.context.throttled?.(delay);
        if (opts.onThrottled && !opts.onThrottled({ request: req, retryAfterMs: delay, attempt })) throw err;
      }
      await clock.sleep(delay, req.options.signal);

      if (mustCheck) {
        const found = await req.options.alreadyApplied!({ error: err, lookup: req.context.lookup! });
        if (found.applied) return { status: 200, headers: {}, body: found.body, recovered: true };
      }
      await req.context.reenter?.();
    }
  };
}
