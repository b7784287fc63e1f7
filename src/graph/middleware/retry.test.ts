import { describe, expect, it } from "vitest";
import { GraphRequestError } from "../errors.ts";
import { scriptedClient } from "../testing/fixtures.ts";

const CONFIGS = "/deviceManagement/deviceConfigurations";
const ok = { status: 200, body: { id: "1" } };

describe("retry", () => {
  it("429 with Retry-After: 2 → the second attempt is sent 2 s later with the same client-request-id", async () => {
    const { graph, transport } = scriptedClient([{ status: 429, headers: { "Retry-After": "2" } }, ok]);
    const res = await graph.request("GET", "/groups");
    expect(res.status).toBe(200);
    expect(transport.log.map((l) => l.at)).toEqual([0, 2000]);
    expect(transport.log[0]!.headers["client-request-id"]).toBe(transport.log[1]!.headers["client-request-id"]);
  });

  it("429 with Retry-After as an HTTP date → waits until that date", async () => {
    const { graph, transport } = scriptedClient([{ status: 429, headers: { "Retry-After": new Date(7000).toUTCString() } }, ok]);
    await graph.request("GET", "/groups");
    expect(transport.log.map((l) => l.at)).toEqual([0, 7000]);
  });

  it("Intune 429s without Retry-After → exponential backoff with jitter, capped", async () => {
    const throttled = { status: 429, body: { error: { code: "TooManyRequests", message: "{}" } } };
    const { graph, transport } = scriptedClient([throttled, throttled, throttled, throttled, ok], { retry: { random: () => 1, maxDelayMs: 5000 } });
    await graph.request("GET", CONFIGS);
    const gaps = transport.log.slice(1).map((l, i) => l.at - transport.log[i]!.at);
    expect(gaps).toEqual([1000, 2000, 4000, 5000]);
  });

  it("503 on a GET → retried; 400 → not retried", async () => {
    const a = scriptedClient([{ status: 503 }, ok]);
    expect((await a.graph.request("GET", "/groups")).status).toBe(200);
    const b = scriptedClient([{ status: 400, body: { error: { code: "Request_BadRequest", message: "no" } } }, ok]);
    await expect(b.graph.request("GET", "/groups")).rejects.toMatchObject({ status: 400, code: "Request_BadRequest" });
    expect(b.transport.log).toHaveLength(1);
  });

  it("a POST whose response was lost, without an idempotency check → not sent again, failed at once", async () => {
    const { graph, transport, clock } = scriptedClient([{ network: "NetworkError" }, ok]);
    await expect(graph.request("POST", CONFIGS, { body: { displayName: "x" } })).rejects.toMatchObject({ status: 0, code: "NetworkError" });
    expect(transport.log).toHaveLength(1);
    expect(clock.now()).toBe(0);
  });

  it("a POST answered 503, whose check finds the write applied → recovered, not sent again", async () => {
    const checks: number[] = [];
    const { graph, transport } = scriptedClient([
      { status: 503 },
      { status: 200, body: { value: [{ id: "made", displayName: "x" }] } }, // the check's lookup
    ]);
    const res = await graph.request("POST", CONFIGS, {
      body: { displayName: "x" },
      alreadyApplied: async ({ error, lookup }) => {
        checks.push(error.status);
        const found = await lookup<{ value: { id: string }[] }>("GET", CONFIGS, { query: { $filter: "displayName eq 'x'" } });
        return found.body.value.length ? { applied: true, body: found.body.value[0] } : { applied: false };
      },
    });
    expect(res).toMatchObject({ recovered: true, body: { id: "made" } });
    expect(checks).toEqual([503]);
    expect(transport.log.map((l) => l.method)).toEqual(["POST", "GET"]);
  });

  it("a POST whose response was lost, whose check finds nothing → sent again", async () => {
    const { graph, transport } = scriptedClient([{ network: "NetworkError" }, { status: 201, body: { id: "made" } }]);
    const res = await graph.request("POST", CONFIGS, { body: { displayName: "x" }, alreadyApplied: async () => ({ applied: false }) });
    expect(res.status).toBe(201);
    expect(transport.log.map((l) => l.method)).toEqual(["POST", "POST"]);
  });

  it("a direct 429 on a POST → retried without a check (throttled before execution)", async () => {
    const { graph, transport } = scriptedClient([{ status: 429, headers: { "retry-after": "1" } }, { status: 201, body: { id: "1" } }]);
    expect((await graph.request("POST", "/groups", { body: {} })).status).toBe(201);
    expect(transport.log).toHaveLength(2);
  });

  it("an upsert PATCH (Prefer: create-if-missing) answered 504 without a check → not sent again", async () => {
    const { graph, transport } = scriptedClient([{ status: 504 }, ok]);
    await expect(
      graph.request("PATCH", "/groups(uniqueName='x')", { body: {}, headers: { Prefer: "create-if-missing" } }),
    ).rejects.toMatchObject({ status: 504 });
    expect(transport.log).toHaveLength(1);
  });

  it("retries exhausted → the last error; per request { retries: 0 } → one attempt", async () => {
    const a = scriptedClient(Array.from({ length: 4 }, () => ({ status: 503 })), { retry: { retries: 2 } });
    await expect(a.graph.request("GET", "/groups")).rejects.toBeInstanceOf(GraphRequestError);
    expect(a.transport.log).toHaveLength(3);
    const b = scriptedClient([{ status: 503 }, ok]);
    await expect(b.graph.request("GET", "/groups", { retry: { retries: 0 } })).rejects.toMatchObject({ status: 503 });
    expect(b.transport.log).toHaveLength(1);
  });

  it("onThrottled returns false → gives up on the first 429", async () => {
    const seen: number[] = [];
    const { graph, transport } = scriptedClient([{ status: 429, headers: { "retry-after": "30" } }, ok], {
      retry: { onThrottled: (i) => (seen.push(i.retryAfterMs), false) },
    });
    await expect(graph.request("GET", "/groups")).rejects.toMatchObject({ status: 429 });
    expect(seen).toEqual([30_000]);
    expect(transport.log).toHaveLength(1);
  });
});
