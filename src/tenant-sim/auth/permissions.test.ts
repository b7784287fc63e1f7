/**
 * Every route's permission comes from Microsoft's permissions map: each route in `allRoutes` has an
 * entry with at least one application permission, the committed trimmed copy matches the reference
 * map, and holofleet's own app registration is granted every route.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { allRoutes } from "../routes/index.ts";
import { ROUTE_TEST_APP_ROLES } from "../testing.ts";
import { trimPermissions } from "../../../scripts/gen-sim-permissions.ts";
import { isGranted, loadPermissionsMap, normalizePermissionPath, permissionPathOf, requiredPermissions } from "./permissions.ts";

const repoRoot = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const referenceDir = process.env.HOLOFLEET_REFERENCE_DIR ?? resolve(repoRoot, "../shared/reference");
const sourceFile = resolve(referenceDir, "graph/microsoft-graph-devx-content/permissions/new/permissions.json");

describe("route permissions", () => {
  it("normalises map paths and route patterns to one form", () => {
    expect(normalizePermissionPath("/groups/{group-id}/members/$ref")).toBe("/groups/{id}/members/$ref");
    expect(normalizePermissionPath("/devices(deviceId='{deviceId}')")).toBe("/devices(deviceid={id})");
    expect(normalizePermissionPath("/deviceManagement/managedDevices/{id}/wipe")).toBe("/devicemanagement/manageddevices/{id}/wipe");
  });

  it.each(allRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))("%s has an application permission in the map", (_name, route) => {
    const perms = requiredPermissions(route);
    expect(perms.length, `no application permission for ${route.method} ${permissionPathOf(route)}; fix permissionPath or run scripts/gen-sim-permissions.ts`).toBeGreaterThan(0);
  });

  it("grants a test tenant's app every route", () => {
    const denied = allRoutes.filter((r) => !isGranted(ROUTE_TEST_APP_ROLES, requiredPermissions(r))).map((r) => `${r.method} ${r.path}`);
    expect(denied).toEqual([]);
  });

  it.skipIf(!existsSync(sourceFile))("the committed generated/permissions.json is current", () => {
    const source = JSON.parse(readFileSync(sourceFile, "utf8"));
    const wanted = new Set(allRoutes.map((r) => permissionPathOf(r)));
    expect(loadPermissionsMap().paths).toEqual(trimPermissions(source, wanted));
  });

  it("grants a route when any listed permission is held, and only then", () => {
    expect(isGranted(["Organization.Read.All"], ["Directory.Read.All", "Organization.Read.All"])).toBe(true);
    expect(isGranted(["User.Read.All"], ["Directory.Read.All"])).toBe(false);
    expect(isGranted(["Directory.Read.All"], [])).toBe(false);
  });
});
