/**
 * The checks every directory write makes on its request body before reading fields: a JSON
 * object, whose property names the entity type declares (`odata/entity-properties.ts`) — in the
 * complex objects it nests too (`passwordProfile`, `addLicenses` entries of assignLicense).
 */
import { GraphHttpError, type GraphVersion } from "../framework.ts";
import {
  actionComplexParameters,
  complexTypeNames,
  entityPropertyNames,
  isDeclaredProperty,
  qualifiedEntityType,
  type ComplexPropertyTypes,
  type DirectoryAction,
} from "../odata/entity-properties.ts";

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
 * it as extrapolated), nested properties included.
 */
export function undeclaredPropertyError(property: string): GraphHttpError {
  return new GraphHttpError(400, "Request_BadRequest", `Property '${property}' does not exist as a declared property or extension property.`);
}

/** The property a body key names: `members` for `members@odata.bind`; undefined for an instance annotation (`@odata.type`). */
function propertyOfKey(key: string): string | undefined {
  if (key.startsWith("@")) return undefined;
  return key.includes("@") ? key.slice(0, key.indexOf("@")) : key;
}

function complexTypeOf(table: ComplexPropertyTypes | undefined, property: string): string | undefined {
  return table && Object.hasOwn(table, property) ? table[property] : undefined;
}

/**
 * The complex type a nested object is read as: the one its `@odata.type` names when that is the
 * declared type or derived from it (`customTimeZone` for a `timeZoneBase`), else the declared type.
 */
function typeOfNestedObject(object: Record<string, unknown>, declared: string, version: GraphVersion): string {
  const named = object["@odata.type"];
  if (typeof named !== "string") return declared;
  const type = qualifiedEntityType(named.replace(/^#/, ""));
  return type === declared || complexTypeNames(declared, version)?.derivedTypes?.includes(type) ? type : declared;
}

/**
 * Refuses the first undeclared property inside a value of complex type `declared` — one object or a
 * collection of them — at any depth. Values of the wrong kind (a string for an object) pass: each
 * route reports those as invalid values. Open types (`customSecurityAttributeValue`) take anything;
 * so do types the generator did not reach.
 */
function rejectUndeclaredNested(value: unknown, declared: string, version: GraphVersion): void {
  if (Array.isArray(value)) {
    for (const item of value) rejectUndeclaredNested(item, declared, version);
    return;
  }
  if (!value || typeof value !== "object") return;
  const object = value as Record<string, unknown>;
  const names = complexTypeNames(typeOfNestedObject(object, declared, version), version);
  if (!names || names.open) return;
  for (const [key, nested] of Object.entries(object)) {
    const property = propertyOfKey(key);
    if (property === undefined) continue;
    if (!names.properties.includes(property)) throw undeclaredPropertyError(property);
    const nestedType = key === property ? complexTypeOf(names.complexProperties, property) : undefined;
    if (nestedType) rejectUndeclaredNested(nested, nestedType, version);
  }
}

/**
 * Refuses the first property of `body` that `entityType` does not declare in `version`, or that a
 * complex object in it does not (case-sensitive, as JSON property names are). Annotations pass:
 * instance annotations (`@odata.type`, `@odata.context`) always, property annotations
 * (`members@odata.bind`) when their property is declared — whether the route supports binding it is
 * the route's own check.
 */
export function rejectUndeclaredProperties(body: Record<string, unknown>, entityType: string, version: GraphVersion): void {
  const complex = entityPropertyNames(entityType, version).complexProperties;
  for (const [key, value] of Object.entries(body)) {
    const property = propertyOfKey(key);
    if (property === undefined) continue;
    if (!isDeclaredProperty(entityType, version, property)) throw undeclaredPropertyError(property);
    const nestedType = key === property ? complexTypeOf(complex, property) : undefined;
    if (nestedType) rejectUndeclaredNested(value, nestedType, version);
  }
}

/**
 * Refuses the first undeclared property inside the complex-typed parameters of a directory action's
 * body (assignLicense's `addLicenses` entries are `assignedLicense`: `skuId`, `disabledPlans`). The
 * parameter names themselves are the action's own parse to check; a body that is not an object too.
 */
export function rejectUndeclaredActionProperties(body: unknown, action: DirectoryAction, version: GraphVersion): void {
  if (!body || typeof body !== "object" || Array.isArray(body)) return;
  const parameters = actionComplexParameters(action, version);
  for (const [key, value] of Object.entries(body)) {
    const nestedType = complexTypeOf(parameters, key);
    if (nestedType) rejectUndeclaredNested(value, nestedType, version);
  }
}
