/**
 * What every fleet operation (devices, loans, passwords) works with: the fleet store, a Graph client for
 * the target tenant, the blueprint of the program, who acts, and how to wait. The CLI opens it from flags
 * and the environment (`openFleetContext`); tests build one over a test tenant and a temporary store.
 */
import { userInfo } from "node:os";
import { createTokenProvider } from "../auth/token-provider.ts";
import { nodeFiles } from "../auth/node-files.ts";
import { DEFAULT_STATE_DIR, resolveTarget, type TargetOptions } from "../auth/target.ts";
import { loadBlueprintFile } from "../blueprint/load.ts";
import type { Blueprint } from "../blueprint/types.ts";
import { hasErrors, UserError, type Diagnostic } from "../diag/diagnostic.ts";
import { createGraphClient, type GraphClient } from "../graph/client.ts";
import { fetchTransport } from "../graph/transport/fetch-transport.ts";
import { openFleetStore } from "../fleet/store/open-fleet-store.ts";
import type { Actor, FleetStore } from "../fleet/store/port.ts";
import { StoreError } from "../fleet/store/store-error.ts";

export interface FleetContext {
  store: FleetStore;
  graph: GraphClient;
  blueprint: Blueprint;
  actor: Actor;
  /** The time decisions are taken at (loan dates, overdue, password ages). */
  now(): Date;
  /** Waits between polls of the tenant; tests move the local tenant's clock instead of sleeping. */
  wait(ms: number): Promise<void>;
}

/** `cli:<login name>`, or `HOLOFLEET_ACTOR` when set (a shared service account names the person). */
export function cliActor(env: Readonly<Record<string, string | undefined>> = process.env): Actor {
  const named = env.HOLOFLEET_ACTOR?.trim();
  if (named) return named;
  let name = "unknown";
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry (some containers): the actor stays "unknown".
  }
  return `cli:${name}`;
}

/** A store error as the user sees it (the store's messages never hold a URL or a driver's text). */
export function storeUserError(err: unknown): UserError | null {
  if (!(err instanceof StoreError)) return null;
  const code = err.kind === "conflict" ? "HF8107" : "HF8114";
  const fix =
    err.kind === "conflict"
      ? "Someone else changed the device first: look at it again (`holofleet fleet show <serial>`) and retry if it still applies."
      : err.kind === "unavailable"
        ? "Check the database (DATABASE_URL) and retry."
        : undefined;
  return new UserError("", [{ severity: "error", code, message: err.message, ...(fix ? { fix } : {}) }]);
}

export interface OpenFleetContextOptions {
  blueprintFile: string;
  target: Omit<TargetOptions, "cwd" | "purpose">;
  /** Whether the command talks to the tenant (list/show read the store only). */
  needsGraph: boolean;
}

export interface OpenedFleetContext extends FleetContext {
  /** Warnings from loading the blueprint. */
  warnings: Diagnostic[];
  close(): Promise<void>;
}

/** Opens the blueprint, the store and (when needed) the Graph client; user errors are thrown as `UserError`. */
export async function openFleetContext(opts: OpenFleetContextOptions): Promise<OpenedFleetContext> {
  const loaded = await loadBlueprintFile(opts.blueprintFile);
  if (!loaded.blueprint || hasErrors(loaded.diagnostics)) {
    throw new UserError(`the blueprint ${opts.blueprintFile} has errors; fleet commands take the program (clients, group tag, password policy) from it`, loaded.diagnostics);
  }
  const blueprint = loaded.blueprint;
  let graph: GraphClient | null = null;
  const closers: (() => Promise<void>)[] = [];
  if (opts.needsGraph) {
    const { target, diagnostics } = resolveTarget({ ...opts.target, cwd: process.cwd(), purpose: "run" }, process.env, nodeFiles);
    if (!target) throw new UserError("no tenant to talk to", diagnostics);
    const tokenProvider = createTokenProvider(target, { stateDir: DEFAULT_STATE_DIR });
    const transport = fetchTransport({ ca: target.caPem });
    graph = createGraphClient({ baseUrl: target.graphUrl, transport, tokenProvider });
    closers.push(() => transport.close(), () => tokenProvider.close());
  }
  let store: FleetStore;
  try {
    store = await openFleetStore();
  } catch (err) {
    for (const close of closers) await close();
    throw storeUserError(err) ?? err;
  }
  closers.unshift(() => store.close());
  const unavailable = new Proxy({} as GraphClient, {
    get() {
      throw new Error("this fleet command reads the store only; it has no Graph client");
    },
  });
  return {
    store,
    graph: graph ?? unavailable,
    blueprint,
    actor: cliActor(),
    now: () => new Date(),
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    warnings: loaded.diagnostics,
    close: async () => {
      for (const close of closers) await close();
    },
  };
}
