/**
 * The Graph client's own types: a request travels through a chain of middleware
 * (`Middleware`, outermost first) down to a `Transport`, and comes back as a `GraphResponse` or a
 * thrown `GraphRequestError`. Tokens come from a `TokenProvider` (implemented in `src/auth/`).
 */
import type { GraphRequestError } from "./errors.ts";

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export type GraphVersion = "v1.0" | "beta";

/**
 * Which documented service limit a request counts against (graph-facts §9.5): Microsoft Entra's
 * identity and access limits, or one of Intune's services. `none` is not counted (`$batch`: its
 * sub-requests are counted one by one).
 */
export type BudgetClass = "directory" | "intune-configuration" | "intune-enrollment" | "intune-devices" | "none";

/** One request as the budgets see it. */
export interface BudgetItem {
  cls: BudgetClass;
  method: HttpMethod;
  url: string;
}

/** What an idempotency check found: the write already happened (with what it made), or not. */
export type AppliedCheck = { applied: true; body?: unknown } | { applied: false };

export interface IdempotencyCheckContext {
  /** The failure that left it unknown whether the write happened. */
  error: GraphRequestError;
  /**
   * Sends a read through the same client, inside the caller's concurrency slot (a check that waited
   * for a slot of its own could deadlock when every slot is held by a write being checked).
   */
  lookup: <T = unknown>(method: HttpMethod, pathOrUrl: string, options?: RequestInit) => Promise<GraphResponse<T>>;
}

/**
 * Asked after an ambiguous failure of a non-idempotent write (a lost response, a timeout, a 5xx, or
 * a 429/5xx inside `$batch`, which may still have been applied — graph-facts §9.4, §9.9): did the
 * write happen? Only when it says no is the write sent again.
 */
export type IdempotencyCheck = (ctx: IdempotencyCheckContext) => Promise<AppliedCheck>;

/** Per-request options (they ride on the request, as octokit's `request.retries` does). */
export interface RequestOptions {
  /** Overrides the retry policy for this request; `{ retries: 0 }` sends it once. */
  retry?: { retries?: number };
  /**
   * Whether sending the request twice is harmless. Default: GET, PUT, DELETE and PATCH are;
   * POST and an upsert PATCH (`Prefer: create-if-missing`) are not.
   */
  idempotent?: boolean;
  /** For a non-idempotent write: how to find out whether an ambiguous attempt was applied. */
  alreadyApplied?: IdempotencyCheck;
  /** Which service budget the request counts against (default: from its path). */
  budget?: BudgetClass;
  /** Per-attempt timeout in ms (default: the client's). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Internal: run inside the caller's concurrency slot (reads made by an idempotency check). */
  withinSlot?: boolean;
  /**
   * Internal: what to admit against the budgets instead of this request itself (a `$batch` call
   * admits its sub-requests, each against its own service).
   */
  budgetItems?: BudgetItem[];
}

/** Options of one call to `client.request`. */
export interface RequestInit extends RequestOptions {
  /** Values for `{name}` placeholders in the path; each is percent-encoded. */
  params?: Record<string, string>;
  /** Query parameters (`$select`, `$filter`, …), encoded once here. */
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** `v1.0` (default) or `beta`. */
  version?: GraphVersion;
}

/** Set by middleware while a request travels; read by inner middleware and by errors. */
export interface RequestContext {
  /** 1 for the first attempt, 2 for the first retry, … (set by `retry`). */
  attempt: number;
  /** The `client-request-id` every attempt carries (set by `requestId`). */
  clientRequestId?: string;
  /** Set by `throttle`: the current attempt has its answer (dates its budget entries). */
  attemptDone?: () => void;
  /** Set by `throttle`: waits for the shared pause and the budget before another attempt. */
  reenter?: () => Promise<void>;
  /** Set by `throttle`: a 429 arrived; every request pauses for `ms`. */
  throttled?: (ms: number) => void;
  /** Set by the client: reads inside the caller's slot, for idempotency checks. */
  lookup?: IdempotencyCheckContext["lookup"];
}

export interface GraphRequest {
  method: HttpMethod;
  /** Absolute URL, query included. */
  url: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** A JSON value (serialised by the transport) or a string sent as is. */
  body?: unknown;
  options: RequestOptions;
  context: RequestContext;
}

export interface GraphResponse<T = unknown> {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON, the text when it is not JSON, or undefined when empty. */
  body: T;
  /** True when an idempotency check found the write already applied (no response was received). */
  recovered?: boolean;
}

export type Next = (req: GraphRequest) => Promise<GraphResponse>;

/** A middleware wraps everything inside it; it may change the request, retry, or map errors. */
export type Middleware = (req: GraphRequest, next: Next) => Promise<GraphResponse>;

/** Sends one attempt. Throws `GraphRequestError` for an HTTP status ≥ 400 and for network failures (status 0). */
export type Transport = (req: GraphRequest) => Promise<GraphResponse>;

/** Where bearer tokens come from; `forceRefresh` after a 401 skips any cache. */
export interface TokenProvider {
  getToken(opts: { forceRefresh: boolean; signal?: AbortSignal }): Promise<string>;
}

/** Time and waiting, injectable so tests run on a fake clock. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Structured log sink; `fields` never carry tokens or bodies. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}
