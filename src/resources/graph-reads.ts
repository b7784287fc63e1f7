/**
 * Scoped, batched reads shared by providers: `$filter=… in (…)` over the blueprint's own keys in
 * chunks, first pages of many GETs in `$batch` calls of 20, every `@odata.nextLink` followed
 * (graph-facts §9.2, §9.4). Peers' duplicate bugs came from reading only a first page (peers.md pain
 * point 3): every collection here is read to its end.
 */
import { GraphRequestError } from "../graph/errors.ts";
import type { GraphVersion } from "../graph/types.ts";
import type { GraphPort } from "./types.ts";

/** An OData string literal: single quotes doubled (graph-facts §9.3). */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Graph takes at most 15 values in one `in (…)` of a directory `$filter`. */
export const MAX_IN_VALUES = 15;

/** `property in ('a','b',…)` filters covering `values`, at most 15 values each. */
export function inFilters(property: string, values: readonly string[], size = MAX_IN_VALUES): string[] {
  const unique = [...new Set(values)];
  const out: string[] = [];
  for (let i = 0; i < unique.length; i += size) out.push(`${property} in (${unique.slice(i, i + size).map(odataString).join(",")})`);
  return out;
}

export function isNotFound(err: unknown): boolean {
  return err instanceof GraphRequestError && err.status === 404;
}

/** A GET to send in a batch: a path under the version root with its query already in it. */
export interface BatchedGet {
  url: string;
  headers?: Record<string, string>;
}

/**
 * Sends many GETs through `$batch` and returns, for each, every item of the collection it names
 * (following nextLinks), or the single entity in a one-element list; `null` for a 404.
 */
export async function getAllBatched<T = Record<string, unknown>>(graph: GraphPort, gets: readonly BatchedGet[], version: GraphVersion = "v1.0"): Promise<(T[] | null)[]> {
  if (gets.length === 0) return [];
  const results = await graph.batch(
    gets.map((g, i) => ({ id: String(i + 1), method: "GET" as const, url: g.url, ...(g.headers ? { headers: g.headers } : {}) })),
    { version },
  );
  return Promise.all(
    results.map(async (r, i) => {
      if (!r.ok) {
        if (r.status === 404) return null;
        throw r.error ?? new GraphRequestError(`GET ${gets[i]!.url} failed with status ${r.status}`, { status: r.status, code: "BatchFailure", request: { method: "GET", url: gets[i]!.url, headers: {} } });
      }
      const body = r.body as { value?: T[]; "@odata.nextLink"?: string } | undefined;
      if (!body || !Array.isArray(body.value)) return body === undefined ? [] : [body as T];
      const items = [...body.value];
      if (body["@odata.nextLink"]) items.push(...(await graph.collect<T>(body["@odata.nextLink"], { headers: gets[i]!.headers, version })));
      return items;
    }),
  );
}

/** Every item of the collections named by `gets`, concatenated (404s count as empty). */
export async function collectAllBatched<T = Record<string, unknown>>(graph: GraphPort, gets: readonly BatchedGet[], version: GraphVersion = "v1.0"): Promise<T[]> {
  return (await getAllBatched<T>(graph, gets, version)).flatMap((x) => x ?? []);
}

/** An error message that says Graph found an existing reference (duplicate member add, graph-facts §1). */
export function isAlreadyExists(err: unknown): boolean {
  return err instanceof GraphRequestError && err.status === 400 && /already exist/i.test(err.message);
}
