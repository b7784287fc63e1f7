/**
 * Replay protection for client assertions (RFC 7523 §3, "jti"): each `(client, jti)` may be
 * redeemed once while the assertion could still be accepted — until its `exp` plus the clock
 * tolerance, after which the entry is forgotten. Assertion lifetimes are bounded
 * (`MAX_ASSERTION_LIFETIME_SECONDS`), so the cache is too.
 */

export interface AssertionReplayCache {
  /** Records the use; false when this client already used this jti and the entry is still live. */
  claim(clientId: string, jti: string, forgetAfterSeconds: number, nowSeconds: number): boolean;
}

export function createAssertionReplayCache(): AssertionReplayCache {
  const seen = new Map<string, number>();
  let nextSweep = 0;
  return {
    claim(clientId, jti, forgetAfterSeconds, nowSeconds) {
      if (nowSeconds >= nextSweep) {
        for (const [key, until] of seen) if (until <= nowSeconds) seen.delete(key);
        nextSweep = nowSeconds + 60;
      }
      const key = `${clientId.toLowerCase()}\n${jti}`;
      const until = seen.get(key);
      if (until !== undefined && until > nowSeconds) return false;
      seen.set(key, forgetAfterSeconds);
      return true;
    },
  };
}
