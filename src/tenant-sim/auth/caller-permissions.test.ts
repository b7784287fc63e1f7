/**
 * Who may call a route: app-only tokens by `roles` against the application map, delegated tokens by
 * `scp` against the delegated map — including routes Graph serves to signed-in users only (the MDM
 * user scope), and holofleet's own consent, which reads every tenant precondition and writes none.
 */
import { describe, expect, it } from "vitest";
import type { RouteDef } from "../framework.ts";
import { allRoutes } from "../routes/index.ts";
import { HOLOFLEET_APP_ROLES, HOLOFLEET_DELEGATED_SCOPES } from "../tenant-identity.ts";
import type { AccessTokenClaims } from "./access-token.ts";
import { callerIsGranted } from "./caller-permissions.ts";

const base = { tid: "t", appid: "a", azp: "a", oid: "o", app_displayname: "holofleet" };
const app = (roles: string[]): AccessTokenClaims => ({ ...base, idtyp: "app", roles });
const user = (scp: string, roles?: string[]): AccessTokenClaims => ({ ...base, idtyp: "user", scp, ...(roles ? { roles } : {}) });

function route(method: RouteDef["method"], path: string): RouteDef {
  const found = allRoutes.find((r) => r.method === method && r.path === path);
  if (!found) throw new Error(`no route ${method} ${path}`);
  return found;
}

const MDM = "/policies/mobileDeviceManagementPolicies";
const ENTRA_JOIN = "/policies/deviceRegistrationPolicy";
const ENROLLMENT = "/deviceManagement/deviceEnrollmentConfigurations";

describe("callerIsGranted", () => {
  it("the MDM user scope → no application permission grants it; a signed-in user's Policy.Read.All does", () => {
    const mdm = route("GET", MDM);
    expect(callerIsGranted(app(["Policy.Read.All", ...HOLOFLEET_APP_ROLES]), mdm)).toBe(false);
    expect(callerIsGranted(user("openid Policy.Read.All"), mdm)).toBe(true);
    expect(callerIsGranted(user("User.Read"), mdm)).toBe(false);
  });

  it("a delegated token's roles never stand in for its scopes, nor an app token's scp for roles", () => {
    const users = route("GET", "/users");
    expect(callerIsGranted(app(["User.Read.All"]), users)).toBe(true);
    expect(callerIsGranted(user("openid", ["User.Read.All"]), users)).toBe(false);
    expect(callerIsGranted({ ...app([]), scp: undefined }, users)).toBe(false);
  });

  it("holofleet's delegated consent → reads every tenant precondition, writes none of them", () => {
    const signedIn = user(HOLOFLEET_DELEGATED_SCOPES.join(" "));
    for (const [method, path] of [
      ["GET", MDM],
      ["GET", `${MDM}/{id}`],
      ["GET", `${MDM}/{id}/includedGroups`],
      ["GET", ENTRA_JOIN],
      ["GET", ENROLLMENT],
    ] as const)
      expect(callerIsGranted(signedIn, route(method, path)), `${method} ${path}`).toBe(true);
    for (const [method, path] of [
      ["PATCH", `${MDM}/{id}`],
      ["POST", `${MDM}/{id}/includedGroups/$ref`],
      ["DELETE", `${MDM}/{id}/includedGroups/{groupId}/$ref`],
      ["PATCH", ENTRA_JOIN],
      ["PUT", ENTRA_JOIN],
    ] as const)
      expect(callerIsGranted(signedIn, route(method, path)), `${method} ${path}`).toBe(false);
  });

  it("holofleet's app → reads the Entra join and enrollment preconditions, writes neither policy", () => {
    const holofleet = app([...HOLOFLEET_APP_ROLES]);
    expect(callerIsGranted(holofleet, route("GET", ENTRA_JOIN))).toBe(true);
    expect(callerIsGranted(holofleet, route("GET", ENROLLMENT))).toBe(true);
    expect(callerIsGranted(holofleet, route("PATCH", ENTRA_JOIN))).toBe(false);
    expect(callerIsGranted(holofleet, route("PUT", ENTRA_JOIN))).toBe(false);
  });
});
