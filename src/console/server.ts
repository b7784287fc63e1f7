/**
 * Starts the console: loads the blueprint, opens the fleet store (the same default as the fleet commands:
 * `.holofleet/fleet.sqlite`, or DATABASE_URL) and one Graph client for the target tenant, builds the
 * `ConsoleDeps` (fleet contexts per person, the audit and plan sources), runs one audit in the background,
 * and serves the app with @hono/node-server. `close()` stops accepting requests and closes what it opened.
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import type { Env, TargetOptions } from "../auth/target.ts";
import { loadBlueprint } from "../blueprint/load.ts";
import { formatDiagnostic, hasErrors, UserError } from "../diag/diagnostic.ts";
import { openFleetStore } from "../fleet/store/open-fleet-store.ts";
import type { FleetStore } from "../fleet/store/port.ts";
import { storeUserError, type FleetContext } from "../operations/fleet-context.ts";
import { snapshotTenant } from "../operations/snapshot.ts";
import { openTenantSession } from "../operations/tenant-session.ts";
import type { Hono } from "hono";
import { createConsoleApp, type ConsoleAppOptions } from "./app.ts";
import { entraSignInRoutes } from "./auth/entra-sign-in.ts";
import type { StartSession } from "./auth/session.ts";
import { createAuditSource } from "./audit-source.ts";
import type { ConsoleDeps, ConsoleEnv } from "./deps.ts";
import { createPlanSource } from "./plan-source.ts";

export interface StartConsoleOptions {
  blueprintFile: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port (the CLI passes 4400). */
  port?: number;
  /** Which tenant, as the fleet commands take it (`--tenant`, `--graph-url`, `--authority-url`). */
  target?: Omit<TargetOptions, "cwd" | "purpose">;
  env?: Env;
  /** Working directory (the store's and the local tenant's default places). Default: the process's. */
  cwd?: string;
  /** Where unexpected request errors and the background audit's problems are told (never secrets). */
  log?: (line: string) => void;
  /** An open fleet store to use instead of opening one (the caller closes it). */
  store?: FleetStore;
  /** Passed on to the app (Entra ID sign-in, rate limits, session lifetimes). */
  app?: Omit<ConsoleAppOptions, "onError">;
}

export interface RunningConsole {
  url: string;
  deps: ConsoleDeps;
  /** The audit started with the console (settled, never rejected). */
  firstAudit: Promise<void>;
  close(): Promise<void>;
}

const SWEEP_EVERY_MS = 60 * 60_000;

function toolVersion(): string {
  return (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
}

/** A port taken or not allowed, as the person starting the console can act on it. */
function listenError(err: unknown, host: string, port: number): UserError | null {
  const code = (err as NodeJS.ErrnoException).code;
  if (code !== "EADDRINUSE" && code !== "EACCES" && code !== "EADDRNOTAVAIL") return null;
  const message =
    code === "EADDRINUSE"
      ? `${host}:${port} is in use (another console, or another program, listens there)`
      : code === "EACCES"
        ? `listening on ${host}:${port} is not allowed for this user`
        : `${host} is not an address of this machine`;
  return new UserError("", [{ severity: "error", code: "HF8206", message, fix: "Choose another port with --port <n> (0: any free port), or stop what listens there." }]);
}

export async function startConsole(opts: StartConsoleOptions): Promise<RunningConsole> {
  const cwd = opts.cwd ?? process.cwd();
  const env = opts.env ?? process.env;
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const blueprintFile = resolve(cwd, opts.blueprintFile);

  let text: string;
  try {
    text = await readFile(blueprintFile, "utf8");
  } catch (err) {
    throw new UserError("", [{ severity: "error", code: "HF9001", message: `cannot read the blueprint ${opts.blueprintFile}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : (err as Error).message}`, fix: "Pass the program's blueprint with --blueprint <file>." }]);
  }
  const loaded = loadBlueprint(text, opts.blueprintFile);
  if (!loaded.blueprint || hasErrors(loaded.diagnostics)) {
    throw new UserError(`the blueprint ${opts.blueprintFile} has errors; the console takes the program (clients, password policy, loans) from it`, loaded.diagnostics);
  }
  const blueprint = loaded.blueprint;
  for (const d of loaded.diagnostics) log(formatDiagnostic(d));

  const targetOptions = { ...opts.target, cwd, env };
  const { session, diagnostics } = openTenantSession(targetOptions);
  if (!session) throw new UserError("no tenant for the console to talk to", diagnostics);
  let store: FleetStore;
  const ownStore = opts.store === undefined;
  try {
    store = opts.store ?? (await openFleetStore({ env, cwd }));
  } catch (err) {
    await session.close();
    throw storeUserError(err) ?? err;
  }

  const now = () => new Date();
  const fleetFor = (actor: string): FleetContext => ({ store, graph: session.graph, blueprint, actor, now, wait: (ms) => new Promise((done) => setTimeout(done, ms)) });
  const deps: ConsoleDeps = {
    store,
    blueprint,
    blueprintFile,
    fleetFor,
    audits: createAuditSource({ readSnapshot: () => snapshotTenant(targetOptions, env, { now }), blueprint: { file: opts.blueprintFile, text }, store, toolVersion: toolVersion() }),
    plans: createPlanSource({ blueprintFile, target: targetOptions, now }),
    now,
    toolVersion: toolVersion(),
  };

  await store.sessions.deleteExpired();
  const sweep = setInterval(() => void store.sessions.deleteExpired().catch(() => {}), SWEEP_EVERY_MS);
  sweep.unref();

  const host = opts.host ?? "127.0.0.1";
  let server: ServerType;
  // The app is made once the port is known: Entra ID sends the person back to this console's own address.
  let app: Hono<ConsoleEnv> | null = null;
  let address: AddressInfo;
  try {
    address = await new Promise<AddressInfo>((ready, fail) => {
      server = serve({ fetch: (req) => (app ? app.fetch(req) : new Response("The console is starting.", { status: 503 })), hostname: host, port: opts.port ?? 0 }, (info) => ready(info));
      server.once("error", fail);
    });
  } catch (err) {
    clearInterval(sweep);
    await session.close();
    if (ownStore) await store.close();
    throw listenError(err, host, opts.port ?? 0) ?? err;
  }
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}/`;
  const entraConfigured = blueprint.console?.entraSignIn != null;
  app = createConsoleApp(deps, {
    ...(entraConfigured ? { entra: (startSession: StartSession) => entraSignInRoutes({ deps, baseUrl: url, startSession, target: session.target }) } : {}),
    ...opts.app,
    onError: (err, c) => log(`console: ${c.req.method} ${c.req.path} failed: ${err instanceof Error ? err.message : String(err)}`),
  });

  const firstAudit = deps.audits.run("console:startup").then(
    () => undefined,
    (err: unknown) => {
      const diags = err instanceof UserError ? err.diagnostics : [];
      log(`console: the first audit did not finish: ${err instanceof Error ? err.message : String(err)}`);
      for (const d of diags) log(formatDiagnostic(d));
    },
  );

  return {
    url,
    deps,
    firstAudit,
    close: async () => {
      clearInterval(sweep);
      await new Promise<void>((done) => {
        server.close(() => done());
        // Idle keep-alive connections would hold close() open.
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await firstAudit;
      await session.close();
      if (ownStore) await store.close();
    },
  };
}
