/**
 * The local tenant's HTTPS server (node:https on 127.0.0.1): Graph under `/v1.0` and `/beta`
 * (token check, `$batch`, faults, then `graph-dispatch.ts`), the Entra endpoints under
 * `/{tenant}/…` (authorize with its sign-in page, token, device code, OpenID metadata, JWKS) and `/common/discovery/instance`, and
 * the documented control routes under `/_sim/…`.
 * State lives in `<dir>/state.db`; key material in `<dir>` (`certs.ts`).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { join } from "node:path";
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import type { GraphVersion, HttpMethod, RouteDef, SimControlRoute, SimTicker } from "./framework.ts";
import { verifyAccessToken, type TokenSigner } from "./auth/access-token.ts";
import type { PermissionsMap } from "./auth/permissions.ts";
import { APPLICATIONS_KIND, createApplication } from "./auth/applications.ts";
import { instanceDiscovery, isInstanceDiscoveryPath } from "./auth/instance-discovery.ts";
import { issuerOf, jwks, openIdConfiguration } from "./auth/openid.ts";
import { handleTokenRequest } from "./auth/token-endpoint.ts";
import { handleAuthorize } from "./auth/authorize.ts";
import { createAssertionReplayCache } from "./auth/assertion-replay.ts";
import { deviceAuthorization } from "./auth/device-authorization.ts";
import { runBatch } from "./batch/batch.ts";
import { loadOrCreateTenantCerts } from "./certs.ts";
import { createSimClock } from "./clock.ts";
import { createReplicationLag } from "./consistency.ts";
import { createFaultInjector } from "./faults/faults.ts";
import { seededRandom } from "./faults/prng.ts";
import { createThrottler, type ThrottlingMode } from "./faults/throttling.ts";
import { GRAPH_JSON, contentTypeError, dispatchGraphCall, errorAnswer, type GraphAnswer, type TenantRuntime } from "./graph-dispatch.ts";
import { parseJsonBody } from "./json-body.ts";
import { graphErrorBody, requestIdHeaders, requestIdsFor } from "./graph-errors.ts";
import { compileRouter } from "./router.ts";
import { SIM_KEY_REQUIRED, createSimControl } from "./sim-control.ts";
import { allRoutes, allSimRoutes, allTickers } from "./routes/index.ts";
import { createCoreSimRoutes } from "./routes/sim-core.ts";
import { allSeeds, seedTenant, type SeedFn } from "./seed/index.ts";
import { createStatsRecorder } from "./stats.ts";
import { openSimStore, type SqliteSimStore } from "./store.ts";
import { appRolesFromEnvironment, ensureTenantIdentity, HOLOFLEET_APP_ROLES, readTenantIdentity, type IdentitySeed, type TenantIdentity } from "./tenant-identity.ts";
import { arrangeTenantStore } from "./arrange/tenant-setup.ts";
import type { TenantRequirements } from "./arrange/requirements.ts";
import { createTickerRunner } from "./ticker-runner.ts";
import { DEFAULT_REQUEST_LIMITS, createBodyBudget, lingerAfterEarlyAnswer, readBody, type RequestLimits } from "./request-intake.ts";
import { createWriteLock } from "./write-lock.ts";
import { GraphHttpError } from "./framework.ts";

export type { ThrottlingMode } from "./faults/throttling.ts";
export type { RequestLimits } from "./request-intake.ts";

/** Answers a request whose body is refused (413, 503), in the shape of its area's errors. */
type BodyRefusal = (status: number, code: string, message: string, headers?: Record<string, string>) => void;

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
  /** Overrides of the request limits (body sizes, buffered bytes, connections, timeouts). */
  limits?: Partial<RequestLimits>;
  /**
   * The key every `/_sim/…` request must carry in `X-Sim-Key` (default: 32 random bytes, base64url,
   * new at each start); `tenant local start` writes it to `tenant.json` as `simKey`.
   */
  simKey?: string;
  /**
   * Milliseconds since the epoch that the tenant clock runs on (default `Date.now`); the clock adds
   * its `/_sim/clock` offset. Tests hold time still with it (throttling windows, Retry-After).
   */
  timeSource?: () => number;
  /**
   * The application permissions of holofleet's app, set at every start (default: `HOLOFLEET_APP_ROLES`
   * from the environment, comma-separated, else the permissions holofleet needs).
   */
  appRoles?: readonly string[];
  /** For a tenant created by this start only: its id, initial domain… (e.g. those a blueprint names). */
  identity?: IdentitySeed;
  /** Domains and SKUs to arrange after seeding (idempotent, one transaction), e.g. for a blueprint. */
  arrange?: TenantRequirements;
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
  /** The `X-Sim-Key` the control routes need (a secret, like the client secret). */
  simKey: string;
  store: SqliteSimStore;
  /** Wipes all state except the tenant identity and its app registrations, then seeds again. */
  reset(): void;
  close(): Promise<void>;
}

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

function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

/** The linger limits of each server's responses, for `send` (one module function for every area). */
const lingerLimitsOf = new WeakMap<ServerResponse, Pick<RequestLimits, "lingerMs" | "maxLingerBytes">>();

function send(res: ServerResponse, status: number, headers: Record<string, string>, body?: unknown): void {
  if (res.destroyed || res.headersSent) return;
  // An answer before the body was read (401, 413, 503, an injected fault) must not reset the connection.
  lingerAfterEarlyAnswer(res.req, res, lingerLimitsOf.get(res) ?? DEFAULT_REQUEST_LIMITS);
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
  const appRoles = opts.appRoles ?? appRolesFromEnvironment(process.env.HOLOFLEET_APP_ROLES) ?? HOLOFLEET_APP_ROLES;
  const certs = await loadOrCreateTenantCerts(dir);
  const store = openTenantStore(dir);
  const clock = createSimClock(store, opts.timeSource);
  const seeds = opts.seeds ?? allSeeds;
  let identity = readTenantIdentity(store);
  if (!identity) {
    identity = ensureTenantIdentity(store, clock.now(), opts.identity, appRoles);
    seedTenant(store, seedContextOf(identity, () => clock.now()), seeds);
  } else {
    identity = ensureTenantIdentity(store, clock.now(), undefined, appRoles);
    // Seeds skip what exists, so a tenant made by an earlier version gains what later ones seed
    // (the built-in scope tag and roles, the program's Store apps) and loses nothing.
    seedTenant(store, seedContextOf(identity, () => clock.now()), seeds);
  }
  const tenantId = identity.tenantId;
  if (opts.arrange) {
    try {
      arrangeTenantStore(store, tenantId, opts.arrange);
    } catch (err) {
      store.close();
      throw err;
    }
  }
  const signer: TokenSigner = { privateKey: certs.signingKey, publicKey: certs.signingPublicKey, kid: certs.signingKid };
  const limits: RequestLimits = { ...DEFAULT_REQUEST_LIMITS, ...opts.limits };
  const bodyBudget = createBodyBudget(limits.maxBufferedBodyBytes);
  let openConnections = 0;
  const stats = createStatsRecorder(() => ({
    connections: openConnections,
    bufferedBodyBytes: bodyBudget.inUse(),
    memory: process.memoryUsage(),
  }));
  const faults = createFaultInjector();
  const routes = opts.routes ?? allRoutes;
  const rt: TenantRuntime = {
    tenantId,
    store,
    router: compileRouter(routes),
    clock,
    stats,
    throttler: createThrottler(opts.throttling ?? "off", { userCount: () => store.count("users"), now: () => clock.now().getTime() }),
    faults,
    lag: createReplicationLag(opts.consistency?.newObjectLagMs ?? 0),
    lock: createWriteLock(),
    runTickers: createTickerRunner(store, opts.tickers ?? allTickers, () => clock.now()),
    permissions: opts.permissions,
  };
  const batchRandom = seededRandom(opts.batchSeed ?? 1);
  const assertionReplay = createAssertionReplayCache();
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
  const simKey = opts.simKey ?? randomBytes(32).toString("base64url");
  const simControl = createSimControl([...coreSim, ...(opts.simRoutes ?? allSimRoutes)], simKey, {
    store,
    now: () => clock.now(),
    tenantId,
    lock: rt.lock,
    runTickers: rt.runTickers,
  });

  let port = opts.port ?? 0;
  const originOf = (headers: Record<string, string>) => {
    const host = headers.host ?? "";
    // Build URLs from Host only when it names this server (local-https-auth.md §2).
    return /^(127\.0\.0\.1|localhost):\d+$/.test(host) && host.endsWith(`:${port}`) ? `https://${host}` : `https://127.0.0.1:${port}`;
  };

  async function handleEntra(res: ServerResponse, method: string, segs: string[], query: URLSearchParams, body: Buffer, headers: Record<string, string>): Promise<boolean> {
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
    if (tail === "oauth2/v2.0/authorize") {
      const answer = handleAuthorize({
        method,
        tenantSegment: tenantSeg,
        query,
        form: new URLSearchParams(method === "POST" ? body.toString("utf8") : ""),
        origin,
        tenantId,
        tenantDomain: identity!.initialDomain,
        tenantName: identity!.displayName,
        store,
        now: clock.now(),
        correlationId: headers["client-request-id"] || randomUUID(),
      });
      send(res, answer.status, answer.headers, answer.body);
      return true;
    }
    if (tail === "oauth2/v2.0/devicecode" && method === "POST") {
      const form = new URLSearchParams(body.toString("utf8"));
      const ids = { tenantSegment: tenantSeg, origin, tenantId, tenantDomain: identity!.initialDomain, correlationId: headers["client-request-id"] };
      const answer = deviceAuthorization({ ...ids, form, store, now: clock.now() });
      send(res, answer.status, { "cache-control": "no-store, no-cache", pragma: "no-cache" }, answer.body);
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
        assertionReplay,
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
    takeBody: (refuse: BodyRefusal) => Promise<Buffer | undefined>,
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

    const check = await verifyAccessToken(signer, headers.authorization, tenantId, [
      issuerOf(`https://127.0.0.1:${port}`, tenantId),
      issuerOf(`https://localhost:${port}`, tenantId),
    ]);
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

    // The body is read only now that the caller is known.
    const body = await takeBody((status, code, message, extra) => {
      const refused = errorAnswer(new GraphHttpError(status, code, message, extra), ids, clock.now(), routeKeyGuess, write);
      stats.request(method, routeKeyGuess, status, write);
      send(res, refused.status, refused.headers, refused.body);
    });
    if (body === undefined) return;

    let parsed: unknown;
    let bodyInvalid = false;
    if (body.length) {
      const json = parseJsonBody(body);
      if (json.ok) parsed = json.value;
      else if (json.problem === "syntax") bodyInvalid = true;
      else {
        // Not UTF-8, or nested too deep: refused before any route sees it.
        const refused = errorAnswer(new GraphHttpError(400, "BadRequest", json.message), ids, clock.now(), routeKeyGuess, write);
        stats.request(method, routeKeyGuess, refused.status, write);
        send(res, refused.status, refused.headers, refused.body);
        return;
      }
    }

    let answer: GraphAnswer;
    const batchContentType = isBatch && body.length ? contentTypeError(headers) : undefined;
    if (isBatch) {
      if (method !== "POST") {
        answer = errorAnswer(new GraphHttpError(405, "Request_BadRequest", "$batch only accepts POST."), ids, clock.now(), routeKeyGuess, true);
      } else if (batchContentType) {
        answer = errorAnswer(batchContentType, ids, clock.now(), routeKeyGuess, true);
      } else if (bodyInvalid) {
        answer = errorAnswer(new GraphHttpError(400, "BadRequest", "Invalid batch payload format."), ids, clock.now(), routeKeyGuess, true);
      } else {
        const dispatch = async (call: Parameters<typeof dispatchGraphCall>[1]) => {
          const a = await dispatchGraphCall(rt, call);
          stats.request(call.method.toUpperCase(), a.routeKey, a.status, a.write, true);
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

  /**
   * Reads a body within the limits, or answers (through `refuse`, in the area's error shape) 413 for
   * one too large and 503 when the budget of buffered bytes is spent. The bytes go back to the
   * budget when the response is done.
   */
  async function takeBody(req: IncomingMessage, res: ServerResponse, maxBytes: number, refuse: BodyRefusal): Promise<Buffer | undefined> {
    const read = await readBody(req, res, maxBytes, bodyBudget);
    switch (read.kind) {
      case "ok":
        res.once("close", read.release);
        return read.body;
      case "too-large":
        refuse(413, "RequestEntityTooLarge", `The request body is larger than the limit of ${maxBytes} bytes.`);
        return undefined;
      case "busy":
        refuse(503, "serviceNotAvailable", "The local tenant holds too many request bodies at once; retry shortly.", { "retry-after": "1" });
        return undefined;
      case "aborted":
        return undefined;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    lingerLimitsOf.set(res, limits);
    const headers = lowerHeaders(req);
    const rawUrl = req.url ?? "/";
    const qIndex = rawUrl.indexOf("?");
    const path = qIndex < 0 ? rawUrl : rawUrl.slice(0, qIndex);
    const query = new URLSearchParams(qIndex < 0 ? "" : rawUrl.slice(qIndex + 1));
    const method = (req.method ?? "GET").toUpperCase();
    const segs = path.split("/").filter(Boolean);
    const first = segs[0] ?? "";
    const plainRefusal: BodyRefusal = (status, code, message, extra) => send(res, status, extra ?? {}, { error: { code, message } });
    if (first === "_sim") {
      // Any local process can reach the port; only the holder of tenant.json may drive the tenant.
      if (!simControl.keyMatches(headers["x-sim-key"])) {
        send(res, SIM_KEY_REQUIRED.status, {}, SIM_KEY_REQUIRED.body);
        return;
      }
      const body = await takeBody(req, res, limits.maxBodyBytes, plainRefusal);
      if (body === undefined) return;
      const answer = await simControl.answer({ method, path: "/" + segs.slice(1).join("/"), query, body, baseUrl: originOf(headers) });
      send(res, answer.status, answer.headers ?? {}, answer.body);
      return;
    }
    const versionMatch = /^(v1\.0|beta)$/i.exec(first);
    if (versionMatch) {
      const version: GraphVersion = first.toLowerCase() === "beta" ? "beta" : "v1.0";
      await handleGraph(req, res, version, path.slice(first.length + 1) || "/", query, (refuse) => takeBody(req, res, limits.maxBodyBytes, refuse), headers);
      return;
    }
    if (method === "GET" && isInstanceDiscoveryPath(segs)) {
      const answer = instanceDiscovery(query, originOf(headers), [`127.0.0.1:${port}`, `localhost:${port}`], clock.now(), headers["client-request-id"]);
      send(res, answer.status, { "cache-control": "max-age=86400, private" }, answer.body);
      return;
    }
    const ids = requestIdsFor(headers);
    const graphRefusal: BodyRefusal = (status, code, message, extra) =>
      send(res, status, { ...requestIdHeaders(ids), "content-type": GRAPH_JSON, ...extra }, graphErrorBody(code, message, ids, clock.now()));
    // The Entra endpoints take small form posts (credentials travel in them).
    const body = await takeBody(req, res, limits.maxTokenBodyBytes, graphRefusal);
    if (body === undefined) return;
    if (await handleEntra(res, method, segs, query, body, headers)) return;
    // A path without a version, as Graph answers it (graph-facts §9.1).
    send(res, 404, { ...requestIdHeaders(ids), "content-type": GRAPH_JSON }, graphErrorBody("ResourceNotFound", `Invalid version: ${first}`, ids, clock.now()));
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((err: unknown) => {
      const ids = requestIdsFor(lowerHeaders(req));
      const message = `The local tenant failed to process the request: ${err instanceof Error ? err.message : String(err)}`;
      send(res, 500, { ...requestIdHeaders(ids), "content-type": GRAPH_JSON }, graphErrorBody("UnknownError", message, ids, clock.now()));
    });
  };
  const server: Server = createServer(
    {
      key: certs.serverKeyPem,
      cert: certs.serverCertPem,
      keepAlive: true,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Slow senders are bounded: headers (and the TLS handshake) and the whole request each have a deadline.
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      handshakeTimeout: limits.headersTimeoutMs,
      connectionsCheckingInterval: Math.max(100, Math.min(30_000, Math.floor(limits.headersTimeoutMs / 4))),
    },
    onRequest,
  );
  // Past this many open connections the server accepts no more until some close.
  server.maxConnections = limits.maxConnections;
  server.on("connection", (socket: Socket) => {
    openConnections++;
    socket.once("close", () => openConnections--);
  });
  // `Expect: 100-continue`: the headers are checked first; readBody says "continue" only then.
  server.on("checkContinue", onRequest);
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
    simKey,
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
