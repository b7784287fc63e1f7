/**
 * The load of the console benchmark, run as its own process so the server's event loop is not shared with
 * the client's: keeps `concurrency` requests in flight over keep-alive connections to loopback, cycling
 * through the paths given, and prints one JSON line — client-side latency and the server's own time (its
 * `Server-Timing: app;dur=…` header) per request, as percentiles. Input: one JSON argument
 * `{ origin, paths, headers, concurrency, requests, warmup }`.
 */
import { Pool } from "undici";

interface LoadSpec {
  origin: string;
  paths: string[];
  headers: Record<string, string>;
  concurrency: number;
  requests: number;
  warmup: number;
}

const spec = JSON.parse(process.argv[2] ?? "{}") as LoadSpec;
const pool = new Pool(spec.origin, { connections: spec.concurrency, pipelining: 1 });

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

async function one(path: string): Promise<{ clientMs: number; serverMs: number; status: number; bytes: number }> {
  const start = performance.now();
  const res = await pool.request({ method: "GET", path, headers: spec.headers });
  const body = await res.body.arrayBuffer();
  const clientMs = performance.now() - start;
  const timing = String(res.headers["server-timing"] ?? "");
  const serverMs = Number(/app;dur=([\d.]+)/.exec(timing)?.[1] ?? NaN);
  return { clientMs, serverMs, status: res.statusCode, bytes: body.byteLength };
}

async function run(total: number): Promise<Awaited<ReturnType<typeof one>>[]> {
  const out: Awaited<ReturnType<typeof one>>[] = [];
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      out.push(await one(spec.paths[i % spec.paths.length]!));
    }
  };
  await Promise.all(Array.from({ length: spec.concurrency }, worker));
  return out;
}

await run(spec.warmup);
const started = performance.now();
const results = await run(spec.requests);
const wallMs = performance.now() - started;
await pool.close();
const client = results.map((r) => r.clientMs);
const server = results.map((r) => r.serverMs).filter((x) => !Number.isNaN(x));
process.stdout.write(
  JSON.stringify({
    requests: results.length,
    non200: results.filter((r) => r.status !== 200).length,
    bytesAvg: Math.round(results.reduce((a, r) => a + r.bytes, 0) / results.length),
    perSecond: Math.round((results.length / wallMs) * 1000),
    client: { p50: percentile(client, 50), p99: percentile(client, 99) },
    server: server.length ? { p50: percentile(server, 50), p99: percentile(server, 99), measured: server.length } : null,
  }) + "\n",
);
