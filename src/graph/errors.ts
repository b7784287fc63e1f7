/**
 * The one error the Graph client throws, `GraphRequestError`: a failed HTTP status (with Graph's
 * `error.code`), or status 0 for a network failure, timeout or abort. It keeps only a redacted
 * copy of the request — bearer token, secret query parameters and secret body fields are removed
 * in the constructor (octokit's `RequestError` does the same) — so it can be logged or shown.
 */
import { parseRetryAfter } from "./backoff.ts";
import { redactBody, redactHeaders, redactText, redactUrl } from "./redact.ts";

export interface RequestLike {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface RedactedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface GraphErrorDetail {
  code: string;
  message?: string;
  target?: string;
}

export interface GraphRequestErrorInit {
  /** HTTP status; 0 for network failures, timeouts and aborts. */
  status: number;
  /** Graph's `error.code`, or `NetworkError` / `Timeout` / `Aborted` / `UntrustedHost` for status 0. */
  code: string;
  request: RequestLike;
  requestId?: string;
  clientRequestId?: string;
  retryAfterMs?: number;
  details?: GraphErrorDetail[];
  /** The response's headers (lower-cased), when there was a response. */
  responseHeaders?: Record<string, string>;
  /** The response body (redacted), when there was one. */
  responseBody?: unknown;
  cause?: unknown;
}

export class GraphRequestError extends Error {
  override readonly name = "GraphRequestError";
  readonly status: number;
  readonly code: string;
  readonly requestId?: string;
  readonly clientRequestId?: string;
  /** From `Retry-After` (seconds or HTTP date), when the response had one. */
  readonly retryAfterMs?: number;
  readonly details?: GraphErrorDetail[];
  /** A redacted copy of the request (no token, no secret query parameter or body field). */
  readonly request: RedactedRequest;
  readonly responseHeaders?: Record<string, string>;
  readonly responseBody?: unknown;

  constructor(message: string, init: GraphRequestErrorInit) {
    super(redactText(message), init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.clientRequestId = init.clientRequestId ?? headerOf(init.request.headers, "client-request-id");
    this.retryAfterMs = init.retryAfterMs;
    this.details = init.details;
    this.request = {
      method: init.request.method,
      url: redactUrl(init.request.url),
      headers: redactHeaders(init.request.headers ?? {}),
      ...(init.request.body !== undefined ? { body: redactBody(init.request.body) } : {}),
    };
    if (init.responseHeaders) this.responseHeaders = redactHeaders(init.responseHeaders);
    if (init.responseBody !== undefined) this.responseBody = redactBody(init.responseBody);
  }

  /** True for status 0: the request may or may not have reached the server. */
  get isNetworkError(): boolean {
    return this.status === 0;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      status: this.status,
      code: this.code,
      message: this.message,
      requestId: this.requestId,
      clientRequestId: this.clientRequestId,
      retryAfterMs: this.retryAfterMs,
      details: this.details,
      request: this.request,
    };
  }
}

function headerOf(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

interface GraphErrorBody {
  error?:
    | string
    | {
        code?: unknown;
        message?: unknown;
        innerError?: Record<string, unknown>;
        innererror?: Record<string, unknown>;
        details?: unknown;
      };
  error_description?: unknown;
}

/**
 * Intune nests a JSON document in `error.message` (`{"_version":3,"Message":"…"}`, graph-facts
 * §9.6); its `Message` is the readable part. Best effort: any other text is kept as is.
 */
export function unwrapIntuneMessage(message: string): string {
  const trimmed = message.trim();
  if (!trimmed.startsWith("{")) return message;
  try {
    const inner = JSON.parse(trimmed) as { Message?: unknown };
    return typeof inner.Message === "string" && inner.Message ? inner.Message : message;
  } catch {
    return message;
  }
}

/**
 * Builds the error for an HTTP response ≥ 400 from Graph's error body (`error.code`, `message`,
 * `innerError` or `innererror` — both casings occur, graph-facts §9.6 — and `details`), or from
 * Entra's OAuth shape (`error`, `error_description`), or from the status alone.
 */
export function errorFromResponse(
  request: RequestLike,
  status: number,
  headers: Record<string, string>,
  body: unknown,
  now: number,
): GraphRequestError {
  const parsed = (body && typeof body === "object" ? body : {}) as GraphErrorBody;
  let code = `HTTP${status}`;
  let message = `HTTP ${status}`;
  let inner: Record<string, unknown> | undefined;
  let details: GraphErrorDetail[] | undefined;
  if (parsed.error && typeof parsed.error === "object") {
    if (typeof parsed.error.code === "string" && parsed.error.code) code = parsed.error.code;
    if (typeof parsed.error.message === "string" && parsed.error.message) message = unwrapIntuneMessage(parsed.error.message);
    inner = parsed.error.innerError ?? parsed.error.innererror;
    if (Array.isArray(parsed.error.details))
      details = parsed.error.details
        .filter((d): d is Record<string, unknown> => Boolean(d) && typeof d === "object")
        .map((d) => ({
          code: String(d.code ?? ""),
          ...(typeof d.message === "string" ? { message: d.message } : {}),
          ...(typeof d.target === "string" ? { target: d.target } : {}),
        }));
  } else if (typeof parsed.error === "string") {
    code = parsed.error;
    if (typeof parsed.error_description === "string") message = parsed.error_description;
  } else if (typeof body === "string" && body.trim()) {
    message = `HTTP ${status}: ${body.trim().slice(0, 200)}`;
  }
  const innerId = (key: string) => (inner && typeof inner[key] === "string" ? (inner[key] as string) : undefined);
  return new GraphRequestError(message, {
    status,
    code,
    request,
    requestId: headers["request-id"] ?? innerId("request-id"),
    clientRequestId: headers["client-request-id"] ?? innerId("client-request-id"),
    retryAfterMs: parseRetryAfter(headers["retry-after"], now),
    details,
    responseHeaders: headers,
    responseBody: body,
  });
}

export type NetworkFailure = "NetworkError" | "Timeout" | "Aborted";

/** Status 0: no HTTP response (connection refused or reset, TLS failure, timeout, abort). */
export function networkError(request: RequestLike, kind: NetworkFailure, cause: unknown): GraphRequestError {
  const reason = cause instanceof Error ? describeCause(cause) : String(cause);
  const what = kind === "Timeout" ? "timed out" : kind === "Aborted" ? "was aborted" : "failed";
  return new GraphRequestError(`${request.method} ${redactUrl(request.url)} ${what}: ${reason}`, {
    status: 0,
    code: kind,
    request,
    cause,
  });
}

/** undici hides the useful part (ECONNREFUSED, a TLS code) in `cause`. */
function describeCause(err: Error): string {
  const inner = (err as { cause?: unknown }).cause;
  if (inner instanceof Error) {
    const code = (inner as NodeJS.ErrnoException).code;
    return code ? `${inner.message} (${code})` : inner.message;
  }
  return err.message;
}
