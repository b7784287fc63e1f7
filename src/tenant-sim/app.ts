/**
 * The local tenant's HTTPS server (node:https on 127.0.0.1): Graph under `/v1.0` and `/beta`
 * (token check, `$batch`, faults, then `graph-dispatch.ts`), the Entra endpoints under
 * `/{tenant}/…` (token, OpenID metadata, JWKS) and the documented control routes under `/_sim/…`.
 * State lives in `<dir>/state.db`; key material in `<dir>` (`certs.ts`).
 */
import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import type { GraphVersion, HttpMethod, RouteDef, SimControlRoute, SimTicker } from "./framework.ts";
import { verifyAccessToken, type TokenSigner } from "./auth/access-token.ts";
import type { PermissionsMap } from "./auth/permissions.ts";
import { APPLICATIONS_KIND, createApplication } from "./auth/applications.ts";
import { jwks, openIdConfiguration } from "./auth/openid.ts";
import { handleTokenRequest } from "./auth/token-endpoint.ts";
import { runBatch } from "./batch/batch.ts";
import { loadOrCreateTenantCerts } from "./certs.ts";
import { createSimClock } from "./clock.ts";
import { createReplicationLag } from "./consistency.ts";
import { createFaultInjector } from "./faults/faults.ts";
import { seededRandom } from "./faults/prng.ts";
import { createThrottler, type ThrottlingMode } from "./faults/throttling.ts";
import { GRAPH_JSON, dispatchGraphCall, errorAnswer, type GraphAnswer, type TenantRuntime } from "./graph-dispatch.ts";
import { graphErrorBody, requestIdHeaders, requestIdsFor } from "./graph-errors.ts";
import { compileRouter, type Router } from "./router.ts";
import { allRoutes, allSimRoutes, allTickers } from "./routes/index.ts";
import { createCoreSimRoutes } from "./routes/sim-core.ts";
import { allSeeds, seedTenant, type SeedFn } from "./seed/index.ts";
import { createStatsRecorder } from "./stats.ts";
import { openSimStore, type SqliteSimStore } from "./store.ts";
import { ensureTenantIdentity, readTenantIdentity, type TenantIdentity } from "./tenant-identity.ts";
import { createTickerRunner } from "./ticker-runner.ts";
import { createWriteLock } from "./write-lock.ts";
import { GraphHttpError } from "./framework.ts";

export type { ThrottlingMode } from "./faults/throttling.ts";

export interface LocalTenantOptions {
  /** State directory (created if missing): `state.db`, `ca.pem`, keys. */
  dir: string;
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  throttling?: ThrottlingMode;
  /** Replication lag: new objects answer 404 for this many ms (graph-facts §9.8). Default 0 (off). */
  consistency?: { newObjectLagMs?: number };
  /** Seed of the `$batch` response shuffle (default 1). */
  batchSeed?: number;
  /** Replaces the route registry (tests of the core use their own routes). */
  routes?: readonly RouteDef[];
  tickers?: readonly SimTicker[];
  simRoutes?: readonly SimControlRoute[];
  seeds?: readonly SeedFn[];
  /** Replaces the permissions map (tests with their own routes). */
  permissions?: PermissionsMap;
}

export interface LocalTenant {
  /** `https://127.0.0.1:<port>` — the Graph root and the authority host. */
  url: string;
  port: number;
  tenantId: string;
  initialDomain: string;
  /** holofleet's app registration. */
  clientId: string;
  clientSecret: string;
  caPem: string;
  caFile: string;
  dir: string;
  store: SqliteSimStore;
  /** Wipes all state except the tenant identity and its app registrations, then seeds again. */
  reset(): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;
const STATE_FILE = "state.db";

/** Wipes a tenant's state (keeping its identity and app registrations) and seeds it again. */
export function resetTenantState(store: SqliteSimStore, now: () => Date, seeds: readonly SeedFn[] = allSeeds): void {
  store.tx(() => {
    const identity = readTenantIdentity(store);
    const apps = store.list<{ id: string }>(APPLICATIONS_KIND);
    store.clear();
    if (identity) store.put("_sim", identity);
    for (const app of apps) store.put(APPLICATIONS_KIND, app);
    if (identity) seedTenant(store, seedContextOf(identity, now), seeds);
  });
}

function seedContextOf(identity: TenantIdentity, now: () => Date) {
  return { tenantId: identity.tenantId, initialDomain: identity.initialDomain, displayName: identity.displayName, now };
}

/** Opens `<dir>/state.db`; used by the server and by `tenant local reset` when it is stopped. */
export function openTenantStore(dir: string): SqliteSimStore {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, STATE_FILE);
  const fresh = !existsSync(file);
  const store = openSimStore(file);
  if (fresh) chmodSync(file, 0o600);
  return store;
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body?: unknown): void {
  if (res.destroyed) return;
  const payload = body === undefined || status === 204 ? undefined : typeof body === "string" ? body : JSON.stringify(body);
  const h: Record<string, string> = { ...headers };
  if (payload !== undefined) {
    if (!Object.keys(h).some((k) => k.toLowerCase() === "content-type")) h["content-type"] = "application/json; charset=utf-8";
    h["content-length"] = String(Buffer.byteLength(payload));
  }
  res.writeHead(status, h);
  res.end(payload);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the local tenant; resolves once it listens. */
export async function createLocalTenant(opts: LocalTenantOptions): Promise<LocalTenant> {
  const dir = opts.dir;
  const certs = await loadOrCreateTenantCerts(dir);
  const store = openTenantStore(dir);
  const clock = createSimClock(store);
  const seeds = opts.seeds ?? allSeeds;
  let identity = readTenantIdentity(store);
  if (!identity) {
    identity = ensureTenantIdentity(store, clock.now());
    seedTenant(store, seedContextOf(identity, () => clock.now()), seeds);
  } else {
    identity = ensureTenantIdentity(store, clock.now());
  }
  const tenantId = identity.tenantId;
  const signer: TokenSigner = { privateKey: certs.signingKey, publicKey: certs.signingPublicKey, kid: certs.signingKid };
  const stats = createStatsRecorder();
  const faults = createFaultInjector();
  const routes = opts.routes ?? allRoutes;
  const rt: TenantRuntime = {
    tenantId,
    store,
    router: compileRouter(routes),
    clock,
    stats,
    throttler: createThrottler(opts.throttling ?? "off", { userCount: () => store.count("users") }),
    faults,
    lag: createReplicationLag(opts.consistency?.newObjectLagMs ?? 0),
    lock: createWriteLock(),
    runTickers: createTickerRunner(store, opts.tickers ?? allTickers, () => clock.now()),
    permissions: opts.permissions,
  };
  const batchRandom = seededRandom(opts.batchSeed ?? 1);
  const resetAll = () => {
    clock.reset();
    faults.clear();
    stats.reset();
    resetTenantState(store, () => clock.now(), seeds);
  };

  const coreSim = createCoreSimRoutes({
    faults,
    clock,
    stats,
    createApplication: (input) => {
      const { app, clientSecret } = createApplication(store, input, clock.now());
      return { appId: app.appId, clientSecret };
    },
    reset: () => resetAll(),
  });
  const simRoutes = [...coreSim, ...(opts.simRoutes ?? allSimRoutes)];
  const simByDef = new Map<RouteDef, SimControlRoute>();
  const simRouter: Router = compileRouter(
    simRoutes.map((s) => {
      const def: RouteDef = { method: s.method, path: s.path, versions: ["v1.0"], throttle: "none", write: true, handler: () => ({ status: 500 }) };
      simByDef.set(def, s);
      return def;
    }),
  );

  let port = opts.port ?? 0;
  const originOf = (headers: Record<string, string>) => {
    const host = headers.host ?? "";
    // Build URLs from Host only when it names this server (local-https-auth.md §2).
    return /^(127\.0\.0\.1|localhost):\d+$/.test(host) && host.endsWith(`:${port}`) ? `https://${host}` : `https://127.0.0.1:${port}`;
  };

  async function handleSim(res: ServerResponse, method: string, path: string, query: URLSearchParams, body: Buffer, baseUrl: string) {
    const match = simRouter.match("v1.0", method as HttpMethod, path);
    if (match.kind !== "match") {
      send(res, match.kind === "method-not-allowed" ? 405 : 404, {}, { error: { code: "NotFound", message: `No /_sim route ${method} ${path}` } });
      return;
    }
    let parsed: unknown;
    if (body.length) {
      try {
        parsed = JSON.parse(body.toString("utf8"));
      } catch {
        send(res, 400, {}, { error: { code: "BadRequest", message: "The body is not valid JSON." } });
        return;
      }
    }
    const route = simByDef.get(match.route)!;
    try {
      const result = await rt.lock.run(async () => {
        rt.runTickers();
        return route.handler({ params: match.params, query, body: parsed, store, now: () => clock.now(), baseUrl, tenantId });
      });
      send(res, result.status, result.headers ?? {}, result.body);
    } catch (err) {
      const status = err instanceof GraphHttpError ? err.status : 500;
      const code = err instanceof GraphHttpError ? err.code : "InternalError";
      send(res, status, err instanceof GraphHttpError ? err.headers : {}, { error: { code, message: err instanceof Error ? err.message : String(err) } });
    }
  }

  async function handleEntra(res: ServerResponse, method: string, segs: string[], body: Buffer, headers: Record<string, string>): Promise<boolean> {
    const [tenantSeg, ...rest] = segs;
    const tail = rest.join("/").toLowerCase();
    const origin = originOf(headers);
    const knownTenant = (t: string) => t.toLowerCase() === tenantId.toLowerCase() || t.toLowerCase() === identity!.initialDomain.toLowerCase();
    if (!tenantSeg) return false;
    if (method === "GET" && (tail === "v2.0/.well-known/openid-configuration" || tail === ".well-known/openid-configuration")) {
      if (!knownTenant(tenantSeg)) {
        send(res, 400, {}, { error: "invalid_tenant", error_description: `AADSTS90002: Tenant '${tenantSeg}' not found.`, error_codes: [90002] });
        return true;
      }
      send(res, 200, { "cache-control": "max-age=86400, private" }, openIdConfiguration(origin, tenantId));
      return true;
    }
    if (method === "GET" && (tail === "discovery/v2.0/keys" || tail === "discovery/keys")) {
      send(res, 200, { "cache-control": "max-age=86400, private" }, jwks(signer.publicKey, signer.kid));
      return true;
    }
    if (tail === "oauth2/v2.0/token") {
      if (method !== "POST") {
        send(res, 405, {}, { error: "invalid_request", error_description: "AADSTS900561: The endpoint only accepts POST requests." });
        return true;
      }
      const fault = faults.draw({ write: false, tokenEndpoint: true });
      if (fault.latencyMs) await sleep(fault.latencyMs);
      if (fault.kind !== "none") {
        stats.fault(fault.kind);
        if (fault.kind === "reset") {
          res.socket?.destroy();
          return true;
        }
        const status = Number(fault.kind);
        send(res, status, status === 504 ? {} : { "retry-after": String(faults.current()?.retryAfterSeconds ?? 1) }, {
          error: status === 429 ? "temporarily_unavailable" : "temporarily_unavailable",
          error_description: `AADSTS50196: The server is temporarily unavailable (injected ${status}).`,
          error_codes: [50196],
        });
        return true;
      }
      const token = await handleTokenRequest({
        tenantSegment: tenantSeg,
        form: new URLSearchParams(body.toString("utf8")),
        origin,
        tenantId,
        tenantDomain: identity!.initialDomain,
        store,
        signer,
        now: clock.now(),
        correlationId: headers["client-request-id"],
      });
      stats.token();
      send(res, token.status, { "cache-control": "no-store, no-cache", pragma: "no-cache", "content-type": "application/json; charset=utf-8" }, token.body);
      return true;
    }
    return false;
  }

  async function handleGraph(
    req: IncomingMessage,
    res: ServerResponse,
    version: GraphVersion,
    path: string,
    query: URLSearchParams,
    body: Buffer,
    headers: Record<string, string>,
  ) {
    const ids = requestIdsFor(headers);
    const baseUrl = originOf(headers);
    const method = (req.method ?? "GET").toUpperCase();
    const isBatch = /^\/\$batch\/?$/i.test(path);
    const pre = rt.router.match(version, method as HttpMethod, path);
    const write = isBatch || (pre.kind === "match" ? pre.route.write : method !== "GET");
    const routeKeyGuess = isBatch ? `${version} POST /$batch` : pre.kind === "match" ? `${version} ${method} ${pre.route.path}` : `${version} ${method} (unmatched)`;

    const fault = faults.draw({ write });
    if (fault.latencyMs) await sleep(fault.latencyMs);
    if (fault.kind === "reset") {
      stats.fault("reset");
      req.socket.destroy();
      return;
    }
    if (fault.kind === "429" || fault.kind === "503" || fault.kind === "504") {
      stats.fault(fault.kind);
      const status = Number(fault.kind);
      const retry: Record<string, string> = status === 504 ? {} : { "retry-after": String(faults.current()?.retryAfterSeconds ?? 1) };
      const [code, message] =
        status === 429
          ? ["activityLimitReached", "The request has been throttled (injected by /_sim/faults)."]
          : status === 503
            ? ["serviceNotAvailable", "The service is temporarily unavailable (injected by /_sim/faults)."]
            : ["UnknownError", "The gateway timed out (injected by /_sim/faults)."];
      const answer = errorAnswer(new GraphHttpError(status, code, message, retry), ids, clock.now(), routeKeyGuess, write);
      stats.request(method, routeKeyGuess, status, write);
      send(res, answer.status, answer.headers, answer.body);
      return;
    }

    const check = await verifyAccessToken(signer, headers.authorization, tenantId);
    if (!check.ok) {
      const answer = errorAnswer(
        new GraphHttpError(401, "InvalidAuthenticationToken", check.message, {
          "www-authenticate": `Bearer realm="", authorization_uri="${baseUrl}/${tenantId}/oauth2/v2.0/authorize", client_id="00000003-0000-0000-c000-000000000000"`,
        }),
        ids,
        clock.now(),
        routeKeyGuess,
        write,
      );
      stats.request(method, routeKeyGuess, 401, write);
      send(res, answer.status, answer.headers, answer.body);
      return;
    }

    let parsed: unknown;
    let bodyInvalid = false;
    if (body.length) {
      try {
        parsed = JSON.parse(body.toString("utf8"));
      } catch {
        bodyInvalid = true;
      }
    }

    let answer: GraphAnswer;
    if (isBatch) {
      if (method !== "POST") {
        answer = errorAnswer(new GraphHttpError(405, "Request_BadRequest", "$batch only accepts POST."), ids, clock.now(), routeKeyGuess, true);
      } else if (bodyInvalid) {
        answer = errorAnswer(new GraphHttpError(400, "BadRequest", "Invalid batch payload format."), ids, clock.now(), routeKeyGuess, true);
      } else {
        const dispatch = async (call: Parameters<typeof dispatchGraphCall>[1]) => {
          const a = await dispatchGraphCall(rt, call);
          stats.request(call.method.toUpperCase(), a.routeKey, a.status, a.write);
          return a;
        };
        const out = await runBatch({ version, body: parsed, baseUrl, claims: check.claims, ids, headers }, dispatch, batchRandom, () => clock.now());
        answer = { status: out.status, headers: { ...requestIdHeaders(ids), "content-type": GRAPH_JSON }, body: out.body, routeKey: routeKeyGuess, write: true };
      }
    } else {
      answer = await dispatchGraphCall(rt, { version, method, path, query, headers, body: parsed, bodyInvalid, claims: check.claims, ids, baseUrl });
    }
    stats.request(method, answer.routeKey, answer.status, answer.write);
    if (fault.kind === "lostResponse") {
      // The write is committed; the caller never learns it (graph-facts §9.9).
      stats.fault("lostResponse");
      req.socket.destroy();
      return;
    }
    send(res, answer.status, answer.headers, answer.body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const body = await readBody(req);
    const headers = lowerHeaders(req);
    const rawUrl = req.url ?? "/";
    const qIndex = rawUrl.indexOf("?");
    const path = qIndex < 0 ? rawUrl : rawUrl.slice(0, qIndex);
    const query = new URLSearchParams(qIndex < 0 ? "" : rawUrl.slice(qIndex + 1));
    const method = (req.method ?? "GET").toUpperCase();
    if (body === undefined) {
      send(res, 413, {}, { error: { code: "RequestEntityTooLarge", message: `The request body exceeds ${MAX_BODY_BYTES} bytes.` } });
      return;
    }
    const segs = path.split("/").filter(Boolean);
    const first = segs[0] ?? "";
    if (first === "_sim") {
      await handleSim(res, method, "/" + segs.slice(1).join("/"), query, body, originOf(headers));
      return;
    }
    const versionMatch = /^(v1\.0|beta)$/i.exec(first);
    if (versionMatch) {
      const version: GraphVersion = first.toLowerCase() === "beta" ? "beta" : "v1.0";
      await handleGraph(req, res, version, path.slice(first.length + 1) || "/", query, body, headers);
      return;
    }
    if (await handleEntra(res, method, segs, body, headers)) return;
    // A path without a version, as Graph answers it (graph-facts §9.1).
    const ids = requestIdsFor(headers);
    send(res, 404, { ...requestIdHeaders(ids), "content-type": GRAPH_JSON }, graphErrorBody("ResourceNotFound", `Invalid version: ${first}`, ids, clock.now()));
  }

  const server: Server = createServer({ key: certs.serverKeyPem, cert: certs.serverCertPem, keepAlive: true }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      send(res, 500, {}, { error: { code: "InternalError", message: err instanceof Error ? err.message : String(err) } });
    });
  });
  // Node's 5 s keep-alive closes an idle connection just as a client that was busy (a test parsing the
  // CSDL in the same process) reuses it: the request then dies with ECONNRESET. Hold idle connections
  // for a minute, as front doors commonly do; headersTimeout must stay above it.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 61_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `https://127.0.0.1:${port}`,
    port,
    tenantId,
    initialDomain: identity.initialDomain,
    clientId: identity.clientId,
    clientSecret: identity.clientSecret,
    caPem: certs.caPem,
    caFile: certs.caFile,
    dir,
    store,
    reset: () => resetAll(),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store.close();
    },
  };
}
