/**
 * The sign-in rate limit: failed sign-ins are counted per client address and per user name within a
 * window; once either count is reached, sign-in is refused (429 with Retry-After) until the window ends,
 * even with the right password, so guessing is slow whichever of the two an attacker varies. Counting
 * uses rate-limiter-flexible's in-memory limiter (its documented brute-force recipe: consume on failure,
 * check before trying). Counts live in this process: a console run as several processes multiplies them.
 */
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

export interface SignInRateLimitOptions {
  /** Failures allowed per client address within the window (default 20). */
  perAddress?: number;
  /** Failures allowed per user name within the window (default 5). */
  perUser?: number;
  /** The window, in seconds (default 15 minutes). */
  windowSeconds?: number;
}

export interface SignInRateLimit {
  /** Seconds to wait before trying again, or null when a sign-in may be tried now. */
  retryAfter(address: string, username: string): Promise<number | null>;
  /** Counts a failed sign-in. */
  failed(address: string, username: string): Promise<void>;
  /** A successful sign-in clears the name's count (the address keeps its own). */
  succeeded(username: string): Promise<void>;
}

// User names are case-insensitive here so `Admin` and `admin` share one count.
const userKey = (username: string) => `user:${username.trim().toLowerCase()}`;
const addressKey = (address: string) => `addr:${address}`;

export function createSignInRateLimit(opts: SignInRateLimitOptions = {}): SignInRateLimit {
  const duration = opts.windowSeconds ?? 15 * 60;
  const byAddress = new RateLimiterMemory({ points: opts.perAddress ?? 20, duration });
  const byUser = new RateLimiterMemory({ points: opts.perUser ?? 5, duration });
  const limits = [
    { limiter: byAddress, points: opts.perAddress ?? 20 },
    { limiter: byUser, points: opts.perUser ?? 5 },
  ];

  return {
    async retryAfter(address, username) {
      const keys = [addressKey(address), userKey(username)];
      let wait = 0;
      for (const [i, { limiter, points }] of limits.entries()) {
        const res = await limiter.get(keys[i]!);
        if (res && res.consumedPoints >= points) wait = Math.max(wait, Math.ceil(res.msBeforeNext / 1000));
      }
      return wait > 0 ? wait : null;
    },
    async failed(address, username) {
      for (const [limiter, key] of [
        [byAddress, addressKey(address)],
        [byUser, userKey(username)],
      ] as const) {
        try {
          await limiter.consume(key);
        } catch (err) {
          // Over the limit already: the refusal is retryAfter's to give; anything else is a bug.
          if (!(err instanceof RateLimiterRes)) throw err;
        }
      }
    },
    async succeeded(username) {
      await byUser.delete(userKey(username));
    },
  };
}
