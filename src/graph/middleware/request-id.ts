/**
 * `requestId()`: gives every request one `client-request-id` (a GUID, unless the caller set one)
 * that all its attempts carry, so a request can be traced with Microsoft support and in logs
 * across retries; Graph echoes it and adds its own `request-id` (graph-facts §9.6).
 */
import { randomUUID } from "node:crypto";
import type { Middleware } from "../types.ts";

export function requestId(opts: { generate?: () => string } = {}): Middleware {
  const generate = opts.generate ?? randomUUID;
  return async function requestId(req, next) {
    const id = req.headers["client-request-id"] || generate();
    req.context.clientRequestId = id;
    return next({ ...req, headers: { ...req.headers, "client-request-id": id } });
  };
}
