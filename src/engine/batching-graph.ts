/**
 * A Graph port that packs the requests independent changes make at the same moment into `$batch`
 * calls (≤ 20 each, graph-facts §9.4), as DataLoader does for queries: what is asked in one turn of
 * the event loop travels together, and a request that is alone goes as itself. Apply runs many
 * changes at once, each a short chain of requests, so most of its requests find company. Retries,
 * idempotency checks and budgets stay the client's (`GraphPort.batch`).
 */
import { buildUrl } from "../graph/client.ts";
import { MAX_BATCH_REQUESTS, subRequestUrl, type BatchOptions, type BatchRequestItem, type BatchResult } from "../graph/batch.ts";
import { GraphRequestError } from "../graph/errors.ts";
import type { GraphResponse, GraphVersion, HttpMethod, RequestInit } from "../graph/types.ts";
import type { GraphPort } from "../resources/types.ts";

/** Bodies larger than this go alone: a `$batch` carries every body of its requests at once. */
export const MAX_BATCHED_BODY_BYTES = 64 * 1024;

/** Any origin: `buildUrl` needs one, and only the path and query of what it builds are used. */
const ORIGIN = "https://graph.invalid";

/** One request waiting for company: as a `$batch` item, and how to hand its answer back. */
interface Queued {
  item: Omit<BatchRequestItem, "id">;
  deliver: (result: BatchResult) => void;
  /** Sends it as a request of its own, when nothing else came along (requests only). */
  alone?: () => void;
}

/** Options that only a request of its own can honour (its own retry policy, timeout or signal). */
function needsOwnRequest(pathOrUrl: string, init: RequestInit): boolean {
  if (/^https?:\/\//i.test(pathOrUrl)) return true;
  if (init.retry || init.timeoutMs !== undefined || init.signal || init.withinSlot || init.budgetItems) return true;
  return tooLarge(init.body);
}

function tooLarge(body: unknown): boolean {
  return body !== undefined && (typeof body === "string" || JSON.stringify(body).length > MAX_BATCHED_BODY_BYTES);
}

export function batchingGraph(graph: GraphPort, opts: { defaultVersion?: GraphVersion } = {}): GraphPort {
  const defaultVersion = opts.defaultVersion ?? "v1.0";
  const queues = new Map<GraphVersion, Queued[]>();
  let scheduled = false;

  async function send(version: GraphVersion, group: Queued[]): Promise<void> {
    if (group.length === 1 && group[0]!.alone) return group[0]!.alone();
    const items = group.map((q, i) => ({ ...q.item, id: String(i + 1) }));
    let results: BatchResult[];
    try {
      results = await graph.batch(items, { version });
    } catch (err) {
      const error = err instanceof GraphRequestError ? err : new GraphRequestError((err as Error).message ?? String(err), { status: 0, code: "BatchFailure", request: { method: "POST", url: "/$batch" }, cause: err });
      results = items.map((item) => ({ id: item.id, ok: false, status: error.status, headers: {}, error, attempts: 1 }));
    }
    results.forEach((r, i) => group[i]!.deliver(r));
  }

  function flush(): void {
    scheduled = false;
    for (const [version, queue] of queues) {
      queues.delete(version);
      for (let i = 0; i < queue.length; i += MAX_BATCH_REQUESTS) void send(version, queue.slice(i, i + MAX_BATCH_REQUESTS));
    }
  }

  function enqueue(version: GraphVersion, q: Queued): void {
    const queue = queues.get(version) ?? [];
    queues.set(version, queue);
    queue.push(q);
    // Whatever else is asked in this turn of the event loop joins; a full batch leaves at once.
    if (queue.length >= MAX_BATCH_REQUESTS) {
      queues.delete(version);
      void send(version, queue);
    } else if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  }

  function request<T>(method: HttpMethod, pathOrUrl: string, init: RequestInit = {}): Promise<GraphResponse<T>> {
    if (needsOwnRequest(pathOrUrl, init)) return graph.request<T>(method, pathOrUrl, init);
    const version = init.version ?? defaultVersion;
    const { params, query, body, headers, idempotent, alreadyApplied, budget } = init;
    const url = subRequestUrl(buildUrl(ORIGIN, version, pathOrUrl, { params, query }), ORIGIN);
    return new Promise<GraphResponse<T>>((resolve, reject) => {
      enqueue(version, {
        item: {
          method,
          url,
          ...(headers ? { headers } : {}),
          ...(body !== undefined ? { body } : {}),
          ...(idempotent !== undefined ? { idempotent } : {}),
          ...(alreadyApplied ? { alreadyApplied } : {}),
          ...(budget ? { budget } : {}),
        },
        deliver: (r) =>
          r.ok
            ? resolve({ status: r.status, headers: r.headers, body: r.body as T, ...(r.recovered ? { recovered: true } : {}) })
            : reject(r.error ?? new GraphRequestError(`${method} ${url} failed with status ${r.status}`, { status: r.status, code: "BatchFailure", request: { method, url } })),
        alone: () => void graph.request<T>(method, pathOrUrl, init).then(resolve, reject),
      });
    });
  }

  /** Small batches of independent requests join the queue too, so concurrent callers share calls. */
  function batch(items: readonly BatchRequestItem[], batchOpts: BatchOptions = {}): Promise<BatchResult[]> {
    const shareable = items.length < MAX_BATCH_REQUESTS && !batchOpts.signal && batchOpts.maxPerBatch === undefined && batchOpts.retries === undefined && items.every((i) => !i.dependsOn?.length && !tooLarge(i.body));
    if (!shareable) return graph.batch(items, batchOpts);
    const version = batchOpts.version ?? defaultVersion;
    return Promise.all(
      items.map(
        (item, i) =>
          new Promise<BatchResult>((resolve) => {
            const { id: _id, ...rest } = item;
            enqueue(version, { item: rest, deliver: (r) => resolve({ ...r, id: item.id ?? String(i + 1) }) });
          }),
      ),
    );
  }

  return {
    request,
    // The first page travels with the others; further pages (absolute nextLinks) go on their own.
    async collect<T>(pathOrUrl: string, init: RequestInit = {}): Promise<T[]> {
      if (needsOwnRequest(pathOrUrl, init)) return graph.collect<T>(pathOrUrl, init);
      const first = await request<{ value?: T[]; "@odata.nextLink"?: string }>("GET", pathOrUrl, init);
      if (!Array.isArray(first.body?.value)) return graph.collect<T>(pathOrUrl, init);
      const items = [...first.body.value];
      const next = first.body["@odata.nextLink"];
      if (next) items.push(...(await graph.collect<T>(next, { ...(init.headers ? { headers: init.headers } : {}), ...(init.version ? { version: init.version } : {}) })));
      return items;
    },
    batch,
  };
}
