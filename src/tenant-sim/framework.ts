/**
 * The local tenant's route contract. Each Graph area lives in `routes/<area>.ts` and exports a
 * `RouteDef[]`; `app.ts` mounts them under `/v1.0` and/or `/beta`, checks the token and the
 * permission from the permissions map, applies throttling, faults and eventual consistency, and
 * turns a thrown `GraphHttpError` into Graph's error body. Handlers only see plain data.
 *
 * The local tenant shares no code with holofleet's Graph client, planner or audit.
 */

export type GraphVersion = "v1.0" | "beta";
export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/**
 * Which documented service limit a route's traffic counts against (graph-facts §9.5): `intune` is
 * Intune's device configuration service, `intune-enrollment` its enrollment service (Autopilot) and
 * `intune-devices` its devices service (managed devices), each with its own limits.
 */
export type ThrottleClass = "directory" | "intune" | "intune-enrollment" | "intune-devices" | "none";

/** A generic JSON document store over SQLite: one table, rows keyed by (kind, id). */
export interface SimStore {
  get<T extends object>(kind: string, id: string): T | undefined;
  /** All documents of a kind, in insertion order. */
  list<T extends object>(kind: string): T[];
  /** Insert or replace. */
  put<T extends { id: string }>(kind: string, doc: T): void;
  delete(kind: string, id: string): boolean;
  /** Runs `fn` in one SQLite transaction (serialised; no lost updates). */
  tx<T>(fn: () => T): T;
}

/** Options for answering with a collection the way Graph does. */
export interface CollectionOptions {
  /** `@odata.context` fragment, e.g. `users` or `deviceManagement/deviceConfigurations`. */
  contextPath: string;
  /** Largest `$top` the real collection accepts (e.g. 999 for users/groups, 1000 for Intune). */
  maxTop: number;
  /** Page size when no `$top` is given (100 for directory objects). */
  defaultTop: number;
  /** Properties returned when there is no `$select` (directory objects have a default set); null = all. */
  defaultSelect?: string[] | null;
  /** Properties `$filter` may use without `ConsistencyLevel: eventual` (directory rules); null = any. */
  basicFilterProperties?: string[] | null;
  /** Whether the collection supports `$count` / advanced queries (directory objects need eventual consistency). */
  advancedQueryNeedsEventual?: boolean;
  /**
   * The entity type of the items (`microsoft.graph.user`): `$select` must name its properties, else
   * Graph's 400 (`odata/select.ts`). Every Graph route passes it; only test fixtures leave it out.
   */
  entityType?: string;
}

export interface RouteContext {
  version: GraphVersion;
  method: HttpMethod;
  /** Path parameters from the route pattern (`{id}` → `params.id`). */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Lower-cased request headers. */
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined. */
  body: unknown;
  /** `https://127.0.0.1:<port>` — for absolute `@odata.nextLink`s. */
  baseUrl: string;
  /** The caller's app (from the token). */
  appId: string;
  roles: string[];
  store: SimStore;
  /** The tenant's clock (`/_sim/clock` can move it). */
  now(): Date;
  tenantId: string;
  requestId: string;
  /** Answers with a paged, filtered, selected collection per the OData rules (implemented in `odata/`). */
  collection(items: readonly object[], options: CollectionOptions): SimResult;
  /** Applies `$select` to one entity; `entityType` as in `CollectionOptions.entityType`. */
  entity(item: object, contextPath: string, defaultSelect?: string[] | null, entityType?: string): SimResult;
}

export interface SimResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteDef {
  method: HttpMethod;
  /** Pattern under the version root, `{name}` for parameters: `/groups/{id}/members/$ref`. */
  path: string;
  versions: GraphVersion[];
  /**
   * The path as written in the permissions map (`permissions.json` key), e.g. `/groups/{id}/members/$ref`.
   * Defaults to `path`. The app needs any application permission listed for this method there.
   */
  permissionPath?: string;
  throttle: ThrottleClass;
  /** True for writes (counted as writes for throttling and stats; `lostResponse` faults apply). */
  write: boolean;
  handler(ctx: RouteContext): SimResult | Promise<SimResult>;
}

/** Throw from a handler to answer with Graph's error body. */
export class GraphHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    /** Graph's optional `error.details` (e.g. `[{ code: "ObjectConflict", target: "userPrincipalName" }]`). */
    readonly details?: { code: string; message?: string; target?: string }[],
  ) {
    super(message);
    this.name = "GraphHttpError";
  }
}

/** Background work (group licensing, Autopilot import, dynamic membership) run before each request. */
export interface SimTicker {
  name: string;
  tick(store: SimStore, now: Date): void;
}

/** Context of a `/_sim/…` control route (not Graph: no token, no throttling, no faults). */
export interface SimControlContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  store: SimStore;
  now(): Date;
  baseUrl: string;
  tenantId: string;
}

/** A `/_sim/…` route; `path` is under `/_sim`, e.g. `/devices/{id}/sync`. */
export interface SimControlRoute {
  method: HttpMethod;
  path: string;
  /** What it does, for the generated route table of docs/local-tenant.md. */
  description?: string;
  handler(ctx: SimControlContext): SimResult | Promise<SimResult>;
}
