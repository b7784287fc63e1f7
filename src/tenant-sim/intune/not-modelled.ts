/**
 * A write Graph offers on a route the local tenant serves for reading only (built-in objects,
 * areas holofleet does not manage). It still needs its permission from the map, so a caller learns
 * about a missing permission first; then it answers 501 `NotImplemented` naming what is not modelled
 * — never a success that changed nothing. docs/local-tenant.md lists these writes.
 */
import { GraphHttpError, type HttpMethod, type RouteDef } from "../framework.ts";
import { intuneRoute, type IntuneRouteOptions } from "./intune-route.ts";

export const NOT_MODELLED_CODE = "NotImplemented";

export function notModelledError(what: string): GraphHttpError {
  return new GraphHttpError(501, NOT_MODELLED_CODE, `The local tenant does not model ${what}; the route is served for reading only (docs/local-tenant.md, "Read-only routes").`);
}

/** An Intune write route that answers `notModelledError(what)`. */
export function notModelledWrite(method: Exclude<HttpMethod, "GET">, path: string, what: string, options?: IntuneRouteOptions): RouteDef {
  return intuneRoute(
    method,
    path,
    () => {
      throw notModelledError(what);
    },
    options,
  );
}
