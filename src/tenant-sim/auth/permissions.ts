/**
 * Route → required Microsoft Graph application permissions, from the trimmed copy of Microsoft's
 * permissions map in `generated/permissions.json` (so the product needs no reference folder at run
 * time). A route is granted when the token's `roles` hold ANY application permission listed for
 * its method and `permissionPath` (graph-facts §0, PERMS).
 */
import { readFileSync } from "node:fs";
import type { HttpMethod, RouteDef } from "../framework.ts";

export interface PermissionsMap {
  /** Normalised path → method → application permissions. */
  paths: Record<string, Partial<Record<HttpMethod, string[]>>>;
}

/**
 * The map writes paths lower-case with `{id}`-style placeholders (sometimes `{value}` or
 * `{member-id}`) and without quotes around key values; this folds both sides to one form.
 */
export function normalizePermissionPath(path: string): string {
  return path.toLowerCase().replace(/'/g, "").replace(/\{[^}]*\}/g, "{id}");
}

let loaded: PermissionsMap | undefined;

export function loadPermissionsMap(): PermissionsMap {
  loaded ??= JSON.parse(readFileSync(new URL("../generated/permissions.json", import.meta.url), "utf8")) as PermissionsMap;
  return loaded;
}

export function permissionPathOf(route: Pick<RouteDef, "path" | "permissionPath">): string {
  return normalizePermissionPath(route.permissionPath ?? route.path);
}

/** Application permissions that grant `route` (empty when the map has none: then nothing grants it). */
export function requiredPermissions(route: Pick<RouteDef, "method" | "path" | "permissionPath">, map = loadPermissionsMap()): string[] {
  return map.paths[permissionPathOf(route)]?.[route.method] ?? [];
}

export function isGranted(roles: readonly string[], required: readonly string[]): boolean {
  return required.some((p) => roles.includes(p));
}
