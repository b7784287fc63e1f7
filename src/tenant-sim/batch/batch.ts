/**
 * JSON batching, `POST /v1.0/$batch` and `/beta/$batch` (graph-facts §9.4): at most 20 requests with
 * unique (case-insensitive) ids — strings, or numbers answered as strings — `dependsOn` sequencing with 424 for dependants of a failed request,
 * each sub-request authorised and throttled on its own (its own 429 + `Retry-After`), responses in
 * a seeded shuffled order. Sub-request URLs may carry the version prefix (`/v1.0/groups`, what
 * graph-client sends, local-https-auth.md §5) or not (`/groups`, what the docs show).
 */
import { randomUUID } from "node:crypto";
import { GraphHttpError, type GraphVersion } from "../framework.ts";
import { errorAnswer, type GraphAnswer, type GraphCall } from "../graph-dispatch.ts";
import { graphErrorBody, type RequestIds } from "../graph-errors.ts";
import { shuffled, type Random } from "../faults/prng.ts";
import { parseJsonBody } from "../json-body.ts";
import { dependencyCycleMessage, findDependencyCycle } from "./dependency-graph.ts";

export const MAX_BATCH_REQUESTS = 20;

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

export interface BatchResponseItem {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

export interface BatchOuter {
  version: GraphVersion;
  body: unknown;
  baseUrl: string;
  claims: GraphCall["claims"];
  ids: RequestIds;
  /** Lower-cased headers of the `$batch` request itself. */
  headers: Record<string, string>;
}

function bad(message: string): GraphHttpError {
  return new GraphHttpError(400, "BadRequest", message);
}

/**
 * A request id as Graph answers it: a string. Admin tools number their sub-requests (`1, 2, …`,
 * IntuneCD's `create_batch_request`) and Graph takes those too, answering each id as a string, so a
 * JSON number is read as its decimal text; `dependsOn` may name it either way.
 */
function batchId(raw: unknown): string | undefined {
  if (typeof raw === "string") return raw === "" ? undefined : raw;
  if (typeof raw === "number" && Number.isFinite(raw)) return String(raw);
  return undefined;
}

function validate(body: unknown): BatchItem[] {
  const requests = (body as { requests?: unknown } | undefined)?.requests;
  if (!Array.isArray(requests)) throw bad("Invalid batch payload format: the body must have a 'requests' array.");
  if (requests.length === 0) throw bad("Invalid batch payload format: the 'requests' array is empty.");
  if (requests.length > MAX_BATCH_REQUESTS)
    throw bad(`Number of batch requests exceeds the limit of ${MAX_BATCH_REQUESTS}: ${requests.length} requests were sent.`);
  const seen = new Set<string>();
  const items: BatchItem[] = [];
  for (const raw of requests) {
    const id = batchId((raw as { id?: unknown } | null)?.id);
    if (id === undefined) throw bad("Invalid batch payload format: every request needs an 'id' (a string or a number).");
    const dependsOn = (raw as { dependsOn?: unknown }).dependsOn;
    const r: Partial<BatchItem> & { id: string } = {
      ...(raw as Partial<BatchItem>),
      id,
      ...(Array.isArray(dependsOn) ? { dependsOn: dependsOn.map((d) => batchId(d) ?? (d as string)) } : {}),
    };
    if (typeof r.method !== "string" || typeof r.url !== "string")
      throw bad(`Invalid batch payload format: request '${r.id}' needs 'method' and 'url'.`);
    const key = r.id.toLowerCase();
    if (seen.has(key)) throw bad(`Batch request id '${r.id}' is not unique.`);
    seen.add(key);
    if (r.dependsOn !== undefined && (!Array.isArray(r.dependsOn) || r.dependsOn.some((d) => typeof d !== "string")))
      throw bad(`Invalid batch payload format: 'dependsOn' of request '${r.id}' must be an array of ids.`);
    items.push(r as BatchItem);
  }
  const ids = new Set(items.map((i) => i.id.toLowerCase()));
  for (const item of items)
    for (const dep of item.dependsOn ?? [])
      if (!ids.has(dep.toLowerCase())) throw bad(`Request '${item.id}' depends on '${dep}', which is not in the batch.`);
  const cycle = findDependencyCycle(items);
  if (cycle) throw bad(dependencyCycleMessage(cycle));
  return items;
}

/** Splits a sub-request URL into version, path and query, with or without the version prefix. */
export function resolveSubRequestUrl(url: string, outer: GraphVersion): { version: GraphVersion; path: string; query: URLSearchParams } {
  let rest = url.trim();
  const abs = /^https?:\/\/[^/]+(\/.*)?$/i.exec(rest);
  if (abs) rest = abs[1] ?? "/";
  if (!rest.startsWith("/")) rest = `/${rest}`;
  let version = outer;
  const m = /^\/(v1\.0|beta)(\/.*|$)/i.exec(rest.split("?")[0]!);
  if (m) {
    version = m[1]!.toLowerCase() === "beta" ? "beta" : "v1.0";
    rest = rest.slice(m[1]!.length + 1) || "/";
  }
  const q = rest.indexOf("?");
  return { version, path: q < 0 ? rest : rest.slice(0, q), query: new URLSearchParams(q < 0 ? "" : rest.slice(q + 1)) };
}

/**
 * Sub-response headers use HTTP's usual casing (`Content-Type`, `Retry-After`), as Graph's batch
 * answers do; graph-client's BatchResponseContent looks up `headers["Content-Type"]` exactly.
 */
const CANONICAL: Record<string, string> = {
  "content-type": "Content-Type",
  "retry-after": "Retry-After",
  location: "Location",
  "cache-control": "Cache-Control",
  "odata-version": "OData-Version",
  "www-authenticate": "WWW-Authenticate",
};

function canonicalHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [CANONICAL[k.toLowerCase()] ?? k, v]));
}

export async function runBatch(
  outer: BatchOuter,
  dispatch: (call: GraphCall) => Promise<GraphAnswer>,
  random: Random,
  now: () => Date,
): Promise<{ status: number; body: unknown }> {
  let items: BatchItem[];
  try {
    items = validate(outer.body);
  } catch (err) {
    if (err instanceof GraphHttpError) return { status: 400, body: graphErrorBody(err.code, err.message, outer.ids, now()) };
    throw err;
  }

  const results = new Map<string, Promise<BatchResponseItem>>();
  const byId = new Map(items.map((i) => [i.id.toLowerCase(), i]));

  const run = (item: BatchItem): Promise<BatchResponseItem> => {
    const key = item.id.toLowerCase();
    const existing = results.get(key);
    if (existing) return existing;
    const promise = (async (): Promise<BatchResponseItem> => {
      const deps = await Promise.all((item.dependsOn ?? []).map((d) => run(byId.get(d.toLowerCase())!)));
      const failed = deps.find((d) => d.status >= 400);
      const ids: RequestIds = { requestId: randomUUID(), clientRequestId: outer.ids.clientRequestId };
      if (failed) {
        return {
          id: item.id,
          status: 424,
          headers: { "Content-Type": "application/json" },
          body: graphErrorBody("FailedDependency", `The request depends on request '${failed.id}', which failed with status ${failed.status}.`, ids, now()),
        };
      }
      const headers = Object.fromEntries(Object.entries(item.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
      const answer = await subRequest(item, headers, ids);
      return { id: item.id, status: answer.status, headers: canonicalHeaders(answer.headers), ...(answer.body !== undefined ? { body: answer.body } : {}) };
    })();
    results.set(key, promise);
    return promise;
  };

  const subRequest = async (item: BatchItem, headers: Record<string, string>, ids: RequestIds): Promise<GraphAnswer> => {
    const { version, path, query } = resolveSubRequestUrl(item.url, outer.version);
    if (/^\/\$batch$/i.test(path))
      return errorAnswer(bad("A batch request cannot contain another $batch request."), ids, now(), `${version} POST /$batch`, true);
    if (item.body !== undefined && !headers["content-type"])
      return errorAnswer(bad("Content-Type header must be specified for a request with a body."), ids, now(), `${version} ${item.method} (unmatched)`, true);
    let body = item.body;
    // A JSON body may also arrive base64-encoded with a JSON content type; accept both.
    if (typeof body === "string" && /json/i.test(headers["content-type"] ?? "")) {
      // Read as a request body is (UTF-8, bounded nesting); anything else stays the string as sent.
      const decoded = parseJsonBody(Buffer.from(body, "base64"));
      if (decoded.ok) body = decoded.value;
    }
    return dispatch({
      version,
      method: item.method,
      path,
      query,
      headers: { ...headers, "client-request-id": outer.ids.clientRequestId },
      body,
      claims: outer.claims,
      ids,
      baseUrl: outer.baseUrl,
      inBatch: true,
    });
  };

  const responses = await Promise.all(items.map(run));
  return { status: 200, body: { responses: shuffled(responses, random) } };
}
