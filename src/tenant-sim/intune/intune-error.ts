/**
 * Intune's error shape: the outer Graph error `code` is generic (`BadRequest`, `ResourceNotFound`)
 * and `message` is a JSON document as a string, `{"_version":3,"Message":"… - Operation ID … -
 * Activity ID: … - Url: …", …}` (graph-facts §9.6, §13.6), which clients must parse best-effort.
 */
import { randomUUID } from "node:crypto";
import { GraphHttpError } from "../framework.ts";
import { GraphGatewayError } from "../odata/select.ts";

export interface IntuneErrorContext {
  baseUrl: string;
  version: string;
  /** The request path under the version, for the `Url:` part. */
  path: string;
}

export function intuneError(
  status: number,
  code: string,
  message: string,
  at: IntuneErrorContext,
  headers: Record<string, string> = {},
  details?: GraphHttpError["details"],
): GraphHttpError {
  const inner = {
    _version: 3,
    Message: `${message} - Operation ID (for customer support): ${randomUUID()} - Activity ID: ${randomUUID()} - Url: ${at.baseUrl}/${at.version}${at.path}`,
    CustomApiErrorPhrase: "",
    RetryAfter: null,
    ErrorSourceService: "",
    HttpHeaders: "{}",
  };
  return new GraphHttpError(status, code, JSON.stringify(inner), headers, details);
}

/** True when a message already is Intune's nested document (`{"_version":3,…}`). */
export function isNestedIntuneMessage(message: string): boolean {
  if (!message.startsWith("{")) return false;
  try {
    return (JSON.parse(message) as { _version?: unknown })._version === 3;
  } catch {
    return false;
  }
}

/**
 * A client error from an Intune route in Intune's shape: Graph proxies these requests to Intune,
 * which answers every 4xx with the nested message (graph-facts §9.6). Other errors, and Graph's own
 * (`GraphGatewayError`), pass unchanged.
 */
export function asIntuneError(err: unknown, at: IntuneErrorContext): unknown {
  if (!(err instanceof GraphHttpError) || err.status < 400 || err.status >= 500 || isNestedIntuneMessage(err.message)) return err;
  // Graph's OData layer refused the request before Intune saw it (a bad `$select`): Graph's own shape.
  if (err instanceof GraphGatewayError) return err;
  return intuneError(err.status, err.code, err.message, at, err.headers, err.details);
}

/** 404 for an Intune entity id that does not exist. */
export function intuneNotFound(kind: string, id: string, at: IntuneErrorContext): GraphHttpError {
  return intuneError(404, "ResourceNotFound", `Resource not found: ${kind} with id '${id}'`, at);
}

/** The OData model error Graph gives for a property the type does not declare. */
export function unknownPropertyError(property: string, typeName: string): GraphHttpError {
  return new GraphHttpError(
    400,
    "BadRequest",
    `The property '${property}' does not exist on type '${typeName}'. Make sure to only use property names that are defined by the type.`,
  );
}
