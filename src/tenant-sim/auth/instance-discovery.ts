/**
 * Entra instance discovery, `GET /common/discovery/instance?api-version=…&authorization_endpoint=…`:
 * the tenant discovery (OpenID metadata) endpoint of the authority the client names, and the host
 * aliases of its cloud. MSAL for Python calls it to validate an authority when its
 * `instance_discovery` setting names this tenant (msal `authority.py`, `_instance_discovery`, with
 * `api-version=1.0`; the alias lookup sends `1.1`). The answer has Entra's shape (as msal-common's
 * built-in copy of it, `AuthorityMetadata.mjs`, and recorded Entra answers show): `api-version` is
 * always `"1.1"`; the metadata names the local host, as the client reached it, preferred first.
 */
import { randomUUID } from "node:crypto";

export interface InstanceDiscoveryAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** Entra's code for an authority it does not know (AADSTS50049, `invalid_instance`). */
const UNKNOWN_INSTANCE = 50049;

function invalidInstance(now: Date, correlationId: string): InstanceDiscoveryAnswer {
  const traceId = randomUUID();
  // Entra's timestamp format: "2026-11-29 10:17:06Z".
  const timestamp = now.toISOString().slice(0, 19).replace("T", " ") + "Z";
  return {
    status: 400,
    body: {
      error: "invalid_instance",
      error_description: `AADSTS${UNKNOWN_INSTANCE}: Unknown or invalid instance. Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [UNKNOWN_INSTANCE],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${UNKNOWN_INSTANCE}`,
    },
  };
}

/**
 * Answers a discovery request. `origin` is the tenant's origin as the client reached it
 * (`https://127.0.0.1:<port>` or `https://localhost:<port>`); `aliases` are every `host:port` the
 * tenant answers on. An `authorization_endpoint` on another host (or none, or not a URL) is an
 * instance the local tenant does not know.
 */
export function instanceDiscovery(query: URLSearchParams, origin: string, aliases: readonly string[], now: Date, correlationId: string = randomUUID()): InstanceDiscoveryAnswer {
  const raw = query.get("authorization_endpoint");
  let endpoint: URL;
  try {
    endpoint = new URL(raw ?? "");
  } catch {
    return invalidInstance(now, correlationId);
  }
  const tenant = endpoint.pathname.split("/").filter(Boolean)[0];
  if (endpoint.protocol !== "https:" || !aliases.includes(endpoint.host.toLowerCase()) || !tenant) return invalidInstance(now, correlationId);
  const preferred = new URL(origin).host;
  return {
    status: 200,
    body: {
      // On the host the client named, as Entra answers for any alias of its cloud.
      tenant_discovery_endpoint: `${endpoint.origin}/${tenant}/v2.0/.well-known/openid-configuration`,
      "api-version": "1.1",
      metadata: [{ preferred_network: preferred, preferred_cache: preferred, aliases: [preferred, ...aliases.filter((a) => a !== preferred)] }],
    },
  };
}

/** Whether a request path (split into segments) is the discovery endpoint, which Entra serves under `/common`. */
export function isInstanceDiscoveryPath(segments: readonly string[]): boolean {
  return segments.length === 3 && segments.map((s) => s.toLowerCase()).join("/") === "common/discovery/instance";
}
