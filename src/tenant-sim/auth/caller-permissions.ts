/**
 * Whether a caller's token grants a route, for both kinds of Entra access token Graph accepts:
 * app-only tokens (`idtyp: app`) by their application permissions in `roles`, delegated tokens
 * (`idtyp: user`, a signed-in user) by their delegated permissions in `scp` — each against its own
 * scheme of Microsoft's permissions map (`generated/permissions.json` and
 * `generated/delegated-permissions.json`). A delegated token never passes on `roles` and an app
 * token never on `scp`.
 */
import { readFileSync } from "node:fs";
import type { RouteDef } from "../framework.ts";
import type { AccessTokenClaims } from "./access-token.ts";
import { isGranted, requiredPermissions, type PermissionsMap } from "./permissions.ts";

/** Claims of a delegated token beyond those of an app token. */
export interface DelegatedClaims {
  /** Space-separated delegated permissions. */
  scp?: string;
  /** `app` or `user`. */
  idtyp?: string;
}

let delegatedMap: PermissionsMap | undefined;

export function loadDelegatedPermissionsMap(): PermissionsMap {
  delegatedMap ??= JSON.parse(readFileSync(new URL("../generated/delegated-permissions.json", import.meta.url), "utf8")) as PermissionsMap;
  return delegatedMap;
}

export function isDelegated(claims: AccessTokenClaims): boolean {
  const c = claims as AccessTokenClaims & DelegatedClaims;
  return c.idtyp === "user" || typeof c.scp === "string";
}

export function delegatedScopesOf(claims: AccessTokenClaims): string[] {
  const scp = (claims as AccessTokenClaims & DelegatedClaims).scp;
  return typeof scp === "string" ? scp.split(" ").filter(Boolean) : [];
}

/**
 * `permissions` replaces the application map (tests with their own routes); such tests grant
 * delegated tokens nothing unless they pass `delegatedPermissions` as well.
 */
export function callerIsGranted(
  claims: AccessTokenClaims,
  route: Pick<RouteDef, "method" | "path" | "permissionPath">,
  permissions?: PermissionsMap,
  delegatedPermissions?: PermissionsMap,
): boolean {
  if (isDelegated(claims)) {
    const map = delegatedPermissions ?? (permissions ? { paths: {} } : loadDelegatedPermissionsMap());
    return isGranted(delegatedScopesOf(claims), requiredPermissions(route, map));
  }
  return isGranted(claims.roles ?? [], requiredPermissions(route, permissions));
}
