/**
 * Service-limit throttling per Microsoft's documented numbers (graph-facts §9.5):
 * - identity and access (users, groups, licences, devices): token buckets of resource units per app
 *   and tenant (3,500 / 5,000 / 8,000 per 10 s by tenant size), writes per app and tenant
 *   (3,000 / 150 s) and per tenant (18,000 / 5 min); a 429 carries `Retry-After`,
 *   `x-ms-throttle-scope` and `x-ms-throttle-information`;
 * - Intune (device configuration, enrollment/Autopilot, devices — one route class each): sliding
 *   20 s windows of writes and of requests, per tenant and per app per tenant, each service with its
 *   own budget; Intune's 429 has NO `Retry-After` and nests its message as JSON.
 * Modes: `off`; `realistic` (the documented numbers); `strict` (every limit divided by 100, at least
 * 2, so tests reach them in a handful of requests). Time is the tenant clock's, so a test can wait
 * out a `Retry-After` by moving the clock instead of sleeping.
 */
import type { HttpMethod, ThrottleClass } from "../framework.ts";

export type ThrottlingMode = "off" | "realistic" | "strict";

interface Bucket {
  capacity: number;
  refillPerMs: number;
  tokens: number;
  last: number;
}

function bucket(capacity: number, windowMs: number, now: number): Bucket {
  return { capacity, refillPerMs: capacity / windowMs, tokens: capacity, last: now };
}

/** Rounding slack: a bucket refilled for exactly the computed wait must count as full enough. */
const EPSILON = 1e-9;

function refill(b: Bucket, now: number): void {
  // The tenant clock can be moved back (`/_sim/clock`): that refills nothing and drains nothing.
  if (now > b.last) b.tokens = Math.min(b.capacity, b.tokens + (now - b.last) * b.refillPerMs);
  b.last = now;
}

/** Milliseconds until `cost` tokens are available (0 = available now). */
function waitFor(b: Bucket, cost: number): number {
  return b.tokens + EPSILON >= cost ? 0 : Math.ceil((cost - b.tokens) / b.refillPerMs);
}

export interface ThrottleRequest {
  throttle: ThrottleClass;
  method: HttpMethod;
  /** The route pattern (`/groups/{id}/members`), for the resource-unit cost table. */
  pattern: string;
  query: URLSearchParams;
  appId: string;
  tenantId: string;
}

export type ThrottleOutcome =
  | { throttled: false; headers: Record<string, string> }
  | { throttled: true; status: 429; code: string; message: string; headers: Record<string, string>; intune: boolean };

export interface Throttler {
  readonly mode: ThrottlingMode;
  check(req: ThrottleRequest): ThrottleOutcome;
}

const isWrite = (m: HttpMethod) => m !== "GET";

/** Base resource-unit costs of the identity limits (graph-facts §9.5). */
export function resourceUnitCost(method: HttpMethod, pattern: string, query: URLSearchParams): number {
  if (isWrite(method)) return 1;
  const p = pattern.toLowerCase();
  let cost = 1;
  if (/^\/users(\/\{[^}]+\})?$/.test(p)) cost = 2;
  else if (p.endsWith("/transitivemembers")) cost = 5;
  else if (/^\/groups\/\{[^}]+\}\/members$/.test(p)) cost = 3;
  else if (p === "/subscribedskus") cost = 3;
  else if (p.endsWith("/licensedetails")) cost = 2;
  if (query.has("$select")) cost -= 1;
  if (query.has("$expand")) cost += 1;
  const top = Number(query.get("$top"));
  if (query.has("$top") && top < 20) cost -= 1;
  return Math.max(1, cost);
}

type IntuneService = "configuration" | "enrollment" | "devices";

/**
 * Which Intune service's limits a route class counts against (graph-facts §9.5, Intune table): the
 * route says so itself (managed-device routes are `intune-devices`, Autopilot `intune-enrollment`),
 * so a path under another prefix cannot fall into the wrong budget.
 */
export function intuneServiceOf(throttle: ThrottleClass): IntuneService {
  if (throttle === "intune-devices") return "devices";
  if (throttle === "intune-enrollment") return "enrollment";
  return "configuration";
}

const INTUNE_LIMITS: Record<IntuneService, { tenantWrites: number; appWrites: number; tenantAll: number; appAll: number }> = {
  configuration: { tenantWrites: 200, appWrites: 100, tenantAll: 2000, appAll: 1000 },
  enrollment: { tenantWrites: 200, appWrites: 100, tenantAll: 2000, appAll: 1000 },
  devices: { tenantWrites: 400, appWrites: 200, tenantAll: 4000, appAll: 2000 },
};
const INTUNE_WINDOW_MS = 20_000;

export function createThrottler(
  mode: ThrottlingMode,
  opts: { userCount: () => number; now?: () => number },
): Throttler {
  const now = opts.now ?? Date.now;
  const buckets = new Map<string, Bucket>();
  const scale = (n: number) => (mode === "strict" ? Math.max(2, Math.floor(n / 100)) : n);
  const get = (key: string, capacity: number, windowMs: number) => {
    const t = now();
    let b = buckets.get(key);
    if (!b || b.capacity !== scale(capacity)) {
      b = bucket(scale(capacity), windowMs, t);
      buckets.set(key, b);
    }
    refill(b, t);
    return b;
  };

  function directory(req: ThrottleRequest): ThrottleOutcome {
    const users = opts.userCount();
    // Tenant size S (< 50 users), M (50–500), L (> 500).
    const ruLimit = users < 50 ? 3500 : users <= 500 ? 5000 : 8000;
    const cost = resourceUnitCost(req.method, req.pattern, req.query);
    const ru = get(`dir-ru|${req.appId}|${req.tenantId}`, ruLimit, 10_000);
    const checks: { b: Bucket; cost: number; scope: string; info: string }[] = [
      { b: ru, cost, scope: `Tenant_Application/ReadWrite/${req.appId}/${req.tenantId}`, info: "ResourceUnitLimitExceeded" },
    ];
    if (isWrite(req.method)) {
      checks.push(
        { b: get(`dir-w|${req.appId}|${req.tenantId}`, 3000, 150_000), cost: 1, scope: `Tenant_Application/Write/${req.appId}/${req.tenantId}`, info: "WriteLimitExceeded" },
        { b: get(`dir-tw|${req.tenantId}`, 18_000, 300_000), cost: 1, scope: `Tenant/Write/${req.appId}/${req.tenantId}`, info: "WriteLimitExceeded" },
      );
    }
    // The request passes only when every limit has room, so the wait is the longest one: a client
    // that waits exactly Retry-After (whole seconds, rounded up) then gets through.
    let blocked: (typeof checks)[number] | undefined;
    let waitMs = 0;
    for (const c of checks) {
      const w = waitFor(c.b, c.cost);
      if (w > waitMs) [blocked, waitMs] = [c, w];
    }
    if (blocked) {
      const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
      return {
        throttled: true,
        status: 429,
        intune: false,
        code: "activityLimitReached",
        message: `The request has been throttled: ${blocked.info}. Retry after ${retryAfter} seconds.`,
        headers: {
          "retry-after": String(retryAfter),
          "x-ms-throttle-scope": blocked.scope,
          "x-ms-throttle-information": blocked.info,
          "x-ms-resource-unit": String(cost),
        },
      };
    }
    for (const c of checks) c.b.tokens -= c.cost;
    const headers: Record<string, string> = { "x-ms-resource-unit": String(cost) };
    const used = 1 - ru.tokens / ru.capacity;
    // Sent only above 80 % of the limit, as 0.8–1.8.
    if (used > 0.8) headers["x-ms-throttle-limit-percentage"] = used.toFixed(1);
    return { throttled: false, headers };
  }

  // Intune states its limits as "N requests per 20 seconds": a sliding window, not a bucket.
  const windows = new Map<string, number[]>();
  const windowOf = (key: string, capacity: number) => {
    const t = now();
    const stored = windows.get(key) ?? [];
    // Requests "in the future" of a tenant clock moved back no longer count.
    const w = stored.length && stored[stored.length - 1]! > t ? stored.filter((at) => at <= t) : stored;
    windows.set(key, w);
    while (w.length && w[0]! <= t - INTUNE_WINDOW_MS) w.shift();
    return { full: w.length >= scale(capacity), take: () => w.push(t) };
  };

  function intune(req: ThrottleRequest): ThrottleOutcome {
    const service = intuneServiceOf(req.throttle);
    const l = INTUNE_LIMITS[service];
    const checks = [
      windowOf(`in-all|${service}|${req.tenantId}`, l.tenantAll),
      windowOf(`in-app|${service}|${req.appId}|${req.tenantId}`, l.appAll),
    ];
    if (isWrite(req.method))
      checks.push(
        windowOf(`in-w|${service}|${req.tenantId}`, l.tenantWrites),
        windowOf(`in-appw|${service}|${req.appId}|${req.tenantId}`, l.appWrites),
      );
    if (checks.some((c) => c.full)) {
      return {
        throttled: true,
        status: 429,
        intune: true,
        code: "TooManyRequests",
        message: "Too many requests for this application and tenant.",
        // No Retry-After: Intune's 429s do not carry one (graph-facts §9.5).
        headers: {},
      };
    }
    for (const c of checks) c.take();
    return { throttled: false, headers: {} };
  }

  return {
    mode,
    check(req) {
      if (mode === "off" || req.throttle === "none") return { throttled: false, headers: {} };
      return req.throttle === "directory" ? directory(req) : intune(req);
    },
  };
}
