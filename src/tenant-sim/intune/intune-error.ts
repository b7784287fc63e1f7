/**
 * Intune's error shape: the outer Graph error `code` is generic (`BadRequest`, `ResourceNotFound`)
 * and `message` is a JSON document as a string, `{"_version":3,"Message":"… - Operation ID … -
 * Activity ID: … - Url: …", …}` (graph-facts §9.6, §13.6), which clients must parse best-effort.
 */
import { randomUUID } from "node:crypto";
import { GraphHttpError } from "../framework.ts";

export interface IntuneErrorContext {
  baseUrl: string;
  version: string;
  /** The request path under the version, for the `Url:` part. */
  path: string;
}

export function intuneError(status: number, code: string, message: string, at: IntuneErrorContext): GraphHttpError {
  const inner = {
    _version: 3,
    Message: `${message} - Operation ID (for customer support): ${randomUUID()} - Activity ID: ${randomUUID()} - Url: ${at.baseUrl}/${at.version}${at.path}`,
    CustomApiErrorPhrase: "",
    RetryAfter: null,
    ErrorSourceService: "",
    HttpHeaders: "{}",
  };
  return new GraphHttpError(status, code, JSON.stringify(inner));
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
