/**
 * Budgets against the local tenant's `realistic` throttling (Microsoft's documented limits): 130
 * Intune configuration writes — more than the 100 per 20 s allowed per app — draw no 429 with the
 * client's budgets and dozens without them. The process runs on a fake `Date` (vitest), which the
 * tenant's throttler and the client's clock both read, and the client's waits move it forward, so
 * the 20 s windows pass without 20 s of real waiting.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestTenant, type TestTenant } from "../tenant-sim/testing.ts";
import { createGraphClient, type GraphClient } from "./client.ts";
import { fetchTransport, type FetchTransport } from "./transport/fetch-transport.ts";
import type { Clock } from "./types.ts";

/** Time is the fake `Date`; a sleep moves it forward (never back) instead of waiting. */
const jumpingClock: Clock = {
  now: () => Date.now(),
  async sleep(ms, signal) {
    const target = Date.now() + ms;
    await new Promise((r) => setImmediate(r));
    signal?.throwIfAborted();
    if (Date.now() < target) vi.setSystemTime(target);
  },
};

let t: TestTenant;
let token: string;
const transports: FetchTransport[] = [];
beforeAll(async () => {
  // Before the tenant starts, so its throttler reads the same clock.
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  t = await startTestTenant({ throttling: "realistic" });
  token = await t.tokenFor();
});
afterAll(async () => {
  for (const tr of transports) await tr.close();
  await t?.close();
  vi.useRealTimers();
});

function client(budgets: boolean): GraphClient {
  const transport = fetchTransport({ ca: t.caPem });
  transports.push(transport);
  return createGraphClient({
    baseUrl: t.baseUrl,
    transport,
    clock: jumpingClock,
    maxConcurrent: 8,
    tokenProvider: { getToken: async () => token },
    ...(budgets ? {} : { budgets: false }),
    retry: { retries: 12, baseDelayMs: 1000, maxDelayMs: 20_000 },
  });
}

const configuration = (displayName: string) => ({
  "@odata.type": "#microsoft.graph.windows10CustomConfiguration",
  displayName,
  omaSettings: [{ "@odata.type": "#microsoft.graph.omaSettingInteger", displayName: "x", omaUri: "./Device/Vendor/MSFT/Policy/Config/ApplicationManagement/AllowDeveloperUnlock", value: 0 }],
});

async function writeMany(graph: GraphClient, prefix: string, n: number): Promise<{ throttled: number; elapsedMs: number }> {
  await t.sim("DELETE", "/stats");
  const started = Date.now();
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      // Marked idempotent: this test is about pacing; a 429 from Intune is never ambiguous anyway.
      graph.request("POST", "/deviceManagement/deviceConfigurations", { body: configuration(`${prefix}-${i}`), idempotent: true }),
    ),
  );
  const stats = (await t.sim("GET", "/stats")).body as { throttled: number; byStatus: Record<string, number> };
  expect(stats.byStatus["201"]).toBe(n);
  return { throttled: stats.throttled, elapsedMs: Date.now() - started };
}

describe("budgets under realistic throttling", () => {
  it("130 Intune writes with the documented budget → no 429, paced over the 20 s window", async () => {
    const { throttled, elapsedMs } = await writeMany(client(true), "budgeted", 130);
    expect(throttled).toBe(0);
    expect(elapsedMs).toBeGreaterThanOrEqual(20_000);
    expect(elapsedMs).toBeLessThan(60_000);
  });

  it("the same writes without budgets → the tenant throttles them (and retries still converge)", async () => {
    vi.setSystemTime(Date.now() + 21_000); // a fresh window
    const { throttled } = await writeMany(client(false), "unbudgeted", 130);
    expect(throttled).toBeGreaterThan(10);
  });
});
