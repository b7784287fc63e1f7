import { describe, expect, it } from "vitest";
import { passwordExpiresAt, passwordExpiresWithin, passwordExpiryBeforeReturn, passwordLifetimeDays } from "./password-expiry.ts";

const rotate = { policy: "rotate-on-return", maxAgeDays: 90 } as const;
const never = { policy: "never-expire", maxAgeDays: 90 } as const;

describe("password expiry", () => {
  it.each([
    [rotate, 89, false],
    [rotate, 90, false],
    [rotate, 91, true],
    [{ policy: "extended", maxAgeDays: 120 } as const, 200, true],
    [{ policy: "reset-before-ship", maxAgeDays: 30 } as const, 31, true],
    [never, 10_000, false],
  ])("%o, loan of %i days → expires within: %s", (policy, days, expected) => {
    expect(passwordExpiresWithin(policy, days)).toBe(expected);
  });

  it("never-expire → no lifetime, no expiry date", () => {
    expect(passwordLifetimeDays(never)).toBeNull();
    expect(passwordExpiresAt(never, new Date("2026-01-01T00:00:00Z"))).toBeNull();
  });

  it("set on 1 Jan with 90 days → expires 1 Apr; a return on 2 Apr is after it, on 31 Mar before it", () => {
    const set = new Date("2026-01-01T00:00:00Z");
    expect(passwordExpiresAt(rotate, set)?.toISOString()).toBe("2026-04-01T00:00:00.000Z");
    expect(passwordExpiryBeforeReturn(rotate, set, new Date("2026-04-02T00:00:00Z"))?.toISOString()).toBe("2026-04-01T00:00:00.000Z");
    expect(passwordExpiryBeforeReturn(rotate, set, new Date("2026-03-31T00:00:00Z"))).toBeNull();
    expect(passwordExpiryBeforeReturn(rotate, set, new Date("2026-04-01T00:00:00Z"))).toBeNull();
  });
});

describe("password expiry against a loan's real dates", () => {
  it("set in the morning, back in the afternoon of the day it expires → not during the loan, as the audit counts it", () => {
    const set = new Date("2026-01-01T09:00:00Z");
    expect(passwordExpiryBeforeReturn(rotate, set, new Date("2026-04-01T15:00:00Z"))).toBeNull();
    expect(passwordExpiryBeforeReturn(rotate, set, new Date("2026-04-02T08:00:00Z"))?.toISOString()).toBe("2026-04-01T09:00:00.000Z");
  });
});
