/**
 * Paging: follow `@odata.nextLink` verbatim (an absolute URL; its `$skiptoken` is never parsed or
 * rebuilt) until it is absent, resending the first request's headers on every page because
 * `ConsistencyLevel` is not carried over (graph-facts §9.2). `normalizePage` holds the response-shape
 * rules in one place: a page may hold zero items and still have a nextLink, `@odata.count` is on
 * the first page only, and a delta round ends with `@odata.deltaLink` instead (§9.7).
 */
import type { GraphResponse } from "./types.ts";

export interface GraphPage<T> {
  items: T[];
  nextLink?: string;
  deltaLink?: string;
  /** `@odata.count` (first page, with `$count=true` and `ConsistencyLevel: eventual`). */
  count?: number;
}

export function normalizePage<T>(body: unknown, url: string): GraphPage<T> {
  const page = body as Record<string, unknown> | undefined;
  if (!page || typeof page !== "object" || !Array.isArray(page.value))
    throw new Error(`expected a Graph collection (an object with a "value" array) from ${url}`);
  const text = (k: string) => (typeof page[k] === "string" && page[k] ? (page[k] as string) : undefined);
  return {
    items: page.value as T[],
    ...(text("@odata.nextLink") ? { nextLink: text("@odata.nextLink") } : {}),
    ...(text("@odata.deltaLink") ? { deltaLink: text("@odata.deltaLink") } : {}),
    ...(typeof page["@odata.count"] === "number" ? { count: page["@odata.count"] } : {}),
  };
}

/** Fetches the first page with `first()` and every later one with `next(nextLink)`. */
export async function* pages<T>(
  first: () => Promise<GraphResponse>,
  next: (nextLink: string) => Promise<GraphResponse>,
  firstUrl: string,
): AsyncGenerator<GraphPage<T>> {
  const seen = new Set<string>();
  let page = normalizePage<T>((await first()).body, firstUrl);
  for (;;) {
    yield page;
    if (!page.nextLink) return;
    // A server that hands back a link it already gave would make this loop forever.
    if (seen.has(page.nextLink)) throw new Error(`the nextLink ${page.nextLink} was returned twice; stopping`);
    seen.add(page.nextLink);
    const link = page.nextLink;
    page = normalizePage<T>((await next(link)).body, link);
  }
}

export async function* items<T>(source: AsyncIterable<GraphPage<T>>): AsyncGenerator<T> {
  for await (const page of source) yield* page.items;
}

export interface CollectOptions<T, U> {
  map?: (item: T) => U;
  /** Stop after the item for which this returns true; no further page is fetched. */
  until?: (item: U, collected: readonly U[]) => boolean;
}

/** Gathers items across pages, stopping early when `until` says so (octokit's `done()`). */
export async function collect<T, U = T>(source: AsyncIterable<GraphPage<T>>, opts: CollectOptions<T, U> = {}): Promise<U[]> {
  const out: U[] = [];
  for await (const page of source)
    for (const item of page.items) {
      const mapped = opts.map ? opts.map(item) : (item as unknown as U);
      out.push(mapped);
      if (opts.until?.(mapped, out)) return out;
    }
  return out;
}
