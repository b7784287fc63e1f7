import { describe, expect, it } from "vitest";
import type { Budgets } from "../budgets.ts";
import { scriptedClient } from "../testing/fixtures.ts";

const CONFIGS = "/deviceManagement/deviceConfigurations";

describe("throttle", () => {
  it("maxConcurrent 2 → never more than two requests in flight, retries included", async () => {
    let inFlight = 0;
    let peak = 0;
    const { graph } = scriptedClient(
      async (_req, i) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 2));
        inFlight--;
        return i % 3 === 0 ? { status: 503 } : { status: 200, body: {} };
      },
      { maxConcurrent: 2 },
    );
    await Promise.all(Array.from({ length: 8 }, () => graph.request("GET", "/groups")));
    expect(peak).toBe(2);
  });

  it("a 429 on one request → the others wait out the same pause", async () => {
    const { graph, transport } = scriptedClient(
      (req) => (req.url.endsWith("/a") && !transport.log.some((l) => l.url.endsWith("/a")) ? { status: 429, headers: { "retry-after": "5" } } : { status: 200, body: {} }),
      { maxConcurrent: 4 },
    );
    await graph.request("GET", "/groups/a");
    await graph.request("GET", "/groups/b");
    const b = transport.log.find((l) => l.url.endsWith("/b"))!;
    expect(b.at).toBeGreaterThanOrEqual(5000);
  });

  it("Intune writes over the budget → spaced by the sliding window instead of drawing 429s", async () => {
    const budgets: Budgets = {
      "intune-configuration": { writes: { kind: "window", capacity: 10, windowMs: 20_000 }, all: { kind: "window", capacity: 100, windowMs: 20_000 } },
      "intune-enrollment": { writes: { kind: "window", capacity: 10, windowMs: 20_000 }, all: { kind: "window", capacity: 100, windowMs: 20_000 } },
      "intune-devices": { writes: { kind: "window", capacity: 10, windowMs: 20_000 }, all: { kind: "window", capacity: 100, windowMs: 20_000 } },
      directory: { writes: { kind: "bucket", capacity: 10, windowMs: 20_000 }, all: { kind: "bucket", capacity: 100, windowMs: 20_000 } },
    };
    const { graph, transport } = scriptedClient(() => ({ status: 201, body: {} }), { budgets, maxConcurrent: 4 });
    await Promise.all(Array.from({ length: 25 }, (_, i) => graph.request("POST", CONFIGS, { body: { i }, idempotent: true })));
    const times = transport.log.map((l) => l.at).sort((a, b) => a - b);
    // No 20 s window ever holds more than 10 writes.
    for (let i = 10; i < times.length; i++) expect(times[i]! - times[i - 10]!).toBeGreaterThan(20_000);
    expect(times[times.length - 1]).toBeLessThan(45_000);
  });
});
