/** Fault injection over real HTTPS: injected statuses with Graph bodies, resets, lost responses whose writes are committed, seeding and latency. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fixturePermissions, fixtureRoutes, WIDGETS } from "../fixture-routes.ts";
import { startTestTenant, type TestTenant } from "../testing.ts";
import { createFaultInjector, faultConfigSchema } from "./faults.ts";

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant({ tenant: { routes: fixtureRoutes, permissions: fixturePermissions } });
  await t.tokenFor(); // warm up before faults hit anything
  await t.graph("GET", "/v1.0/widgets");
});
afterAll(async () => {
  await t?.close();
});
afterEach(async () => {
  await t.sim("DELETE", "/faults");
});

const widgetCount = () => t.tenant.store.list(WIDGETS).length;

describe("faults", () => {
  it("rejects an invalid configuration with 400", async () => {
    expect((await t.sim("POST", "/faults", { rates: { "429": 2 } })).status).toBe(400);
    expect((await t.sim("POST", "/faults", { rates: { "418": 0.5 } })).status).toBe(400);
  });

  it.each([
    ["429", "activityLimitReached", true],
    ["503", "serviceNotAvailable", true],
    ["504", "UnknownError", false],
  ])("injects %s with Graph's error body (Retry-After: %s)", async (status, code, retryAfter) => {
    await t.sim("POST", "/faults", { rates: { [status]: 1 }, retryAfterSeconds: 3 });
    const res = await t.graph("GET", "/v1.0/widgets");
    expect(res.status).toBe(Number(status));
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.innerError["request-id"]).toBe(res.headers["request-id"]);
    expect(res.headers["retry-after"]).toBe(retryAfter ? "3" : undefined);
    // Never on /_sim, and not on the token endpoint unless asked.
    expect((await t.sim("GET", "/stats")).status).toBe(200);
    await expect(t.tokenFor()).resolves.toMatch(/^ey/);
  });

  it("hits the token endpoint only when asked", async () => {
    await t.sim("POST", "/faults", { rates: { "503": 1 }, tokenEndpoint: true });
    await expect(t.tokenFor()).rejects.toThrow(/503/);
  });

  it("resets the connection without applying the write", async () => {
    const before = widgetCount();
    await t.sim("POST", "/faults", { rates: { reset: 1 } });
    await expect(t.graph("POST", "/v1.0/widgets", { displayName: "reset" })).rejects.toThrow();
    await t.sim("DELETE", "/faults");
    expect(widgetCount()).toBe(before);
  });

  it("drops the response of a write after committing it (lostResponse)", async () => {
    const before = widgetCount();
    await t.sim("POST", "/faults", { rates: { lostResponse: 1 } });
    await expect(t.graph("POST", "/v1.0/widgets", { displayName: "lost but created" })).rejects.toThrow();
    // Reads are not affected by lostResponse.
    const read = await t.graph("GET", "/v1.0/widgets?$filter=displayName eq 'lost but created'");
    expect(read.status).toBe(200);
    expect(read.body.value).toHaveLength(1);
    expect(widgetCount()).toBe(before + 1);
    const stats = (await t.sim("GET", "/stats")).body;
    expect(stats.faults.lostResponse).toBeGreaterThanOrEqual(1);
  });

  it("adds latency", async () => {
    await t.sim("POST", "/faults", { latencyMs: 150 });
    const start = performance.now();
    expect((await t.graph("GET", "/v1.0/widgets")).status).toBe(200);
    expect(performance.now() - start).toBeGreaterThanOrEqual(140);
  });

  it("repeats the same schedule for the same seed", async () => {
    const run = async () => {
      await t.sim("POST", "/faults", { rates: { "429": 0.5 }, seed: 42 });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await t.graph("GET", "/v1.0/widgets?$top=1")).status);
      return statuses;
    };
    const a = await run();
    const b = await run();
    expect(a).toEqual(b);
    expect(a).toContain(429);
    expect(a).toContain(200);
  });
});

describe("createFaultInjector", () => {
  it("draws lostResponse only for writes and nothing when cleared", () => {
    const f = createFaultInjector();
    f.configure(faultConfigSchema.parse({ rates: { lostResponse: 1 } }));
    expect(f.draw({ write: false }).kind).toBe("none");
    expect(f.draw({ write: true }).kind).toBe("lostResponse");
    f.clear();
    expect(f.draw({ write: true }).kind).toBe("none");
  });
});
