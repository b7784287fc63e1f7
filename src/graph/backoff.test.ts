import { describe, expect, it } from "vitest";
import { backoffDelay, parseRetryAfter } from "./backoff.ts";

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-03-01T10:00:00Z");
  it("delay-seconds → milliseconds", () => {
    expect(parseRetryAfter("7", now)).toBe(7000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
  });
  it("an HTTP date → the time left until it (never negative)", () => {
    expect(parseRetryAfter("Sun, 01 Mar 2026 10:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Sun, 01 Mar 2026 09:59:00 GMT", now)).toBe(0);
  });
  it("missing or unreadable → undefined", () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("-5", now)).toBeUndefined();
    expect(parseRetryAfter("1.5", now)).toBeUndefined();
  });
});

describe("backoffDelay", () => {
  const policy = { baseDelayMs: 1000, maxDelayMs: 8000 };
  it("doubles per retry within [half, full] of the window", () => {
    expect(backoffDelay(1, policy, () => 0)).toBe(500);
    expect(backoffDelay(1, policy, () => 1)).toBe(1000);
    expect(backoffDelay(3, policy, () => 0)).toBe(2000);
    expect(backoffDelay(3, policy, () => 1)).toBe(4000);
  });
  it("is capped", () => {
    expect(backoffDelay(10, policy, () => 1)).toBe(8000);
    expect(backoffDelay(10, policy, () => 0)).toBe(4000);
  });
});
