/** Service-limit throttling: the documented numbers (graph-facts §9.5), unit-tested on a fake clock and shown over HTTPS. */
import { describe, expect, it } from "vitest";
import { fixturePermissions, fixtureRoutes } from "../fixture-routes.ts";
import { startTestTenant } from "../testing.ts";
import { createThrottler, intuneServiceOf, resourceUnitCost, type ThrottleRequest } from "./throttling.ts";

const q = (s = "") => new URLSearchParams(s);
const req = (over: Partial<ThrottleRequest>): ThrottleRequest => ({
  throttle: "directory",
  method: "GET",
  pattern: "/groups",
  query: q(),
  appId: "app-1",
  tenantId: "tenant-1",
  ...over,
});

describe("resource unit costs", () => {
  it.each([
    ["GET", "/users", "", 2],
    ["GET", "/users/{id}", "$select=id", 1],
    ["GET", "/groups/{id}/members", "", 3],
    ["GET", "/groups/{id}/transitiveMembers", "", 5],
    ["GET", "/subscribedSkus", "", 3],
    ["GET", "/users/{id}/licenseDetails", "", 2],
    ["GET", "/groups", "$top=5", 1],
    ["GET", "/groups/{id}/members", "$select=id&$top=10", 1],
    ["GET", "/groups", "$expand=members", 2],
    ["POST", "/groups", "", 1],
  ] as const)("%s %s?%s costs %i", (method, pattern, query, cost) => {
    expect(resourceUnitCost(method, pattern, q(query))).toBe(cost);
  });

  it("maps Intune route classes to their service", () => {
    expect(intuneServiceOf("intune-devices")).toBe("devices");
    expect(intuneServiceOf("intune-enrollment")).toBe("enrollment");
    expect(intuneServiceOf("intune")).toBe("configuration");
  });
});

describe("createThrottler (realistic)", () => {
  it("allows 100 Intune configuration writes per app per 20 s, then 429 without Retry-After, and refills", () => {
    let now = 0;
    const th = createThrottler("realistic", { userCount: () => 10, now: () => now });
    const write = req({ throttle: "intune", method: "POST", pattern: "/deviceManagement/deviceConfigurations" });
    for (let i = 0; i < 100; i++) expect(th.check(write).throttled).toBe(false);
    const blocked = th.check(write);
    expect(blocked.throttled).toBe(true);
    expect(blocked.headers["retry-after"]).toBeUndefined();
    // Another app has its own per-app budget, but the tenant's 200 are shared.
    for (let i = 0; i < 100; i++) expect(th.check({ ...write, appId: "app-2" }).throttled).toBe(false);
    expect(th.check({ ...write, appId: "app-3" }).throttled).toBe(true);
    now += 20_000;
    expect(th.check(write).throttled).toBe(false);
  });

  it("allows 200 managed-device writes per app (the devices service)", () => {
    const th = createThrottler("realistic", { userCount: () => 10, now: () => 0 });
    const wipe = req({ throttle: "intune-devices", method: "POST", pattern: "/deviceManagement/managedDevices/{id}/wipe" });
    for (let i = 0; i < 200; i++) expect(th.check(wipe).throttled).toBe(false);
    expect(th.check(wipe).throttled).toBe(true);
  });

  it("keeps the devices, configuration and enrollment budgets apart: the class decides, not the path", () => {
    const th = createThrottler("realistic", { userCount: () => 10, now: () => 0 });
    // The same path under three classes: each class spends its own service's budget.
    const pattern = "/deviceManagement/anything";
    const config = req({ throttle: "intune", method: "PATCH", pattern });
    const enrollment = req({ throttle: "intune-enrollment", method: "PATCH", pattern });
    const devices = req({ throttle: "intune-devices", method: "PATCH", pattern });
    for (let i = 0; i < 100; i++) expect(th.check(config).throttled).toBe(false);
    expect(th.check(config).throttled).toBe(true);
    // Configuration exhausted; enrollment still has its 100 and devices its 200.
    for (let i = 0; i < 100; i++) expect(th.check(enrollment).throttled).toBe(false);
    expect(th.check(enrollment).throttled).toBe(true);
    for (let i = 0; i < 200; i++) expect(th.check(devices).throttled).toBe(false);
    expect(th.check(devices).throttled).toBe(true);
    // Reads of the devices service: 2,000 per app per 20 s, of which the 200 writes took 200.
    const read = req({ throttle: "intune-devices", method: "GET", pattern });
    for (let i = 0; i < 1800; i++) expect(th.check(read).throttled).toBe(false);
    expect(th.check(read).throttled).toBe(true);
  });

  it("limits directory writes to 3,000 per 150 s per app and tenant, with Retry-After and scope headers", () => {
    let now = 0;
    const th = createThrottler("realistic", { userCount: () => 10, now: () => now });
    const write = req({ method: "PATCH", pattern: "/groups/{id}" });
    // Each write costs 1 resource unit too, so 3,000 writes stay under the 3,500 units.
    for (let i = 0; i < 3000; i++) expect(th.check(write).throttled).toBe(false);
    const blocked = th.check(write);
    expect(blocked.throttled).toBe(true);
    if (!blocked.throttled) return;
    // A token bucket: 150 s later the writes are back.
    now += 150_000;
    expect(th.check(write).throttled).toBe(false);
    expect(blocked.headers["x-ms-throttle-information"]).toBe("WriteLimitExceeded");
    expect(blocked.headers["x-ms-throttle-scope"]).toBe("Tenant_Application/Write/app-1/tenant-1");
    // 3,000 writes per 150 s refill one write every 50 ms: the wait is 50 ms, rounded up to 1 s.
    expect(blocked.headers["retry-after"]).toBe("1");
  });

  it("Retry-After is the real wait rounded up: waiting exactly that long succeeds, a second less does not", () => {
    let now = 0;
    const th = createThrottler("strict", { userCount: () => 10, now: () => now });
    // strict: 30 writes per 150 s (one every 5 s) and 35 resource units per 10 s (one every 286 ms).
    const write = req({ method: "POST", pattern: "/groups" });
    for (let i = 0; i < 30; i++) expect(th.check(write).throttled).toBe(false);
    const first = th.check(write);
    expect(first.throttled && first.headers["retry-after"]).toBe("5");
    now += 2_500;
    const half = th.check(write);
    expect(half.throttled && half.headers["retry-after"]).toBe("3");
    now += 2_499;
    expect(th.check(write).throttled).toBe(true);
    now += 1;
    expect(th.check(write).throttled).toBe(false);
  });

  it("when several limits are exhausted, Retry-After is the longest of their waits, not the first one's", () => {
    let now = 0;
    const th = createThrottler("strict", { userCount: () => 10, now: () => now });
    const write = req({ method: "POST", pattern: "/groups" });
    const read = req({ pattern: "/groups" }); // 1 unit
    for (let i = 0; i < 30; i++) expect(th.check(write).throttled).toBe(false); // writes 0 left, units 5 left
    for (let i = 0; i < 5; i++) expect(th.check(read).throttled).toBe(false); // units 0 left
    const blocked = th.check(write);
    expect(blocked.throttled).toBe(true);
    if (!blocked.throttled) return;
    // The unit bucket refills in 286 ms, the write bucket in 5 s: only after 5 s does the write pass.
    expect(blocked.headers["retry-after"]).toBe("5");
    expect(blocked.headers["x-ms-throttle-information"]).toBe("WriteLimitExceeded");
    now += 4_000;
    expect(th.check(write).throttled).toBe(true);
    now += 1_000;
    expect(th.check(write).throttled).toBe(false);
  });

  it("a tenant clock moved back in time neither drains a bucket nor keeps a window full", () => {
    let now = 1_000_000;
    const th = createThrottler("strict", { userCount: () => 10, now: () => now });
    const write = req({ throttle: "intune", method: "POST", pattern: "/deviceManagement/deviceConfigurations" });
    expect(th.check(write).throttled).toBe(false);
    expect(th.check(write).throttled).toBe(false);
    expect(th.check(write).throttled).toBe(true);
    now -= 500_000;
    expect(th.check(write).throttled).toBe(false);
    const dir = req({ method: "POST", pattern: "/groups" });
    for (let i = 0; i < 30; i++) expect(th.check(dir).throttled).toBe(false);
    now -= 100_000;
    const blocked = th.check(dir);
    expect(blocked.throttled && blocked.headers["retry-after"]).toBe("5");
  });

  it("sizes the resource-unit bucket by tenant size and reports usage above 80 %", () => {
    const small = createThrottler("realistic", { userCount: () => 10, now: () => 0 });
    const large = createThrottler("realistic", { userCount: () => 600, now: () => 0 });
    const read = req({ pattern: "/users" }); // 2 units
    let n = 0;
    let last: ReturnType<typeof small.check> | undefined;
    while (!(last = small.check(read)).throttled) {
      n++;
      if (n === 1500) expect(last.headers["x-ms-throttle-limit-percentage"]).toBe("0.9");
    }
    expect(n).toBe(1750);
    let m = 0;
    while (!large.check(read).throttled) m++;
    expect(m).toBe(4000);
  });

  it("does nothing when off or for routes that are not limited", () => {
    const off = createThrottler("off", { userCount: () => 0, now: () => 0 });
    for (let i = 0; i < 5000; i++) expect(off.check(req({ method: "POST" })).throttled).toBe(false);
    const on = createThrottler("strict", { userCount: () => 0, now: () => 0 });
    for (let i = 0; i < 100; i++) expect(on.check(req({ throttle: "none" })).throttled).toBe(false);
  });
});

describe("throttling over HTTPS", () => {
  it("answers Intune-style 429s without Retry-After and with the nested JSON message (realistic)", async () => {
    const t = await startTestTenant({ throttling: "realistic", tenant: { routes: fixtureRoutes, permissions: fixturePermissions } });
    try {
      const results = await Promise.all(Array.from({ length: 101 }, (_, i) => t.graph("POST", "/v1.0/deviceManagement/gadgets", { displayName: `g${i}` })));
      const throttled = results.filter((r) => r.status === 429);
      expect(throttled).toHaveLength(1);
      const r = throttled[0]!;
      expect(r.headers["retry-after"]).toBeUndefined();
      expect(r.body.error.code).toBe("TooManyRequests");
      const inner = JSON.parse(r.body.error.message);
      expect(inner._version).toBe(3);
      expect(inner.RetryAfter).toBeNull();
      expect(inner.Message).toMatch(/Activity ID: /);
      expect((await t.sim("GET", "/stats")).body.throttled).toBe(1);
    } finally {
      await t.close();
    }
  });

  it("answers directory 429s with the real wait in Retry-After; waiting exactly that long on the tenant clock succeeds (strict)", async () => {
    // The tenant clock runs on a time source the test holds still, so no request waits in real time.
    let time = Date.parse("2026-11-29T10:00:00Z");
    const t = await startTestTenant({ throttling: "strict", tenant: { routes: fixtureRoutes, permissions: fixturePermissions, timeSource: () => time } });
    try {
      const ok = await t.graph("GET", "/v1.0/widgets");
      expect(ok.headers["x-ms-resource-unit"]).toBe("1");
      let res = ok;
      let writes = 0;
      for (; writes < 60 && res.status !== 429; writes++) res = await t.graph("POST", "/v1.0/widgets", { displayName: `w${writes}` });
      expect(writes).toBe(31); // strict: 30 writes per 150 s
      expect(res.status).toBe(429);
      expect(res.body.error.code).toBe("activityLimitReached");
      // One write comes back every 5 s.
      expect(res.headers["retry-after"]).toBe("5");
      expect(res.headers["x-ms-throttle-scope"]).toMatch(new RegExp(`/${t.clientId}/${t.tenantId}$`));
      expect(res.headers["x-ms-throttle-information"]).toBe("WriteLimitExceeded");
      time += 4_000;
      const early = await t.graph("POST", "/v1.0/widgets", { displayName: "early" });
      expect(early.status).toBe(429);
      expect(early.headers["retry-after"]).toBe("1");
      time += 1_000;
      expect((await t.graph("POST", "/v1.0/widgets", { displayName: "on time" })).status).toBe(201);
    } finally {
      await t.close();
    }
  });
});
