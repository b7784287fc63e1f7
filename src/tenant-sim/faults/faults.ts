/**
 * Fault injection (`POST /_sim/faults`): added latency and seeded random 429/503/504 answers,
 * connection resets, and lost responses (the write is committed, then the connection is dropped —
 * the case that makes blind POST retries create duplicates, graph-facts §9.9). Faults hit Graph
 * routes, the token endpoint only when `tokenEndpoint` is set, and never `/_sim/…`.
 */
import { z } from "zod";
import { seededRandom, type Random } from "./prng.ts";

const rate = z.number().min(0).max(1);

export const faultConfigSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(60_000).default(0),
    rates: z
      .object({ "429": rate, "503": rate, "504": rate, reset: rate, lostResponse: rate })
      .partial()
      .strict()
      .default({}),
    seed: z.number().int().default(1),
    /** Also inject into `POST /{tenant}/oauth2/v2.0/token`. */
    tokenEndpoint: z.boolean().default(false),
    /** `Retry-After` seconds on injected 429 and 503 answers. */
    retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
  })
  .strict();

export type FaultConfig = z.infer<typeof faultConfigSchema>;

export type FaultKind = "429" | "503" | "504" | "reset" | "lostResponse";

export interface FaultInjector {
  configure(config: FaultConfig): void;
  clear(): void;
  current(): FaultConfig | undefined;
  /**
   * Draws the fault for one request. `lostResponse` only applies to writes; `only429` is for
   * `$batch` sub-requests, which can be throttled individually but share the batch's connection.
   */
  draw(opts: { write: boolean; tokenEndpoint?: boolean; only429?: boolean }): { kind: FaultKind | "none"; latencyMs: number };
}

export function createFaultInjector(): FaultInjector {
  let config: FaultConfig | undefined;
  let random: Random = Math.random;
  return {
    configure(c) {
      config = c;
      random = seededRandom(c.seed);
    },
    clear() {
      config = undefined;
    },
    current: () => config,
    draw({ write, tokenEndpoint = false, only429 = false }) {
      if (!config || (tokenEndpoint && !config.tokenEndpoint)) return { kind: "none", latencyMs: 0 };
      const r = random();
      const order: FaultKind[] = only429 ? ["429"] : ["429", "503", "504", "reset", "lostResponse"];
      let acc = 0;
      for (const kind of order) {
        if (kind === "lostResponse" && (!write || tokenEndpoint)) continue;
        acc += config.rates[kind] ?? 0;
        if (r < acc) return { kind, latencyMs: only429 ? 0 : config.latencyMs };
      }
      return { kind: "none", latencyMs: only429 ? 0 : config.latencyMs };
    },
  };
}
