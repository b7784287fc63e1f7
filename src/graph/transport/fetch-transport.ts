/**
 * The real transport: undici's `fetch` through an undici `Agent`. A local tenant's CA is trusted
 * through the Agent's `connect.ca` for this client only — never by turning verification off, and
 * without touching the process (local-https-auth.md §6: `ca` replaces the default roots, so an
 * Agent with a CA reaches only that tenant; one without reaches real Graph with Node's roots).
 * This is the only place that turns HTTP statuses ≥ 400 and network failures into errors.
 */
import { Agent, fetch } from "undici";
import { systemClock } from "../clock.ts";
import { errorFromResponse, networkError } from "../errors.ts";
import type { Clock, GraphRequest, GraphResponse, Transport } from "../types.ts";

export interface FetchTransportOptions {
  /** PEM of the CA to trust instead of the default roots (the local tenant's `ca.pem`). */
  ca?: string;
  /** Per-attempt timeout in ms when the request sets none (default 100 s, like Graph's gateway). */
  timeoutMs?: number;
  /** Connections per origin (default 16). */
  connections?: number;
  clock?: Clock;
}

export interface FetchTransport extends Transport {
  /** Closes the pooled connections. */
  close(): Promise<void>;
}

export function encodeBody(req: GraphRequest): { body?: string; contentType?: string } {
  if (req.body === undefined) return {};
  if (typeof req.body === "string") return { body: req.body };
  return { body: JSON.stringify(req.body), contentType: "application/json" };
}

export function parseBody(text: string, contentType: string | undefined): unknown {
  if (text === "") return undefined;
  if (/json/i.test(contentType ?? "") || /^\s*[{[]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

export function fetchTransport(opts: FetchTransportOptions = {}): FetchTransport {
  const clock = opts.clock ?? systemClock;
  const dispatcher = new Agent({
    connections: opts.connections ?? 16,
    ...(opts.ca ? { connect: { ca: opts.ca } } : {}),
  });

  const transport = async function fetchTransport(req: GraphRequest): Promise<GraphResponse> {
    const { body, contentType } = encodeBody(req);
    const headers: Record<string, string> = { accept: "application/json", ...req.headers };
    if (contentType && !headers["content-type"]) headers["content-type"] = contentType;
    const timeout = AbortSignal.timeout(req.options.timeoutMs ?? opts.timeoutMs ?? 100_000);
    const signal = req.options.signal ? AbortSignal.any([req.options.signal, timeout]) : timeout;
    let res: Awaited<ReturnType<typeof fetch>>;
    let text: string;
    try {
      res = await fetch(req.url, { method: req.method, headers, body, dispatcher, signal, redirect: "manual" });
      text = await res.text();
    } catch (err) {
      const kind = req.options.signal?.aborted ? "Aborted" : timeout.aborted ? "Timeout" : "NetworkError";
      throw networkError(req, kind, err);
    }
    const resHeaders: Record<string, string> = {};
    res.headers.forEach((v, k) => (resHeaders[k.toLowerCase()] = v));
    const parsed = parseBody(text, resHeaders["content-type"]);
    if (res.status >= 400) throw errorFromResponse(req, res.status, resHeaders, parsed, clock.now());
    return { status: res.status, headers: resHeaders, body: parsed };
  };
  return Object.assign(transport, { close: () => dispatcher.close() });
}
