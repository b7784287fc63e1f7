/** Test-only: a client over a scripted transport on a virtual clock, with a counting token provider. */
import { createGraphClient, type GraphClient, type GraphClientOptions } from "../client.ts";
import type { TokenProvider } from "../types.ts";
import { scriptedTransport, type Script, type ScriptedTransport } from "./scripted-transport.ts";
import { createVirtualClock, type VirtualClock } from "./virtual-clock.ts";

export const GRAPH = "https://graph.microsoft.com";

export interface CountingTokens extends TokenProvider {
  readonly calls: { forceRefresh: boolean }[];
}

/** Hands out `token-1`, `token-2`, … — a new one on every forced refresh. */
export function countingTokens(): CountingTokens {
  const calls: { forceRefresh: boolean }[] = [];
  let n = 1;
  return {
    calls,
    async getToken({ forceRefresh }) {
      calls.push({ forceRefresh });
      if (forceRefresh) n++;
      return `token-${n}`;
    },
  };
}

export interface ScriptedClient {
  graph: GraphClient;
  transport: ScriptedTransport;
  clock: VirtualClock;
  tokens: CountingTokens;
}

export function scriptedClient(script: Script, opts: Partial<GraphClientOptions> = {}): ScriptedClient {
  const clock = createVirtualClock(0);
  const transport = scriptedTransport(script, { clock });
  const tokens = countingTokens();
  const graph = createGraphClient({ baseUrl: GRAPH, transport, clock, tokenProvider: tokens, retry: { random: () => 0, ...opts.retry }, ...opts });
  return { graph, transport, clock, tokens };
}
