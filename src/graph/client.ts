/**
 * The composition root of the Graph client: requests go through the middleware chain
 * `requestId → log → throttle → retry → auth → transport` (README.md says why in that order), and
 * `paginate` and `batch` are layers above it. One client holds one limiter, because Graph throttles
 * per app per tenant.
 *
 * @example
 *   const graph = createGraphClient({ baseUrl: "https://graph.microsoft.com", transport: fetchTransport(), tokenProvider });
 *   const { body } = await graph.request<Group>("GET", "/groups/{id}", { params: { id } });
 *   for await (const user of graph.paginate<User>("/users", { query: { $select: "id,userPrincipalName" } })) …
 */
import { runBatch, type BatchOptions, type BatchRequestItem, type BatchResult } from "./batch.ts";
import { DOCUMENTED_BUDGETS, type Budgets } from "./budgets.ts";
import { systemClock } from "./clock.ts";
import { createLimiter, type Limiter } from "./limiter.ts";
import { auth } from "./middleware/auth.ts";
import { log } from "./middleware/log.ts";
import { requestId } from "./middleware/request-id.ts";
import { retry, type RetryOptions } from "./middleware/retry.ts";
import { throttle } from "./middleware/throttle.ts";
import { collect, items, pages, type CollectOptions, type GraphPage } from "./paginate.ts";
import type {
  Clock,
  GraphRequest,
  GraphResponse,
  GraphVersion,
  HttpMethod,
  Logger,
  Middleware,
  Next,
  RequestInit,
  TokenProvider,
  Transport,
} from "./types.ts";

export interface GraphClientOptions {
  /** Graph's root without a version: `https://graph.microsoft.com`, a national cloud, or the local tenant. */
  baseUrl: string;
  /** Default version of relative paths (default `v1.0`). */
  version?: GraphVersion;
  transport: Transport;
  /** Where tokens come from; without one no `Authorization` header is sent. */
  tokenProvider?: TokenProvider;
  logger?: Logger;
  clock?: Clock;
  /** Requests in flight at once (default 4). */
  maxConcurrent?: number;
  /** Client-side budgets (default: Microsoft's documented limits); `false` turns them off. */
  budgets?: Budgets | false;
  retry?: RetryOptions;
  /** Replaces the default chain (the transport stays innermost). */
  middleware?: Middleware[];
}

export interface GraphClient {
  readonly baseUrl: string;
  readonly version: GraphVersion;
  readonly limiter: Limiter;
  /** One request through the chain; throws `GraphRequestError` on failure. */
  request<T = unknown>(method: HttpMethod, pathOrUrl: string, init?: RequestInit): Promise<GraphResponse<T>>;
  /** Every item of a collection, page after page. */
  paginate<T = unknown>(pathOrUrl: string, init?: RequestInit): AsyncIterable<T>;
  /** The pages themselves (nextLink, deltaLink, count). */
  pages<T = unknown>(pathOrUrl: string, init?: RequestInit): AsyncIterable<GraphPage<T>>;
  /** Gathers a collection, optionally mapping and stopping early. */
  collect<T = unknown, U = T>(pathOrUrl: string, init?: RequestInit & CollectOptions<T, U>): Promise<U[]>;
  /** Sends requests through `$batch` (≤ 20 per call), re-queueing throttled and failed sub-requests. */
  batch(items: readonly BatchRequestItem[], opts?: BatchOptions): Promise<BatchResult[]>;
}

/** Chains middleware around the transport, outermost first (hono's `compose`). */
export function compose(middleware: readonly Middleware[], transport: Transport): Next {
  return middleware.reduceRight<Next>((next, mw) => (req) => mw(req, next), transport);
}

/** `'` is encoded too (`%27`), as graph-facts §9.3 advises for `$filter` literals. */
export function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(/'/g, "%27");
}

export function buildUrl(baseUrl: string, version: GraphVersion, pathOrUrl: string, init: Pick<RequestInit, "params" | "query"> = {}): string {
  const path = pathOrUrl.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = init.params?.[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${pathOrUrl}`);
    return encodeURIComponent(value).replace(/'/g, "%27");
  });
  let url: string;
  if (/^https?:\/\//i.test(path)) url = path;
  else url = `${baseUrl.replace(/\/+$/, "")}/${version}${path.startsWith("/") ? "" : "/"}${path}`;
  const query = Object.entries(init.query ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeQueryValue(String(v))}`);
  if (query.length) url += (url.includes("?") ? "&" : "?") + query.join("&");
  return url;
}

function lowerKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = v;
  return out;
}

export function createGraphClient(opts: GraphClientOptions): GraphClient {
  const clock = opts.clock ?? systemClock;
  const version = opts.version ?? "v1.0";
  const baseUrl = opts.baseUrl.replace(/\/+$/, "");
  const limiter = createLimiter({
    maxConcurrent: opts.maxConcurrent,
    budgets: opts.budgets === false ? undefined : (opts.budgets ?? DOCUMENTED_BUDGETS),
    clock,
  });
  const chain: Middleware[] = opts.middleware ?? [
    requestId(),
    ...(opts.logger ? [log({ logger: opts.logger, clock })] : []),
    throttle({ limiter }),
    retry({ clock, ...opts.retry }),
    ...(opts.tokenProvider ? [auth(opts.tokenProvider, { origins: [baseUrl] })] : []),
  ];
  const send = compose(chain, opts.transport);

  async function request<T>(method: HttpMethod, pathOrUrl: string, init: RequestInit = {}): Promise<GraphResponse<T>> {
    const { params, query, body, headers, version: v, ...options } = init;
    const req: GraphRequest = {
      method,
      url: buildUrl(baseUrl, v ?? version, pathOrUrl, { params, query }),
      headers: lowerKeys(headers),
      ...(body !== undefined ? { body } : {}),
      options,
      context: {
        attempt: 0,
        lookup: (m, p, i = {}) => request(m, p, { ...i, withinSlot: true, signal: i.signal ?? options.signal }),
      },
    };
    return (await send(req)) as GraphResponse<T>;
  }

  function pagesOf<T>(pathOrUrl: string, init: RequestInit = {}): AsyncIterable<GraphPage<T>> {
    const firstUrl = buildUrl(baseUrl, init.version ?? version, pathOrUrl, init);
    const { params: _p, query: _q, ...rest } = init;
    return {
      [Symbol.asyncIterator]: () =>
        pages<T>(
          () => request("GET", pathOrUrl, init),
          (nextLink) => request("GET", nextLink, rest),
          firstUrl,
        ),
    };
  }

  return {
    baseUrl,
    version,
    limiter,
    request,
    pages: pagesOf,
    paginate: <T>(pathOrUrl: string, init?: RequestInit) => ({ [Symbol.asyncIterator]: () => items(pagesOf<T>(pathOrUrl, init)) }),
    collect: <T, U = T>(pathOrUrl: string, init: RequestInit & CollectOptions<T, U> = {}) => {
      const { map, until, ...rest } = init;
      return collect<T, U>(pagesOf<T>(pathOrUrl, rest), { map, until });
    },
    batch: (batchItems, batchOpts = {}) =>
      runBatch(
        {
          baseUrl,
          version: batchOpts.version ?? version,
          limiter,
          clock,
          request,
          retry: opts.retry ?? {},
        },
        batchItems,
        batchOpts,
      ),
  };
}
