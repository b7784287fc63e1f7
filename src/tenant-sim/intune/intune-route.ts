/**
 * What every Intune route of the local tenant has in common: Intune's paging (1,000 items,
 * graph-facts §9.2), one of Intune's throttling classes, writes run in one store transaction, a 404 with
 * Intune's nested error body for a missing id, and action answers (`Collection(...)` bodies).
 * The route files (`routes/device-configurations.ts`, `managed-devices.ts`, `autopilot.ts`) only
 * say what differs.
 */
import type { CollectionOptions, GraphHttpError, GraphVersion, HttpMethod, RouteContext, RouteDef, SimResult, ThrottleClass } from "../framework.ts";
import { stripInternal } from "../odata/collection.ts";
import { asIntuneError, intuneNotFound } from "./intune-error.ts";

/** Intune lists page at 1,000 items and need no `ConsistencyLevel` (graph-facts §9.2). */
export const INTUNE_PAGING: Omit<CollectionOptions, "contextPath"> = {
  maxTop: 1000,
  defaultTop: 1000,
  defaultSelect: null,
  basicFilterProperties: null,
  advancedQueryNeedsEventual: false,
};

export const BOTH_VERSIONS: GraphVersion[] = ["v1.0", "beta"];

export interface IntuneRouteOptions {
  /** Default: v1.0 and beta. */
  versions?: GraphVersion[];
  /** The path as the permissions map writes it, when it differs from `path`. */
  permissionPath?: string;
  /**
   * The Intune service whose limits the route counts against (graph-facts §9.5). Default `intune`
   * (device configuration); managed devices are `intune-devices`, Autopilot `intune-enrollment`.
   */
  throttle?: Extract<ThrottleClass, "intune" | "intune-enrollment" | "intune-devices">;
}

/** The request path of a route pattern with its parameters filled in (for Intune's `Url:`). */
export function requestPathOf(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

/**
 * An Intune route: throttled as its Intune service, counted as a write unless it is a GET, (for writes) run in
 * one store transaction so a read-modify-write cannot interleave with another request, and
 * answering client errors in Intune's nested shape (graph-facts §9.6).
 */
export function intuneRoute(method: HttpMethod, path: string, handler: (ctx: RouteContext) => SimResult, options: IntuneRouteOptions = {}): RouteDef {
  const write = method !== "GET";
  const run = write ? (ctx: RouteContext) => ctx.store.tx(() => handler(ctx)) : handler;
  return {
    method,
    path,
    versions: options.versions ?? BOTH_VERSIONS,
    ...(options.permissionPath ? { permissionPath: options.permissionPath } : {}),
    throttle: options.throttle ?? "intune",
    write,
    handler: (ctx) => {
      try {
        return run(ctx);
      } catch (err) {
        throw asIntuneError(err, { baseUrl: ctx.baseUrl, version: ctx.version, path: requestPathOf(path, ctx.params) });
      }
    },
  };
}

/** A collection answer with Intune's paging; `entityType` is what `$select` is checked against. */
export function intuneList(ctx: RouteContext, items: object[], contextPath: string, entityType: string): SimResult {
  return ctx.collection(items, { contextPath, entityType, ...INTUNE_PAGING });
}

/** An entity answer for a create: 201 with the entity. */
export function createdEntity(ctx: RouteContext, item: object, contextPath: string, entityType: string): SimResult {
  return { ...ctx.entity(item, contextPath, null, entityType), status: 201 };
}

/** The answer of an action that returns `Collection(<typeName>)` (`assign`, `import`): 200 `{ value }`. */
export function actionCollection(ctx: RouteContext, typeName: string, values: readonly object[]): SimResult {
  return {
    status: 200,
    body: {
      "@odata.context": `${ctx.baseUrl}/${ctx.version}/$metadata#Collection(${typeName})`,
      value: values.map((v) => stripInternal(v)),
    },
  };
}

/** Intune's 404 for `entityName` `id`, with `path` (under the version) as the request URL. */
export function notFoundAt(ctx: RouteContext, entityName: string, id: string, path: string): GraphHttpError {
  return intuneNotFound(entityName, id, { baseUrl: ctx.baseUrl, version: ctx.version, path });
}

/**
 * The stored document `kind`/`id`, or Intune's 404 naming `entityName` (e.g. `DeviceConfiguration`)
 * with `path` as the request URL. `belongs` narrows the lookup (an assignment of another profile is
 * as missing as an unknown id).
 */
export function loadOr404<T extends object>(
  ctx: RouteContext,
  kind: string,
  id: string,
  entityName: string,
  path: string,
  belongs: (doc: T) => boolean = () => true,
): T {
  const doc = ctx.store.get<T>(kind, id);
  if (!doc || !belongs(doc)) throw notFoundAt(ctx, entityName, id, path);
  return doc;
}
