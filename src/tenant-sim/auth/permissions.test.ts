/**
 * Every route's permission comes from Microsoft's permissions map: each route in `allRoutes` has an
 * entry with at least one application or delegated permission, the committed trimmed copy matches the
 * reference map, and holofleet's own app registration is granted every route but the tenant
 * preconditions' writes and the delegated-only MDM user scope.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { allRoutes } from "../routes/index.ts";
import { HOLOFLEET_APP_ROLES } from "../tenant-identity.ts";
import { loadDelegatedPermissionsMap } from "./caller-permissions.ts";
import { trimPermissions } from "../../../scripts/gen-sim-permissions.ts";
import { isGranted, loadPermissionsMap, normalizePermissionPath, permissionPathOf, requiredPermissions } from "./permissions.ts";

/**
 * Routes holofleet's app is deliberately not granted: the tenant-wide settings holofleet reads as
 * preconditions and never writes (Entra join, MDM user scope), and the MDM user scope, which Graph
 * serves to signed-in users only ("Application: Not supported", mobiledevicemanagementpolicies-get.md).
 */
const NOT_FOR_HOLOFLEETS_APP = [
  "DELETE /policies/mobileDeviceManagementPolicies/{id}/includedGroups/{groupId}/$ref",
  "GET /policies/mobileDeviceManagementPolicies",
  "GET /policies/mobileDeviceManagementPolicies/{id}",
  "GET /policies/mobileDeviceManagementPolicies/{id}/includedGroups",
  "PATCH /policies/deviceRegistrationPolicy",
  "PATCH /policies/mobileDeviceManagementPolicies/{id}",
  "POST /policies/mobileDeviceManagementPolicies/{id}/includedGroups/$ref",
  "PUT /policies/deviceRegistrationPolicy",
];

const repoRoot = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const referenceDir = process.env.HOLOFLEET_REFERENCE_DIR ?? resolve(repoRoot, "../shared/reference");
const sourceFile = resolve(referenceDir, "graph/microsoft-graph-devx-content/permissions/new/permissions.json");

describe("route permissions", () => {
  it("normalises map paths and route patterns to one form", () => {
    expect(normalizePermissionPath("/groups/{group-id}/members/$ref")).toBe("/groups/{id}/members/$ref");
    expect(normalizePermissionPath("/devices(deviceId='{deviceId}')")).toBe("/devices(deviceid={id})");
    expect(normalizePermissionPath("/deviceManagement/managedDevices/{id}/wipe")).toBe("/devicemanagement/manageddevices/{id}/wipe");
  });

  it.each(allRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))("%s has an application or delegated permission in the map", (_name, route) => {
    const perms = [...requiredPermissions(route), ...requiredPermissions(route, loadDelegatedPermissionsMap())];
    expect(perms.length, `no permission for ${route.method} ${permissionPathOf(route)}; fix permissionPath or run scripts/gen-sim-permissions.ts`).toBeGreaterThan(0);
  });

  it("grants holofleet's app every route but the precondition writes and the delegated-only MDM user scope", () => {
    const denied = allRoutes.filter((r) => !isGranted(HOLOFLEET_APP_ROLES, requiredPermissions(r))).map((r) => `${r.method} ${r.path}`);
    expect(denied.sort()).toEqual(NOT_FOR_HOLOFLEETS_APP);
  });

  it("the MDM user scope has no application permission at all, only delegated ones", () => {
    const mdm = allRoutes.filter((r) => r.path.startsWith("/policies/mobileDeviceManagementPolicies"));
    expect(mdm.length).toBeGreaterThan(0);
    for (const route of mdm) {
      expect(requiredPermissions(route), `${route.method} ${route.path}`).toEqual([]);
      expect(requiredPermissions(route, loadDelegatedPermissionsMap()).length, `${route.method} ${route.path}`).toBeGreaterThan(0);
    }
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
