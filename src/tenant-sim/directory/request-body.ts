/**
 * The checks every directory write makes on its request body before reading fields: a JSON
 * object, whose property names the entity type declares (`odata/entity-properties.ts`).
 */
import { GraphHttpError, type GraphVersion } from "../framework.ts";
import { isDeclaredProperty } from "../odata/entity-properties.ts";

/** Request bodies must be JSON objects. */
export function requireObjectBody(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new GraphHttpError(400, "Request_BadRequest", "The request body must be a JSON object.");
  }
  return body as Record<string, unknown>;
}

/**
 * Entra ID's answer to a body property its type does not declare. The reference quotes no message
 * for it; this is the wording Entra ID gives for an undeclared property (docs/local-tenant.md lists
 * it as extrapolated).
 */
export function undeclaredPropertyError(property: string): GraphHttpError {
  return new GraphHttpError(400, "Request_BadRequest", `Property '${property}' does not exist as a declared property or extension property.`);
}

/**
 * Refuses the first property of `body` that `entityType` does not declare in `version`
 * (case-sensitive, as JSON property names are). Annotations pass: instance annotations
 * (`@odata.type`, `@odata.context`) always, property annotations (`members@odata.bind`) when their
 * property is declared — whether the route supports binding it is the route's own check.
 */
export function rejectUndeclaredProperties(body: Record<string, unknown>, entityType: string, version: GraphVersion): void {
  for (const key of Object.keys(body)) {
    if (key.startsWith("@")) continue;
    const property = key.includes("@") ? key.slice(0, key.indexOf("@")) : key;
    if (!isDeclaredProperty(entityType, version, property)) throw undeclaredPropertyError(property);
  }
}
