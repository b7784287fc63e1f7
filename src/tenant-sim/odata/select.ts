/**
 * `$select` as Graph checks it: every item must name a property (structural or navigation) of the
 * entity type the route answers with, in any letter case, else 400 — Entra ID answers
 * `Request_BadRequest` "Could not find a property named '…' on type 'microsoft.graph.user'.", and
 * Graph's OData layer answers Intune routes `BadRequest` "Parsing OData Select and Expand failed: …"
 * before Intune sees the request (microsoft-graph-docs #9988, msgraph-beta-sdk-dotnet #563).
 */
import { GraphHttpError, type GraphVersion } from "../framework.ts";
import { selectableProperty, serviceOf } from "./entity-properties.ts";

/**
 * An error Graph's own OData layer gives before the request reaches the workload: Intune routes
 * pass it on as it is instead of nesting it in Intune's `_version: 3` message (intune-error.ts).
 */
export class GraphGatewayError extends GraphHttpError {
  override readonly name = "GraphGatewayError";
}

/** `$select=*` asks for every property (OData 4.01 §5.1.3). */
export const SELECT_ALL = "*";

function selectError(type: string, message: string): GraphHttpError {
  return serviceOf(type) === "intune"
    ? new GraphGatewayError(400, "BadRequest", `Parsing OData Select and Expand failed: ${message}`)
    : new GraphHttpError(400, "Request_BadRequest", message);
}

/**
 * The `$select` items of a request (undefined when there is none). With `entityType`, each item is
 * checked against the type's generated property names; without it (test fixture routes) any name passes.
 */
export function parseSelect(query: URLSearchParams, version: GraphVersion, entityType?: string): string[] | undefined {
  const raw = query.get("$select");
  if (raw === null) return undefined;
  const names = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (entityType === undefined) return names;
  const type = entityType.includes(".") ? entityType : `microsoft.graph.${entityType}`;
  for (const name of names) {
    if (name === SELECT_ALL) continue;
    // A type cast (`microsoft.graph.windows10CustomConfiguration/omaSettings`) or a complex-property
    // path is valid OData the local tenant does not evaluate; say so rather than answer without it.
    if (name.includes("/")) throw selectError(type, `The local tenant does not support type casts or paths in $select ('${name}').`);
    if (selectableProperty(type, version, name) === undefined) throw selectError(type, `Could not find a property named '${name}' on type '${type}'.`);
  }
  return names;
}
