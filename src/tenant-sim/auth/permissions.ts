/**
 * Route → required Microsoft Graph application permissions, from the trimmed copy of Microsoft's
 * permissions map in `generated/permissions.json` (so the product needs no reference folder at run
 * time). A route is granted when an app-only token's `roles` hold ANY application permission listed
 * for its method and `permissionPath`, or a delegated token's `scp` holds ANY delegated (work account)
 * permission listed there (graph-facts §0, PERMS). Some routes have no application permission at all
 * (the MDM user scope, `mobileDeviceManagementPolicies`: "Application: Not supported").
 */
import { readFileSync } from "node:fs";
import type { HttpMethod, RouteDef } from "../framework.ts";

export interface PermissionsMap {
  /** Normalised path → method → application permissions. */
  paths: Record<string, Partial<Record<HttpMethod, string[]>>>;
  /** Normalised path → method → delegated (work or school account) permissions. */
  delegatedPaths?: Record<string, Partial<Record<HttpMethod, string[]>>>;
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

/** Delegated permissions that grant `route` to a signed-in user's token (empty when the map has none). */
export function requiredDelegatedPermissions(route: Pick<RouteDef, "method" | "path" | "permissionPath">, map = loadPermissionsMap()): string[] {
  return map.delegatedPaths?.[permissionPathOf(route)]?.[route.method] ?? [];
}

/**
 * Whether a token may call `route`: an app-only token by its `roles`, a delegated token (one with an
 * `scp` claim, space-separated as Entra issues it) by its scopes.
 */
export function isAuthorized(claims: { roles?: readonly string[]; scp?: unknown }, route: Pick<RouteDef, "method" | "path" | "permissionPath">, map = loadPermissionsMap()): boolean {
  if (typeof claims.scp === "string" && claims.scp.trim() !== "") return isGranted(claims.scp.trim().split(/\s+/), requiredDelegatedPermissions(route, map));
  return isGranted(claims.roles ?? [], requiredPermissions(route, map));
}
