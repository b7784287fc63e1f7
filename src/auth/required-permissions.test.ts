/**
 * holofleet's required permissions against the permissions map the local tenant enforces: every
 * call is granted by the permission it relies on, none is redundant where the map can show it, and
 * for each permission a call that needs it succeeds with the full set and answers 403 without it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isGranted, requiredPermissions } from "../tenant-sim/auth/permissions.ts";
import type { RouteDef } from "../tenant-sim/framework.ts";
import { compileRouter } from "../tenant-sim/router.ts";
import { allRoutes } from "../tenant-sim/routes/index.ts";
import { startTestTenant, type TestTenant } from "../tenant-sim/testing.ts";
import { REQUIRED_APP_ROLES, requiredCalls, type GraphCall } from "./required-permissions.ts";

const router = compileRouter(allRoutes);
const SAMPLE_ID = "8d4f7c1e-2a3b-4c5d-8e6f-0123456789ab";

/** The local tenant's route for a call, or undefined when it does not serve it. */
function routeOf(c: GraphCall): RouteDef | undefined {
  const concrete = c.path.replace(/\{[^}]+\}/g, SAMPLE_ID);
  const match = router.match(c.api, c.method, concrete);
  return match.kind === "match" ? match.route : undefined;
}

const served = requiredCalls().filter(({ call }) => routeOf(call) !== undefined);

/**
 * Permissions no local 403 can show: Microsoft's map also lists DeviceManagementConfiguration.ReadWrite.All
 * for `wipe` (Intune's own pages). docs/permissions.md says so.
 */
const NOT_SHOWN_LOCALLY = ["DeviceManagementManagedDevices.ReadWrite.All"];

/** A call only `permission` grants among the required ones (per the local tenant's map), if any. */
function uniqueCallOf(permission: string): GraphCall | undefined {
  const others = REQUIRED_APP_ROLES.filter((r) => r !== permission);
  return served.find(({ permission: p, call }) => p === permission && !isGranted(others, requiredPermissions(routeOf(call)!)))?.call;
}

describe("required application permissions", () => {
  it("the list has no duplicates and is what holofleet's app is given", () => {
    expect(new Set(REQUIRED_APP_ROLES).size).toBe(REQUIRED_APP_ROLES.length);
    expect(REQUIRED_APP_ROLES).toEqual([...REQUIRED_APP_ROLES].sort());
  });

  it("every call the local tenant serves is granted by the permission holofleet relies on for it", () => {
    const notGranted = served.filter(({ permission, call }) => !requiredPermissions(routeOf(call)!).includes(permission)).map(({ permission, call }) => `${permission}: ${call.method} ${call.path}`);
    expect(notGranted).toEqual([]);
  });

  it("the local tenant serves every call holofleet makes", () => {
    const unserved = requiredCalls().filter(({ call }) => routeOf(call) === undefined).map(({ call }) => `${call.method} /${call.api}${call.path}`);
    expect(unserved).toEqual([]);
  });

  it("each permission but the documented ones has a call no other required permission grants", () => {
    expect(REQUIRED_APP_ROLES.filter((p) => uniqueCallOf(p) === undefined)).toEqual(NOT_SHOWN_LOCALLY);
  });
});

/** A request that succeeds with the full set, for each call the unique-call search can pick. */
const recipes: Record<string, (t: TestTenant, token: string) => Promise<number>> = {
  "Device.Read.All": async (t, token) => (await t.graph("GET", "/v1.0/devices", undefined, { authorization: `Bearer ${token}` })).status,
  "DeviceManagementConfiguration.ReadWrite.All": async (t, token) =>
    (
      await t.graph(
        "POST",
        "/v1.0/deviceManagement/deviceConfigurations",
        {
          "@odata.type": "#microsoft.graph.windows10CustomConfiguration",
          displayName: "permission probe",
          omaSettings: [{ "@odata.type": "#microsoft.graph.omaSettingInteger", displayName: "USB", omaUri: "./Vendor/MSFT/Policy/Config/Connectivity/AllowUSBConnection", value: 0 }],
        },
        { authorization: `Bearer ${token}` },
      )
    ).status,
  "DeviceManagementServiceConfig.ReadWrite.All": async (t, token) =>
    (
      await t.graph(
        "POST",
        "/beta/deviceManagement/windowsAutopilotDeploymentProfiles",
        {
          "@odata.type": "#microsoft.graph.azureADWindowsAutopilotDeploymentProfile",
          displayName: "permission probe",
          deviceType: "holoLens",
          outOfBoxExperienceSettings: { deviceUsageType: "singleUser", hideEULA: true, hidePrivacySettings: true, hideEscapeLink: true, skipKeyboardSelectionPage: true, userType: "standard" },
        },
        { authorization: `Bearer ${token}` },
      )
    ).status,
  "Domain.ReadWrite.All": async (t, token) => {
    const domain = (await t.graph("GET", "/v1.0/domains")).body.value[0].id as string;
    return (await t.graph("PATCH", `/v1.0/domains/${domain}`, { passwordValidityPeriodInDays: 730 }, { authorization: `Bearer ${token}` })).status;
  },
  "Group.ReadWrite.All": async (t, token) => {
    const group = await t.graph("POST", "/v1.0/groups", { displayName: "probe", mailEnabled: false, mailNickname: `probe${Date.now()}`, securityEnabled: true });
    return (await t.graph("DELETE", `/v1.0/groups/${group.body.id}`, undefined, { authorization: `Bearer ${token}` })).status;
  },
  "Policy.Read.DeviceConfiguration": async (t, token) => (await t.graph("GET", "/v1.0/policies/deviceRegistrationPolicy", undefined, { authorization: `Bearer ${token}` })).status,
  "User.ReadWrite.All": async (t, token) =>
    (await t.graph("POST", "/v1.0/invitations", { invitedUserEmailAddress: `probe${Date.now()}@example.org`, inviteRedirectUrl: "https://myapps.microsoft.com" }, { authorization: `Bearer ${token}` })).status,
  "LicenseAssignment.Read.All": async (t, token) => (await t.graph("GET", "/v1.0/subscribedSkus", undefined, { authorization: `Bearer ${token}` })).status,
};

describe("least privilege on the local tenant", () => {
  let t: TestTenant;
  beforeAll(async () => {
    t = await startTestTenant({ tenant: { appRoles: REQUIRED_APP_ROLES } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const provable = REQUIRED_APP_ROLES.filter((p) => !NOT_SHOWN_LOCALLY.includes(p));

  it("every permission that can be shown has a request to show it with", () => {
    expect(Object.keys(recipes).sort()).toEqual(provable);
  });

  it.each(provable)("%s → its call succeeds with the full set and answers 403 without it", async (permission) => {
    const call = uniqueCallOf(permission)!;
    expect(call).toBeDefined();
    const withAll = await recipes[permission]!(t, await t.tokenFor());
    expect(withAll, `${call.method} ${call.path} with every required permission`).toBeGreaterThanOrEqual(200);
    expect(withAll).toBeLessThan(300);
    const reduced = await t.createApp(REQUIRED_APP_ROLES.filter((r) => r !== permission), { displayName: `without ${permission}` });
    expect(await recipes[permission]!(t, await t.tokenFor(reduced.clientId))).toBe(403);
  });
});
