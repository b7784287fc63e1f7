import { describe, expect, it } from "vitest";
import { planChunks, subRequestUrl, type BatchRequestItem } from "./batch.ts";
import type { GraphRequest } from "./types.ts";
import { GRAPH, scriptedClient } from "./testing/fixtures.ts";
import type { ScriptedAnswer } from "./testing/scripted-transport.ts";

interface SubRequest {
  id: string;
  method: string;
  url: string;
  dependsOn?: string[];
  body?: unknown;
  headers?: Record<string, string>;
}

/** A `$batch` endpoint: answers each sub-request with `answer`, in reverse order (Graph may reorder). */
function batchServer(answer: (sub: SubRequest, call: number) => { status: number; headers?: Record<string, string>; body?: unknown }) {
  const calls: SubRequest[][] = [];
  const handler = (req: GraphRequest): ScriptedAnswer => {
    const subs = (req.body as { requests: SubRequest[] }).requests;
    calls.push(subs);
    const responses = subs.map((s) => ({ id: s.id, headers: {}, ...answer(s, calls.length) })).reverse();
    return { status: 200, body: { responses } };
  };
  return { calls, handler };
}

const get = (i: number): BatchRequestItem => ({ id: `r${i}`, method: "GET", url: `/groups/g${i}` });

describe("batch", () => {
  it("45 requests → 20 + 20 + 5 per $batch, results matched back by id in input order", async () => {
    const server = batchServer((s) => ({ status: 200, body: { id: s.url.split("/").pop() } }));
    const { graph, transport } = scriptedClient(server.handler);
    const results = await graph.batch(Array.from({ length: 45 }, (_, i) => get(i)));
    expect(server.calls.map((c) => c.length).sort((a, b) => b - a)).toEqual([20, 20, 5]);
    expect(results.map((r) => (r.body as { id: string }).id)).toEqual(Array.from({ length: 45 }, (_, i) => `g${i}`));
    expect(transport.log.every((l) => l.url === `${GRAPH}/v1.0/$batch` && l.method === "POST")).toBe(true);
  });

  it("sub-request bodies get Content-Type; URLs are relative without the version", async () => {
    const server = batchServer(() => ({ status: 204 }));
    const { graph } = scriptedClient(server.handler);
    await graph.batch([{ method: "PATCH", url: `${GRAPH}/v1.0/groups/g1`, body: { description: "d" } }]);
    expect(server.calls[0]![0]).toMatchObject({ url: "/groups/g1", headers: { "Content-Type": "application/json" }, body: { description: "d" } });
  });

  it("a dependsOn chain across the 20 boundary → kept in one $batch", async () => {
    const server = batchServer(() => ({ status: 200, body: {} }));
    const { graph } = scriptedClient(server.handler);
    const items = Array.from({ length: 19 }, (_, i) => get(i));
    items.push({ id: "a", method: "POST", url: "/groups", body: {}, idempotent: true });
    items.push({ id: "b", method: "POST", url: "/groups/x/members/$ref", body: {}, dependsOn: ["a"], idempotent: true });
    const results = await graph.batch(items);
    expect(results.every((r) => r.ok)).toBe(true);
    const withB = server.calls.find((c) => c.some((s) => s.id === "b"))!;
    expect(withB.some((s) => s.id === "a")).toBe(true);
    expect(withB.find((s) => s.id === "b")!.dependsOn).toEqual(["a"]);
  });

  it("a chain longer than 20 → its first 20 links now, the rest once they succeeded", async () => {
    const server = batchServer(() => ({ status: 200, body: {} }));
    const { graph } = scriptedClient(server.handler);
    const chain = Array.from({ length: 25 }, (_, i): BatchRequestItem => ({ id: `c${i}`, method: "GET", url: `/groups/${i}`, ...(i ? { dependsOn: [`c${i - 1}`] } : {}) }));
    const results = await graph.batch(chain);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(server.calls.map((c) => c.length)).toEqual([20, 5]);
    expect(server.calls[1]![0]!.dependsOn).toBeUndefined(); // c20's dependency already succeeded
  });

  it("a sub-request 429 with Retry-After → re-queued after that delay; the rest is not resent", async () => {
    const server = batchServer((s, call) => (s.id === "r1" && call === 1 ? { status: 429, headers: { "Retry-After": "3" } } : { status: 200, body: {} }));
    const { graph, transport } = scriptedClient(server.handler);
    const results = await graph.batch([get(0), get(1), get(2)]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    expect(results[1]!.attempts).toBe(2);
    expect(server.calls[1]!.map((s) => s.id)).toEqual(["r1"]);
    expect(transport.log[1]!.at - transport.log[0]!.at).toBeGreaterThanOrEqual(3000);
  });

  it("a POST answered 429 inside a batch, without a check → failed, never sent twice", async () => {
    const server = batchServer(() => ({ status: 429, headers: { "Retry-After": "1" } }));
    const { graph } = scriptedClient(server.handler);
    const [result] = await graph.batch([{ method: "POST", url: "/deviceManagement/deviceConfigurations", body: { displayName: "p" } }]);
    expect(result).toMatchObject({ ok: false, status: 429, attempts: 1 });
    expect(server.calls).toHaveLength(1);
  });

  it("a POST answered 503 inside a batch whose check finds it applied → recovered, not resent", async () => {
    const server = batchServer(() => ({ status: 503 }));
    const { graph } = scriptedClient(server.handler);
    const [result] = await graph.batch([
      { method: "POST", url: "/deviceManagement/deviceConfigurations", body: {}, alreadyApplied: async () => ({ applied: true, body: { id: "found" } }) },
    ]);
    expect(result).toMatchObject({ ok: true, recovered: true, body: { id: "found" } });
    expect(server.calls).toHaveLength(1);
  });

  it("a POST answered 429 whose check finds nothing → resent", async () => {
    const server = batchServer((_, call) => (call === 1 ? { status: 429, headers: { "Retry-After": "1" } } : { status: 201, body: { id: "new" } }));
    const { graph } = scriptedClient(server.handler);
    const checked: number[] = [];
    const [result] = await graph.batch([
      { method: "POST", url: "/groups", body: {}, alreadyApplied: async ({ error }) => (checked.push(error.status), { applied: false }) },
    ]);
    expect(result).toMatchObject({ ok: true, status: 201, attempts: 2 });
    expect(checked).toEqual([429]);
  });

  it("a dependency throttled and its dependant answered 424 → both re-queued together", async () => {
    const server = batchServer((s, call) => {
      if (call === 1 && s.id === "a") return { status: 429, headers: { "Retry-After": "1" } };
      if (call === 1 && s.id === "b") return { status: 424 };
      return { status: 200, body: {} };
    });
    const { graph } = scriptedClient(server.handler);
    const results = await graph.batch([
      { id: "a", method: "GET", url: "/groups/a" },
      { id: "b", method: "GET", url: "/groups/b", dependsOn: ["a"] },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(server.calls[1]!.map((s) => s.id)).toEqual(["a", "b"]);
  });

  it("a 400 → final failure, and its dependant fails with 424 without being sent again", async () => {
    const server = batchServer((s) => (s.id === "a" ? { status: 400, body: { error: { code: "Request_BadRequest", message: "bad" } } } : { status: 424 }));
    const { graph } = scriptedClient(server.handler);
    const results = await graph.batch([
      { id: "a", method: "PATCH", url: "/groups/a", body: {} },
      { id: "b", method: "GET", url: "/groups/b", dependsOn: ["a"] },
    ]);
    expect(results[0]).toMatchObject({ ok: false, status: 400, error: { code: "Request_BadRequest" } });
    expect(results[1]).toMatchObject({ ok: false, status: 424 });
    expect(server.calls).toHaveLength(1);
  });

  it("the outer $batch lost → idempotent sub-requests resent, a POST only after its check", async () => {
    let outer = 0;
    const { graph } = scriptedClient((req) => {
      outer++;
      if (outer === 1) return { network: "NetworkError" };
      const subs = (req.body as { requests: SubRequest[] }).requests;
      return { status: 200, body: { responses: subs.map((s) => ({ id: s.id, status: 200, body: {} })) } };
    });
    const results = await graph.batch([get(1), { method: "POST", url: "/groups", body: {}, alreadyApplied: async () => ({ applied: true, body: { id: "g" } }) }]);
    expect(results[0]).toMatchObject({ ok: true, attempts: 2 });
    expect(results[1]).toMatchObject({ ok: true, recovered: true, attempts: 1 });
  });

  it("duplicate ids or a dependency cycle → refused before anything is sent", async () => {
    const { graph, transport } = scriptedClient([]);
    await expect(graph.batch([get(1), { ...get(2), id: "R1" }])).rejects.toThrow(/not unique/);
    await expect(
      graph.batch([
        { id: "a", method: "GET", url: "/a", dependsOn: ["b"] },
        { id: "b", method: "GET", url: "/b", dependsOn: ["a"] },
      ]),
    ).rejects.toThrow(/cycle/);
    expect(transport.log).toHaveLength(0);
  });

  it("Intune writes in batches → each sub-request admitted against the write budget", async () => {
    const server = batchServer(() => ({ status: 201, body: {} }));
    const { graph, transport } = scriptedClient(server.handler);
    const items = Array.from({ length: 150 }, (): BatchRequestItem => ({ method: "POST", url: "/deviceManagement/deviceConfigurations", body: {}, idempotent: true }));
    await graph.batch(items);
    const times = transport.log.map((l) => l.at);
    // 100 writes per 20 s: the sixth batch of 20 cannot go before the first answers are 20 s old.
    expect(times.filter((t) => t < 20_000)).toHaveLength(5);
    expect(Math.max(...times)).toBeGreaterThanOrEqual(20_000);
  });
});

describe("planChunks / subRequestUrl", () => {
  it("independent groups fill chunks up to the limit", () => {
    const p = (key: string, deps: string[] = [], index = 0) => ({ index, id: key, key, item: get(0), deps: new Set(deps), attempts: 0, notBefore: 0 });
    const chunks = planChunks([p("a"), p("b", ["a"], 1), p("c", [], 2), p("d", [], 3)], 3);
    expect(chunks.map((c) => c.map((x) => x.key))).toEqual([["a", "b", "c"], ["d"]]);
  });
  it("version and origin are stripped; a foreign origin is refused", () => {
    expect(subRequestUrl(`${GRAPH}/beta/users?$top=1`, GRAPH)).toBe("/users?$top=1");
    expect(subRequestUrl("users/x", GRAPH)).toBe("/users/x");
    expect(() => subRequestUrl("https://evil.example/v1.0/users", GRAPH)).toThrow(/not on/);
  });
});
