/**
 * Local tenant throughput on loopback HTTPS: requests/second and p50/p99 latency for Graph GETs
 * (`GET /v1.0/organization`) and writes (`POST /v1.0/groups`), each next to a bare `node:https`
 * hello-world server with the same certificate, measured in the same run and reported as a ratio.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { Agent, fetch as undiciFetch } from "undici";
import { startTestTenant } from "../src/tenant-sim/testing.ts";
import type { Benchmark } from "./index.ts";

interface Measurement {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  failures: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Sends `total` requests with `concurrency` in flight; `send` resolves true on the expected status. */
async function measure(total: number, concurrency: number, send: (i: number) => Promise<boolean>): Promise<Measurement> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        if (!(await send(i))) failures++;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests: total, perSecond: total / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failures };
}

const fmt = (m: Measurement) =>
  `${m.perSecond.toFixed(0).padStart(6)} req/s   p50 ${m.p50.toFixed(2).padStart(6)} ms   p99 ${m.p99.toFixed(2).padStart(7)} ms   (${m.requests} requests${m.failures ? `, ${m.failures} FAILED` : ""})`;

export const localTenantBenchmark: Benchmark = {
  name: "local tenant (loopback HTTPS)",
  async run() {
    const dir = mkdtempSync(join(tmpdir(), "holofleet-bench-"));
    const t = await startTestTenant({ dir });
    // Baseline: the same TLS certificate, no application work.
    const hello = createServer(
      { key: readFileSync(join(dir, "server-key.pem")), cert: readFileSync(join(dir, "server.pem")), keepAlive: true },
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"hello":"world"}');
      },
    );
    await new Promise<void>((r) => hello.listen(0, "127.0.0.1", r));
    const helloUrl = `https://127.0.0.1:${(hello.address() as AddressInfo).port}/`;
    const dispatcher = new Agent({ connect: { ca: t.caPem }, connections: 32 });
    const token = await t.tokenFor();
    const auth = { authorization: `Bearer ${token}` };
    const get = async (url: string, headers: Record<string, string> = {}) => {
      const r = await undiciFetch(url, { dispatcher, headers });
      await r.arrayBuffer();
      return r.status === 200;
    };
    try {
      // Warm-up: TLS sessions, JIT.
      await measure(200, 16, () => get(helloUrl));
      await measure(200, 16, () => get(`${t.baseUrl}/v1.0/organization`, auth));

      const baseline = await measure(3000, 16, () => get(helloUrl));
      const reads = await measure(3000, 16, () => get(`${t.baseUrl}/v1.0/organization`, auth));
      const writes = await measure(600, 8, async (i) => {
        const r = await undiciFetch(`${t.baseUrl}/v1.0/groups`, {
          method: "POST",
          dispatcher,
          headers: { ...auth, "content-type": "application/json" },
          body: JSON.stringify({ displayName: `bench ${i}`, mailEnabled: false, mailNickname: `bench${i}`, securityEnabled: true }),
        });
        await r.arrayBuffer();
        return r.status === 201;
      });
      return [
        `baseline  node:https hello world   ${fmt(baseline)}`,
        `GET       /v1.0/organization        ${fmt(reads)}   ${(reads.perSecond / baseline.perSecond).toFixed(2)}× baseline`,
        `POST      /v1.0/groups              ${fmt(writes)}   ${(writes.perSecond / baseline.perSecond).toFixed(2)}× baseline`,
      ];
    } finally {
      await new Promise<void>((r) => {
        hello.close(() => r());
        hello.closeAllConnections();
      });
      await dispatcher.close();
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
