/** The batching port against the local tenant: what is asked together travels in `$batch`, each caller gets its own answer or error. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createGraphClient } from "../graph/client.ts";
import { GraphRequestError } from "../graph/errors.ts";
import { fetchTransport } from "../graph/transport/fetch-transport.ts";
import { startTestTenant, type TestTenant } from "../tenant-sim/testing.ts";
import type { GraphPort } from "../resources/types.ts";
import { batchingGraph } from "./batching-graph.ts";

let t: TestTenant;
let port: GraphPort;
let closeTransport: () => Promise<void>;
beforeAll(async () => {
  t = await startTestTenant();
  const transport = fetchTransport({ ca: t.caPem });
  closeTransport = () => transport.close();
  const graph = createGraphClient({ baseUrl: t.baseUrl, transport, tokenProvider: { getToken: () => t.tokenFor() }, retry: { baseDelayMs: 5, maxDelayMs: 50 } });
  port = batchingGraph(graph);
});
afterAll(async () => {
  await closeTransport?.();
  await t?.close();
});
beforeEach(async () => {
  await t.sim("DELETE", "/stats");
});

const stats = async () => {
  const s = (await t.sim("GET", "/stats")).body;
  return { batchCalls: s.byRoute["v1.0 POST /$batch"] ?? 0, inBatches: s.inBatches as number, requests: s.requests as number };
};

describe("batchingGraph", () => {
  it("three requests asked at once → one $batch call, each caller with its own answer", async () => {
    const [org, domains, skus] = await Promise.all([
      port.request<{ value: { id: string }[] }>("GET", "/organization", { query: { $select: "id" } }),
      port.request<{ value: { id: string }[] }>("GET", "/domains"),
      port.collect<{ skuPartNumber: string }>("/subscribedSkus"),
    ]);
    expect(org.body.value[0]!.id).toBe(t.tenantId);
    expect(domains.body.value.length).toBeGreaterThan(0);
    expect(skus.length).toBeGreaterThan(0);
    expect(await stats()).toEqual({ batchCalls: 1, inBatches: 3, requests: 4 });
  });

  it("a request alone → sent as itself, no $batch", async () => {
    const res = await port.request<{ value: unknown[] }>("GET", "/domains");
    expect(res.status).toBe(200);
    expect(await stats()).toEqual({ batchCalls: 0, inBatches: 0, requests: 1 });
  });

  it("a sub-request that fails → its caller gets Graph's status and code, the others their answers", async () => {
    const [missing, found] = await Promise.allSettled([port.request("GET", "/users/{id}", { params: { id: "00000000-0000-0000-0000-000000000001" } }), port.request("GET", "/domains")]);
    expect(missing.status).toBe("rejected");
    const err = (missing as PromiseRejectedResult).reason as GraphRequestError;
    expect(err).toBeInstanceOf(GraphRequestError);
    expect({ status: err.status, code: err.code }).toEqual({ status: 404, code: "Request_ResourceNotFound" });
    expect(found.status).toBe("fulfilled");
    expect((await stats()).batchCalls).toBe(1);
  });

  it("45 requests and two small batch() calls at once → $batch calls of at most 20, every answer back in place", async () => {
    const names = Array.from({ length: 45 }, (_, i) => `batching-${i}`);
    const created = await Promise.all(
      names.map((n) =>
        port.request<{ id: string; displayName: string }>("POST", "/groups", {
          body: { displayName: n, mailEnabled: false, securityEnabled: true, mailNickname: n },
          idempotent: true,
        }),
      ),
    );
    expect(created.map((c) => c.body.displayName)).toEqual(names);
    const [a, b] = await Promise.all([
      port.batch([{ id: "x", method: "GET", url: `/groups/${created[0]!.body.id}?$select=displayName` }]),
      port.batch([{ id: "y", method: "GET", url: `/groups/${created[1]!.body.id}?$select=displayName` }]),
    ]);
    expect([a[0]!.id, (a[0]!.body as { displayName: string }).displayName, b[0]!.id, (b[0]!.body as { displayName: string }).displayName]).toEqual(["x", "batching-0", "y", "batching-1"]);
    // 45 creates in 3 calls (20 + 20 + 5), then the two batch() calls shared one.
    expect(await stats()).toEqual({ batchCalls: 4, inBatches: 47, requests: 51 });
  });
});
