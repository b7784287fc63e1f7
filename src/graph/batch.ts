/**
 * JSON batching above the middleware (graph-facts §9.4): requests are packed into `POST /$batch`
 * calls of at most 20, a `dependsOn` chain always inside one call, and the answers, which come in
 * any order, are matched back by id. The retry middleware only sees the outer 200, so this layer
 * re-queues the sub-requests that came back 429 or 5xx, honouring each one's `Retry-After`. A 429
 * inside a batch does not mean "not executed", so a non-idempotent write (POST, an upsert PATCH) is
 * re-queued only after its `alreadyApplied` check says the write did not happen; without a check
 * it is reported as failed, never sent twice. Each sub-request is admitted against its own
 * service's budget (`budgetItems`), because Graph throttles them one by one.
 */
import { backoffDelay, parseRetryAfter } from "./backoff.ts";
import { budgetClassOf } from "./budgets.ts";
import { errorFromResponse, GraphRequestError } from "./errors.ts";
import type { Limiter } from "./limiter.ts";
import { isAmbiguous, isIdempotent, type RetryOptions } from "./middleware/retry.ts";
import type { BudgetClass, Clock, GraphResponse, GraphVersion, HttpMethod, IdempotencyCheck, IdempotencyCheckContext, RequestInit } from "./types.ts";

export const MAX_BATCH_REQUESTS = 20;

export interface BatchRequestItem {
  /** Unique in this call (case-insensitive, as Graph compares them); default: the item's index. */
  id?: string;
  method: HttpMethod;
  /** Path under the version root (`/groups/{id}/members/$ref`, already filled in), or a same-origin URL. */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
  /** As `RequestOptions.idempotent`. */
  idempotent?: boolean;
  /** As `RequestOptions.alreadyApplied`, for this sub-request. */
  alreadyApplied?: IdempotencyCheck;
  budget?: BudgetClass;
}

export interface BatchResult<T = unknown> {
  id: string;
  ok: boolean;
  /** The sub-response's status; 0 when no answer was ever received. */
  status: number;
  headers: Record<string, string>;
  body?: T;
  /** Set when `ok` is false. */
  error?: GraphRequestError;
  /** True when an idempotency check found the write already applied. */
  recovered?: boolean;
  /** How many `$batch` calls carried this request. */
  attempts: number;
}

export interface BatchOptions {
  version?: GraphVersion;
  /** Requests per `$batch` call (1–20, default 20). */
  maxPerBatch?: number;
  /** Re-queues per request after a 429/5xx (default: the client's retries, else 5). */
  retries?: number;
  signal?: AbortSignal;
}

export interface BatchDeps {
  baseUrl: string;
  version: GraphVersion;
  limiter: Limiter;
  clock: Clock;
  request: <T>(method: HttpMethod, pathOrUrl: string, init?: RequestInit) => Promise<GraphResponse<T>>;
  retry: RetryOptions;
}

interface Pending {
  index: number;
  id: string;
  key: string;
  item: BatchRequestItem;
  /** Keys of requests this one waits for that have not succeeded yet. */
  deps: Set<string>;
  attempts: number;
  notBefore: number;
  lastError?: GraphRequestError;
}

/** The sub-request URL Graph wants: relative, without the version (`/users/{id}`). */
export function subRequestUrl(url: string, baseUrl: string): string {
  let rest = url;
  if (/^https?:\/\//i.test(rest)) {
    const u = new URL(rest);
    if (u.origin !== new URL(baseUrl).origin) throw new Error(`batch request URL ${u.origin} is not on ${baseUrl}`);
    rest = u.pathname + u.search;
  }
  if (!rest.startsWith("/")) rest = `/${rest}`;
  return rest.replace(/^\/(v1\.0|beta)(?=\/|\?|$)/i, "") || "/";
}

function validate(items: readonly BatchRequestItem[]): { id: string; key: string }[] {
  const ids = items.map((item, i) => {
    const id = item.id ?? String(i + 1);
    return { id, key: id.toLowerCase() };
  });
  const keys = new Set<string>();
  for (const { id, key } of ids) {
    if (keys.has(key)) throw new Error(`batch request id '${id}' is not unique (ids are compared ignoring case)`);
    keys.add(key);
  }
  items.forEach((item, i) => {
    for (const dep of item.dependsOn ?? [])
      if (!keys.has(dep.toLowerCase())) throw new Error(`batch request '${ids[i]!.id}' depends on '${dep}', which is not in the batch`);
  });
  // A cycle could never be sent (Graph refuses it); find one by depth-first search.
  const byKey = new Map(items.map((item, i) => [ids[i]!.key, item]));
  const state = new Map<string, 1 | 2>();
  const visit = (key: string, path: string[]) => {
    if (state.get(key) === 2) return;
    if (state.get(key) === 1) throw new Error(`batch requests depend on each other in a cycle: ${[...path, key].join(" → ")}`);
    state.set(key, 1);
    for (const dep of byKey.get(key)!.dependsOn ?? []) visit(dep.toLowerCase(), [...path, key]);
    state.set(key, 2);
  };
  for (const { key } of ids) visit(key, []);
  return ids;
}

/**
 * Packs the sendable requests into chunks: requests joined by `dependsOn` go in the same chunk
 * (Graph sequences only inside one batch); a chain longer than a chunk sends its first links now
 * and the rest in a later round, once those have succeeded.
 */
export function planChunks(ready: readonly Pending[], max: number): Pending[][] {
  const byKey = new Map(ready.map((p) => [p.key, p]));
  const parent = new Map(ready.map((p) => [p.key, p.key]));
  const find = (k: string): string => {
    let r = k;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(k, r);
    return r;
  };
  for (const p of ready) for (const d of p.deps) if (byKey.has(d)) parent.set(find(p.key), find(d));
  const groups = new Map<string, Pending[]>();
  for (const p of ready) {
    const root = find(p.key);
    if (!groups.has(root)) groups.set(root, []);
    groups.get(root)!.push(p);
  }
  const chunks: Pending[][] = [];
  for (const group of groups.values()) {
    // Dependencies first, so a prefix of the order is always sendable on its own.
    const ordered: Pending[] = [];
    const placed = new Set<string>();
    const place = (p: Pending) => {
      if (placed.has(p.key)) return;
      placed.add(p.key);
      for (const d of p.deps) if (byKey.has(d)) place(byKey.get(d)!);
      ordered.push(p);
    };
    group.sort((a, b) => a.index - b.index).forEach(place);
    const part = ordered.slice(0, max);
    const target = chunks.find((c) => c.length + part.length <= max);
    if (target) target.push(...part);
    else chunks.push(part);
  }
  return chunks;
}

export async function runBatch(deps: BatchDeps, items: readonly BatchRequestItem[], opts: BatchOptions = {}): Promise<BatchResult[]> {
  const ids = validate(items);
  const max = Math.min(MAX_BATCH_REQUESTS, Math.max(1, opts.maxPerBatch ?? MAX_BATCH_REQUESTS));
  const retries = opts.retries ?? deps.retry.retries ?? 5;
  const random = deps.retry.random ?? Math.random;
  const policy = { baseDelayMs: deps.retry.baseDelayMs ?? 1000, maxDelayMs: deps.retry.maxDelayMs ?? 60_000 };
  const results = new Map<string, BatchResult>();
  const pending = new Map<string, Pending>(
    items.map((item, index) => {
      const { id, key } = ids[index]!;
      return [key, { index, id, key, item, deps: new Set((item.dependsOn ?? []).map((d) => d.toLowerCase())), attempts: 0, notBefore: 0 }];
    }),
  );

  const finish = (p: Pending, result: Omit<BatchResult, "id" | "attempts">) => {
    results.set(p.key, { id: p.id, attempts: p.attempts, ...result });
    pending.delete(p.key);
  };
  const fail = (p: Pending, error: GraphRequestError) =>
    finish(p, { ok: false, status: error.status, headers: error.responseHeaders ?? {}, error });
  const requestLike = (p: Pending) => ({
    method: p.item.method,
    url: `${deps.baseUrl}/${opts.version ?? deps.version}${subRequestUrl(p.item.url, deps.baseUrl)}`,
    headers: p.item.headers ?? {},
    body: p.item.body,
  });

  /** A 429/5xx or no answer: re-queue, after a check when the write may already have happened. */
  const requeue = async (p: Pending, error: GraphRequestError, ambiguous: boolean) => {
    p.lastError = error;
    if (p.attempts > retries) return fail(p, error);
    const delay = error.retryAfterMs ?? backoffDelay(p.attempts, policy, random);
    if (error.status === 429) deps.limiter.pause(delay);
    p.notBefore = deps.clock.now() + delay;
    if (!ambiguous || isIdempotent({ method: p.item.method, headers: lower(p.item.headers), options: { idempotent: p.item.idempotent } })) return;
    if (!p.item.alreadyApplied) return fail(p, error);
    await deps.clock.sleep(delay, opts.signal);
    const lookup: IdempotencyCheckContext["lookup"] = (m, path, init = {}) => deps.request(m, path, { ...init, withinSlot: true, signal: opts.signal });
    const found = await p.item.alreadyApplied({ error, lookup });
    if (found.applied) finish(p, { ok: true, status: 200, headers: {}, body: found.body, recovered: true });
  };

  const sendChunk = async (chunk: Pending[]) => {
    for (const p of chunk) p.attempts++;
    const inChunk = new Set(chunk.map((p) => p.key));
    const body = {
      requests: chunk.map((p) => {
        const headers = { ...(p.item.headers ?? {}) };
        if (p.item.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type"))
          headers["Content-Type"] = "application/json";
        const dependsOn = [...p.deps].filter((d) => inChunk.has(d)).map((d) => pending.get(d)!.id);
        return {
          id: p.id,
          method: p.item.method,
          url: subRequestUrl(p.item.url, deps.baseUrl),
          ...(Object.keys(headers).length ? { headers } : {}),
          ...(p.item.body !== undefined ? { body: p.item.body } : {}),
          ...(dependsOn.length ? { dependsOn } : {}),
        };
      }),
    };
    const budgetItems = chunk.map((p) => ({ cls: p.item.budget ?? budgetClassOf(p.item.url), method: p.item.method, url: p.item.url }));
    const allIdempotent = chunk.every((p) =>
      isIdempotent({ method: p.item.method, headers: lower(p.item.headers), options: { idempotent: p.item.idempotent } }),
    );
    let outer: GraphResponse<{ responses?: { id?: unknown; status?: unknown; headers?: Record<string, string>; body?: unknown }[] }>;
    try {
      // The middleware may retry the outer call only when repeating every sub-request is harmless
      // (or on a 429 at the gateway, which executed nothing).
      outer = await deps.request("POST", "/$batch", { version: opts.version ?? deps.version, body, budgetItems, idempotent: allIdempotent, signal: opts.signal });
    } catch (err) {
      if (!(err instanceof GraphRequestError)) throw err;
      if (err.status >= 400 && err.status !== 429 && err.status < 500) {
        for (const p of chunk) fail(p, err);
        return;
      }
      await Promise.all(chunk.map((p) => requeue(p, err, isAmbiguous(err))));
      return;
    }
    const answers = new Map<string, { status: number; headers: Record<string, string>; body?: unknown }>();
    for (const r of outer.body?.responses ?? [])
      if (typeof r.id === "string" && typeof r.status === "number") answers.set(r.id.toLowerCase(), { status: r.status, headers: lower(r.headers), body: r.body });

    const now = deps.clock.now();
    const retrying = new Set<string>();
    const work: Promise<unknown>[] = [];
    // The chunk lists dependencies before dependants (`planChunks`), so a 424 knows whether its
    // dependency is being retried.
    for (const p of chunk) {
      const answer = answers.get(p.key);
      if (!answer) {
        retrying.add(p.key);
        const error = new GraphRequestError(`no answer for batch request '${p.id}'`, { status: 0, code: "NetworkError", request: requestLike(p) });
        work.push(requeue(p, error, true));
        continue;
      }
      if (answer.status < 400) {
        finish(p, { ok: true, status: answer.status, headers: answer.headers, body: answer.body });
        continue;
      }
      const error = errorFromResponse(requestLike(p), answer.status, answer.headers, answer.body, now);
      if (answer.status === 424 && [...p.deps].some((d) => retrying.has(d))) {
        // Not executed: its dependency failed in a way that is being retried.
        retrying.add(p.key);
        p.attempts--;
        continue;
      }
      if (answer.status === 429 || answer.status >= 500) {
        retrying.add(p.key);
        work.push(requeue(p, error, true));
        continue;
      }
      fail(p, error);
    }
    await Promise.all(work);
  };

  while (pending.size) {
    opts.signal?.throwIfAborted();
    // Requests whose dependency failed for good get Graph's 424 without being sent.
    for (const p of [...pending.values()]) {
      const failedDep = [...p.deps].map((d) => results.get(d)).find((r) => r && !r.ok);
      if (failedDep)
        fail(
          p,
          new GraphRequestError(`batch request '${p.id}' depends on '${failedDep.id}', which failed with status ${failedDep.status}`, {
            status: 424,
            code: "FailedDependency",
            request: requestLike(p),
          }),
        );
    }
    for (const p of pending.values()) for (const d of [...p.deps]) if (results.get(d)?.ok) p.deps.delete(d);
    if (!pending.size) break;

    const now = deps.clock.now();
    const due = [...pending.values()].filter((p) => p.notBefore <= now);
    // A request is sendable when each unmet dependency is also due (then they travel together).
    const dueKeys = new Set(due.map((p) => p.key));
    const closed = (p: Pending, seen = new Set<string>()): boolean =>
      [...p.deps].every((d) => dueKeys.has(d) && (seen.has(d) || (seen.add(d), closed(pending.get(d)!, seen))));
    const ready = due.filter((p) => closed(p));
    if (!ready.length) {
      const next = Math.min(...[...pending.values()].map((p) => p.notBefore));
      await deps.clock.sleep(Math.max(1, next - now), opts.signal);
      continue;
    }
    await Promise.all(planChunks(ready, max).map(sendChunk));
  }
  return items.map((_, i) => results.get(ids[i]!.key)!);
}

function lower(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = String(v);
  return out;
}

/** Re-exported for callers that read a sub-response's `Retry-After` themselves. */
export { parseRetryAfter };
