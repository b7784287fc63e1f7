/**
 * Graph's error body and request-id headers (graph-facts §9.6): every error the local tenant
 * answers on a Graph route has `{ error: { code, message, innerError: { date, request-id,
 * client-request-id } } }`, and every response carries `request-id` and `client-request-id`.
 */
import { randomUUID } from "node:crypto";

export interface RequestIds {
  requestId: string;
  clientRequestId: string;
}

/** `client-request-id` is echoed when the caller sent one (SDKs do), otherwise a fresh GUID like Graph's. */
export function requestIdsFor(headers: Record<string, string>): RequestIds {
  return { requestId: randomUUID(), clientRequestId: headers["client-request-id"] || randomUUID() };
}

export function requestIdHeaders(ids: RequestIds): Record<string, string> {
  return { "request-id": ids.requestId, "client-request-id": ids.clientRequestId };
}

/** Graph writes `innerError.date` as UTC without fraction or zone: `2025-02-13T10:17:06`. */
export function graphErrorDate(now: Date): string {
  return now.toISOString().slice(0, 19);
}

export interface GraphErrorBody {
  error: {
    code: string;
    message: string;
    innerError: { date: string; "request-id": string; "client-request-id": string };
    details?: { code: string; message?: string; target?: string }[];
  };
}

export function graphErrorBody(
  code: string,
  message: string,
  ids: RequestIds,
  now: Date,
  details?: { code: string; message?: string; target?: string }[],
): GraphErrorBody {
  return {
    error: {
      code,
      message,
      innerError: { date: graphErrorDate(now), "request-id": ids.requestId, "client-request-id": ids.clientRequestId },
      ...(details && details.length ? { details } : {}),
    },
  };
}
