/** The client assertion replay cache: one use per client and jti while the assertion is acceptable. */
import { describe, expect, it } from "vitest";
import { createAssertionReplayCache } from "./assertion-replay.ts";

describe("createAssertionReplayCache", () => {
  it("a jti is claimed once per client; another client or jti is independent", () => {
    const cache = createAssertionReplayCache();
    expect(cache.claim("app-1", "j1", 1_000, 100)).toBe(true);
    expect(cache.claim("APP-1", "j1", 1_000, 101)).toBe(false);
    expect(cache.claim("app-2", "j1", 1_000, 102)).toBe(true);
    expect(cache.claim("app-1", "j2", 1_000, 103)).toBe(true);
  });

  it("forgets an entry once the assertion could no longer be accepted anyway", () => {
    const cache = createAssertionReplayCache();
    expect(cache.claim("app", "j", 500, 100)).toBe(true);
    expect(cache.claim("app", "j", 500, 499)).toBe(false);
    expect(cache.claim("app", "j", 900, 500)).toBe(true);
  });
});
