/**
 * Request statistics served at `GET /_sim/stats`: counts by method, by route pattern and by status,
 * plus writes, throttled answers and injected faults. Tests and the benchmark read them to prove
 * what the tenant did (e.g. that a retried POST really reached it twice).
 */

export interface StatsSnapshot {
  requests: number;
  byMethod: Record<string, number>;
  /** Key: `<version> <METHOD> <pattern>`, e.g. `v1.0 GET /users/{id}`. */
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
  /** Of `requests`, how many came as sub-requests of a `$batch` (the `$batch` call itself counts once more). */
  inBatches: number;
  writes: number;
  throttled: number;
  faults: Record<string, number>;
  tokens: number;
  /** The server's state now (open connections, request-body bytes held, process memory), when the server gives it. */
  server?: ServerGauges;
}

export interface ServerGauges {
  connections: number;
  bufferedBodyBytes: number;
  memory: NodeJS.MemoryUsage;
}

export interface StatsRecorder {
  request(method: string, routeKey: string, status: number, write: boolean, inBatch?: boolean): void;
  throttled(): void;
  fault(kind: string): void;
  token(): void;
  snapshot(): StatsSnapshot;
  reset(): void;
}

const bump = (rec: Record<string, number>, key: string) => (rec[key] = (rec[key] ?? 0) + 1);

export function createStatsRecorder(gauges?: () => ServerGauges): StatsRecorder {
  let s: StatsSnapshot;
  const reset = () => {
    s = { requests: 0, byMethod: {}, byRoute: {}, byStatus: {}, inBatches: 0, writes: 0, throttled: 0, faults: {}, tokens: 0 };
  };
  reset();
  return {
    request(method, routeKey, status, write, inBatch = false) {
      s.requests++;
      if (inBatch) s.inBatches++;
      bump(s.byMethod, method);
      bump(s.byRoute, routeKey);
      bump(s.byStatus, String(status));
      if (write) s.writes++;
    },
    throttled: () => void s.throttled++,
    fault: (kind) => void bump(s.faults, kind),
    token: () => void s.tokens++,
    snapshot: () => ({ ...structuredClone(s), ...(gauges ? { server: gauges() } : {}) }),
    reset,
  };
}
