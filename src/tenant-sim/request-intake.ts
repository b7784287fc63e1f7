/**
 * How the server takes a request in, before any route runs: a body is read only once the caller is
 * known (token or control key checked from the headers), up to a size limit, within a budget of
 * bytes buffered across all requests; connections and slow senders are bounded; and an answer sent
 * before the body was read (413, 401, 503) does not reset the connection — the rest of the upload is
 * read and dropped for a while, so the client reads the answer instead of ECONNRESET.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/** The local tenant's own limits (Graph documents none of these); docs/local-tenant.md lists them. */
export interface RequestLimits {
  /** Largest request body (Graph routes and `/_sim`), bytes. */
  maxBodyBytes: number;
  /** Largest body of the Entra endpoints (`/{tenant}/oauth2/…`: form posts of a few KiB), bytes. */
  maxTokenBodyBytes: number;
  /** Bytes of request bodies held in memory at once, across all requests; past it, 503. */
  maxBufferedBodyBytes: number;
  /** Open connections; the server stops accepting more until some close. */
  maxConnections: number;
  /** Time to receive the request headers, and to finish the TLS handshake, ms. */
  headersTimeoutMs: number;
  /** Time to receive the whole request (headers and body), ms. */
  requestTimeoutMs: number;
  /**
   * How long an idle keep-alive connection stays open, ms. Longer than Node's 5 s default: a client
   * in the same process as the server (the tests) can be busy for seconds between two requests, and a
   * server that closes the socket just as the next request is written makes the client fail.
   */
  keepAliveTimeoutMs: number;
  /** After an answer sent before the body was read: how long, and how much, of the rest to drop before closing. */
  lingerMs: number;
  maxLingerBytes: number;
}

export const DEFAULT_REQUEST_LIMITS: Readonly<RequestLimits> = {
  maxBodyBytes: 4 * 1024 * 1024,
  maxTokenBodyBytes: 64 * 1024,
  maxBufferedBodyBytes: 64 * 1024 * 1024,
  maxConnections: 1024,
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 30_000,
  lingerMs: 5_000,
  maxLingerBytes: 8 * 1024 * 1024,
};

/** Bytes of request bodies in memory, shared by all requests of a server. */
export interface BodyBudget {
  /** Takes `bytes` from the budget; false (nothing taken) when that would pass the limit. */
  reserve(bytes: number): boolean;
  release(bytes: number): void;
  inUse(): number;
}

export function createBodyBudget(maxBytes: number): BodyBudget {
  let used = 0;
  return {
    reserve(bytes) {
      if (used + bytes > maxBytes) return false;
      used += bytes;
      return true;
    },
    release(bytes) {
      used = Math.max(0, used - bytes);
    },
    inUse: () => used,
  };
}

export type BodyRead =
  | { kind: "ok"; body: Buffer; /** Gives the body's bytes back to the budget once the request is done. */ release(): void }
  | { kind: "too-large" }
  | { kind: "busy" }
  | { kind: "aborted" };

/**
 * Reads a request body of at most `maxBytes`, holding its bytes against `budget`: a declared
 * `Content-Length` is reserved up front (so an oversized or unaffordable upload is refused before a
 * byte is read), a chunked body as it arrives. An `Expect: 100-continue` client is told to send
 * only now, after the checks on its headers passed.
 */
export function readBody(req: IncomingMessage, res: ServerResponse, maxBytes: number, budget: BodyBudget): Promise<BodyRead> {
  const declared = req.headers["content-length"] === undefined ? undefined : Number(req.headers["content-length"]);
  if (declared !== undefined && (!Number.isSafeInteger(declared) || declared > maxBytes)) return Promise.resolve({ kind: "too-large" });
  if (declared !== undefined && !budget.reserve(declared)) return Promise.resolve({ kind: "busy" });
  let held = declared ?? 0;
  const release = () => {
    budget.release(held);
    held = 0;
  };
  if (/100-continue/i.test(req.headers.expect ?? "")) {
    res.writeContinue();
    continuedResponses.add(res);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (result: BodyRead) => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onGone);
      req.off("close", onGone);
      if (result.kind !== "ok") {
        chunks.length = 0;
        release();
        // Nothing reads the rest yet; an early answer (lingerAfterEarlyAnswer) drops it.
        req.pause();
      }
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return stop({ kind: "too-large" });
      if (declared === undefined) {
        if (!budget.reserve(chunk.length)) return stop({ kind: "busy" });
        held += chunk.length;
      }
      chunks.push(chunk);
    };
    const onEnd = () => stop({ kind: "ok", body: Buffer.concat(chunks, size), release });
    const onGone = () => stop({ kind: "aborted" });
    req.on("data", onData);
    req.once("end", onEnd);
    req.once("error", onGone);
    req.once("close", onGone);
  });
}

/**
 * Call before answering a request whose body was not (fully) read. An `Expect: 100-continue` client
 * that was not told to continue sends no body: the connection just closes after the answer.
 * Otherwise the rest of the upload is read and dropped — at most `maxLingerBytes`, for at most
 * `lingerMs` — so the client reads the answer instead of a reset (closing a socket with unread data
 * makes the kernel send RST, which can discard the answer on the client's side). A client that
 * stops in time keeps its connection for the next request.
 */
export function lingerAfterEarlyAnswer(req: IncomingMessage, res: ServerResponse, limits: Pick<RequestLimits, "lingerMs" | "maxLingerBytes">): void {
  if (req.complete || req.destroyed) return;
  if (/100-continue/i.test(req.headers.expect ?? "") && !continued(res)) {
    res.setHeader("connection", "close");
    return;
  }
  const socket = req.socket;
  let dropped = 0;
  const timer = setTimeout(() => socket.destroy(), limits.lingerMs);
  timer.unref();
  const done = () => clearTimeout(timer);
  req.on("data", (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > limits.maxLingerBytes) socket.destroy();
  });
  req.once("end", done);
  socket.once("close", done);
  req.resume();
}

/** Responses that told their client to go on sending (`100 Continue`). */
const continuedResponses = new WeakSet<ServerResponse>();

function continued(res: ServerResponse): boolean {
  return continuedResponses.has(res);
}
