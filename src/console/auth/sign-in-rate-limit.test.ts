import { describe, expect, it } from "vitest";
import { createSignInRateLimit } from "./sign-in-rate-limit.ts";

describe("sign-in rate limit", () => {
  it("failures for one name up to the limit → refused with a wait within the window; other names still tried", async () => {
    const limit = createSignInRateLimit({ perUser: 3, perAddress: 100, windowSeconds: 600 });
    for (let i = 0; i < 2; i++) await limit.failed("10.0.0.1", "admin");
    expect(await limit.retryAfter("10.0.0.1", "admin")).toBeNull();
    await limit.failed("10.0.0.2", "ADMIN");
    const wait = await limit.retryAfter("10.0.0.3", "admin");
    expect(wait).toBeGreaterThan(590);
    expect(wait).toBeLessThanOrEqual(600);
    expect(await limit.retryAfter("10.0.0.1", "alice")).toBeNull();
  });

  it("failures from one address across many names → that address refused", async () => {
    const limit = createSignInRateLimit({ perUser: 100, perAddress: 4, windowSeconds: 60 });
    for (const name of ["a", "b", "c", "d"]) await limit.failed("192.0.2.7", name);
    expect(await limit.retryAfter("192.0.2.7", "e")).toBeGreaterThan(0);
    expect(await limit.retryAfter("192.0.2.8", "e")).toBeNull();
  });

  it("a success → the name's count starts again", async () => {
    const limit = createSignInRateLimit({ perUser: 2, perAddress: 100 });
    await limit.failed("10.0.0.1", "op");
    await limit.succeeded("op");
    await limit.failed("10.0.0.1", "op");
    expect(await limit.retryAfter("10.0.0.1", "op")).toBeNull();
  });
});
