/**
 * The route definition every directory endpoint shares: served on v1.0 and beta, counted against
 * the identity service limits (graph-facts §9.5), a write unless it is a GET.
 */
import type { HttpMethod, RouteContext, RouteDef, SimResult } from "../framework.ts";

export function directoryRoute(
  method: HttpMethod,
  path: string,
  handler: (ctx: RouteContext) => SimResult | Promise<SimResult>,
  options: { permissionPath?: string } = {},
): RouteDef {
  return { method, path, versions: ["v1.0", "beta"], throttle: "directory", write: method !== "GET", handler, ...options };
}
