/**
 * One Graph call through the tenant's pipeline, for a direct request and for each `$batch`
 * sub-request alike: route match → permission from the map (403) → replication lag (404) →
 * service-limit throttling (429) → tickers + handler under the write lock → Graph's error body.
 * Tokens are checked before this (once per HTTP request), so sub-requests share the caller's token.
 */
import { randomUUID } from "node:crypto";
import { GraphHttpError, type GraphVersion, type HttpMethod, type RouteContext, type SimResult, type SimStore } from "./framework.ts";
import type { AccessTokenClaims } from "./auth/access-token.ts";
import { isAuthorized, type PermissionsMap } from "./auth/permissions.ts";
import type { SimClock } from "./clock.ts";
import type { ReplicationLag } from "./consistency.ts";
import type { FaultInjector } from "./faults/faults.ts";
import type { Throttler } from "./faults/throttling.ts";
import { graphErrorBody, requestIdHeaders, type RequestIds } from "./graph-errors.ts";
import { answerCollection, answerCount, answerEntity, type ODataRequest } from "./odata/collection.ts";
import type { Router } from "./router.ts";
import type { StatsRecorder } from "./stats.ts";
import type { WriteLock } from "./write-lock.ts";

export const HTTP_METHODS: readonly HttpMethod[] = ["GET", "POST", "PATCH", "PUT", "DELETE"];

/** Graph's JSON content type. */
export const GRAPH_JSON = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

export interface TenantRuntime {
  tenantId: string;
  store: SimStore;
  router: Router;
  clock: SimClock;
  stats: StatsRecorder;
  throttler: Throttler;
  faults: FaultInjector;
  lag: ReplicationLag;
  lock: WriteLock;
  /** Runs the background tickers when due (`ticker-runner.ts`). */
  runTickers: () => void;
  /** The permissions map (default: the generated copy). */
  permissions?: PermissionsMap;
}

export interface GraphCall {
  version: GraphVersion;
  method: string;
  /** Path under the version, as sent (percent-encoded), e.g. `/users/ada%40contoso.com`. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased headers. */
  headers: Record<string, string>;
  body: unknown;
  /** Set when the request body was not valid JSON. */
  bodyInvalid?: boolean;
  claims: AccessTokenClaims;
  ids: RequestIds;
  baseUrl: string;
  /** A `$batch` sub-request: may draw its own injected 429. */
  inBatch?: boolean;
}

export interface GraphAnswer {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
  /** `<version> <METHOD> <pattern>` for stats. */
  routeKey: string;
  write: boolean;
}

export function errorAnswer(
  err: GraphHttpError,
  ids: RequestIds,
  now: Date,
  routeKey: string,
  write: boolean,
): GraphAnswer {
  return {
    status: err.status,
    headers: { ...requestIdHeaders(ids), "content-type": GRAPH_JSON, ...err.headers },
    body: graphErrorBody(err.code, err.message, ids, now, err.details),
    routeKey,
    write,
  };
}

/**
 * Intune nests a JSON document in `message` (graph-facts §9.6); its 429s look like this too.
 */
export function intuneErrorMessage(message: string, ids: RequestIds, url: string): string {
  return JSON.stringify({
    _version: 3,
    Message: `${message} - Operation ID (for customer support): ${randomUUID()} - Activity ID: ${ids.clientRequestId} - Url: ${url}`,
    CustomApiErrorPhrase: "",
    RetryAfter: null,
    ErrorSourceService: "",
    HttpHeaders: "{}",
  });
}

function referencedIds(call: GraphCall, params: Record<string, string>): string[] {
  const ids = Object.values(params);
  const ref = (call.body as { "@odata.id"?: unknown } | undefined)?.["@odata.id"];
  if (typeof ref === "string") {
    const last = ref.split("/").filter(Boolean).pop();
    if (last) ids.push(last);
  }
  return ids;
}

export async function dispatchGraphCall(rt: TenantRuntime, call: GraphCall): Promise<GraphAnswer> {
  const now = rt.clock.now();
  const method = call.method.toUpperCase() as HttpMethod;
  let routeKey = `${call.version} ${method} (unmatched)`;
  let write = method !== "GET";
  try {
    if (!HTTP_METHODS.includes(method))
      throw new GraphHttpError(405, "Request_BadRequest", `The HTTP method '${call.method}' is not allowed for the requested resource.`);
    // `<collection>/$count` is served for every GET collection route (graph-facts §9.3).
    const countPath = method === "GET" ? /^(.*)\/(?:\$|%24)count$/i.exec(call.path)?.[1] : undefined;
    const match = rt.router.match(call.version, method, countPath ?? call.path);
    if (match.kind === "not-found")
      throw new GraphHttpError(400, "BadRequest", `Resource not found for the segment '${match.segment}'.`);
    if (match.kind === "method-not-allowed")
      throw new GraphHttpError(405, "Request_BadRequest", `The HTTP method '${method}' is not allowed for the requested resource.`, {
        allow: match.allowed.join(", "),
      });
    const { route, params } = match;
    routeKey = `${call.version} ${method} ${route.path}${countPath !== undefined ? "/$count" : ""}`;
    write = route.write;

    if (!isAuthorized(call.claims, route, rt.permissions))
      throw new GraphHttpError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");

    if (call.bodyInvalid)
      throw new GraphHttpError(400, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");

    if (rt.lag.lagMs > 0 && !(method === "POST" && !route.path.includes("{")))
      for (const id of referencedIds(call, params))
        if (rt.lag.hidden(id, now))
          throw new GraphHttpError(404, "Request_ResourceNotFound", `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);

    const throttle = rt.throttler.check({
      throttle: route.throttle,
      method,
      pattern: route.path,
      query: call.query,
      appId: call.claims.appid,
      tenantId: rt.tenantId,
    });
    if (throttle.throttled) {
      rt.stats.throttled();
      const message = throttle.intune
        ? intuneErrorMessage(throttle.message, call.ids, `${call.baseUrl}/${call.version}${call.path}`)
        : throttle.message;
      throw new GraphHttpError(429, throttle.code, message, throttle.headers);
    }
    if (call.inBatch && rt.faults.draw({ write, only429: true }).kind === "429") {
      rt.stats.fault("429");
      const retryAfter = String(rt.faults.current()?.retryAfterSeconds ?? 1);
      throw new GraphHttpError(429, "activityLimitReached", "The request has been throttled (injected by /_sim/faults).", { "retry-after": retryAfter });
    }

    const odataReq: ODataRequest = { version: call.version, query: call.query, headers: call.headers, baseUrl: call.baseUrl, path: call.path };
    const ctx: RouteContext = {
      version: call.version,
      method,
      params,
      query: call.query,
      headers: call.headers,
      body: call.body,
      baseUrl: call.baseUrl,
      appId: call.claims.appid,
      roles: call.claims.roles ?? [],
      store: rt.store,
      now: () => rt.clock.now(),
      tenantId: rt.tenantId,
      requestId: call.ids.requestId,
      collection: (items, options) => (countPath !== undefined ? answerCount(odataReq, items, options) : answerCollection(odataReq, items, options)),
      entity: (item, contextPath, defaultSelect, entityType) => answerEntity(odataReq, item, contextPath, defaultSelect, entityType),
    };
    let counted = false;
    if (countPath !== undefined) {
      const collection = ctx.collection;
      ctx.collection = (items, options) => {
        counted = true;
        return collection(items, options);
      };
    }
    const result: SimResult = await rt.lock.run(async () => {
      rt.runTickers();
      return route.handler(ctx);
    });
    if (countPath !== undefined && !counted) throw new GraphHttpError(400, "BadRequest", "Resource not found for the segment '$count'.");
    if (result.status === 201) {
      const id = (result.body as { id?: unknown } | undefined)?.id;
      if (typeof id === "string") rt.lag.created(id, rt.clock.now());
    }
    const headers: Record<string, string> = { ...requestIdHeaders(call.ids), ...throttle.headers, ...(result.headers ?? {}) };
    if (result.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["content-type"] = GRAPH_JSON;
    return { status: result.status, headers, body: result.body, routeKey, write };
  } catch (err) {
    if (err instanceof GraphHttpError) return errorAnswer(err, call.ids, now, routeKey, write);
    const message = err instanceof Error ? err.message : String(err);
    return errorAnswer(new GraphHttpError(500, "UnknownError", `The local tenant failed to process the request: ${message}`), call.ids, now, routeKey, write);
  }
}
