/**
 * A session with the tenant an operation targets: the target resolved from flags, environment and
 * `tenant.json` (src/auth/target.ts), a token provider for its credential, and one Graph client
 * (one limiter: Graph throttles per app per tenant). For the local tenant it first checks that the
 * server recorded in `tenant.json` is running, and says how to start it when it is not.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { nodeFiles } from "../auth/node-files.ts";
import { DEFAULT_STATE_DIR, resolveTarget, type Env, type Target, type TargetOptions } from "../auth/target.ts";
import { createTokenProvider } from "../auth/token-provider.ts";
import type { ClosableTokenProvider } from "../auth/automation.ts";
import type { Diagnostic } from "../diag/diagnostic.ts";
import { createGraphClient, type GraphClient, type GraphClientOptions } from "../graph/client.ts";
import { fetchTransport } from "../graph/transport/fetch-transport.ts";

export interface TenantSession {
  target: Target;
  graph: GraphClient;
  tokenProvider: ClosableTokenProvider;
  close(): Promise<void>;
}

/** Graph client settings an operation may override (tests: a faster back-off). */
export type GraphTuning = Partial<Pick<GraphClientOptions, "maxConcurrent" | "retry" | "budgets" | "logger" | "clock">>;

export interface SessionOptions extends Omit<TargetOptions, "purpose"> {
  env?: Env;
  graph?: GraphTuning;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** An error when `tenant.json` says the local tenant's server is stopped (or its process is gone). */
function localTenantStopped(target: Target): Diagnostic | undefined {
  let pid: unknown;
  try {
    pid = (JSON.parse(readFileSync(target.source, "utf8")) as { pid?: unknown }).pid;
  } catch {
    return undefined;
  }
  if (typeof pid === "number" && pidAlive(pid)) return undefined;
  return {
    severity: "error",
    code: "HF5601",
    message: `the local tenant is not running (${target.source} records ${typeof pid === "number" ? `process ${pid}, which has ended` : "a clean stop"})`,
    fix: "Start it with `holofleet tenant local start`, then run the command again.",
  };
}

export function openTenantSession(opts: SessionOptions): { session?: TenantSession; diagnostics: Diagnostic[] } {
  const { env = process.env, graph: tuning = {}, ...targetOpts } = opts;
  const { target, diagnostics } = resolveTarget({ ...targetOpts, purpose: "run" }, env, nodeFiles);
  if (!target) return { diagnostics };
  if (target.kind === "local") {
    const stopped = localTenantStopped(target);
    if (stopped) return { diagnostics: [stopped] };
  }
  const tokenProvider = createTokenProvider(target, { stateDir: join(targetOpts.cwd, DEFAULT_STATE_DIR) });
  const transport = fetchTransport({ ca: target.caPem });
  const graph = createGraphClient({ baseUrl: target.graphUrl, transport, tokenProvider, ...tuning });
  return {
    session: {
      target,
      graph,
      tokenProvider,
      async close() {
        await tokenProvider.close();
        await transport.close();
      },
    },
    diagnostics,
  };
}
