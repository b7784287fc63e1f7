/**
 * The route registry against Graph's `$select` rule: every GET route of `allRoutes`, on every
 * version it serves, answers `$select` naming no property of its entity type with Graph's 400 —
 * Entra ID's `Request_BadRequest`, or Graph's own `BadRequest` "Parsing OData Select and Expand
 * failed: …" on Intune routes — and takes a real property in any letter case.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulatedHardwareHash } from "../intune/hardware-hash.ts";
import { createTestUser, initialDomain } from "../directory/test-graph-fixtures.ts";
import { startTestTenant, type TestTenant } from "../testing.ts";
import { allRoutes } from "./index.ts";

const CFG = "/deviceManagement/deviceConfigurations";
const PROFILES = "/deviceManagement/windowsAutopilotDeploymentProfiles";
const IMPORTED = "/deviceManagement/importedWindowsAutopilotDeviceIdentities";
const COMPLIANCE = "/deviceManagement/deviceCompliancePolicies";
const CATALOG = "/deviceManagement/configurationPolicies";
const APPS = "/deviceAppManagement/mobileApps";
/** The built-in "Read Only Operator" role (intune/builtin-rbac.ts). */
const READ_ONLY_OPERATOR = "fa1d7878-e8cb-41a1-8254-0142355c9f84";
const ENROLLMENT = "/deviceManagement/deviceEnrollmentConfigurations";
const MDM = "/policies/mobileDeviceManagementPolicies";

/** GET routes that answer no entity, so `$select` has nothing to apply to (their own tests cover them). */
const NOT_ENTITY_ANSWERS = new Set([`${CFG}/{id}/getOmaSettingPlainTextValue(secretReferenceValueId='{secretReferenceValueId}')`]);

let t: TestTenant;
/**
 * Route pattern → a concrete path that exists in the arranged tenant, with the entity type it answers
 * (and the credentials it needs when holofleet's app-only token may not read it).
 */
let concrete: Record<string, { path: string; type: string; headers?: Record<string, string> }>;

beforeAll(async () => {
  t = await startTestTenant();
  const domain = await initialDomain(t);
  const user = await createTestUser(t, domain, "select-user");
  const group = await t.graph("POST", "/v1.0/groups", {
    displayName: "Select group",
    mailEnabled: false,
    mailNickname: "select-group",
    securityEnabled: true,
    "members@odata.bind": [`https://graph.microsoft.com/v1.0/directoryObjects/${user.id}`],
  });
  expect(group.status).toBe(201);
  const sim = await t.sim("POST", "/devices", { serialNumber: "HL2-SEL-0001", osVersion: "10.0.22621.1266", enroll: true, primaryUserPrincipalName: `select-user@${domain}` });
  expect(sim.status).toBe(201);
  const sku = (await t.graph("GET", "/v1.0/subscribedSkus")).body.value[0].id as string;
  const entraDevice = (await t.graph("GET", `/v1.0/devices/${sim.body.entraObjectId}`)).body.deviceId as string;

  const cfg = await t.graph("POST", `/v1.0${CFG}`, {
    "@odata.type": "#microsoft.graph.windows10CustomConfiguration",
    displayName: "Select profile",
    omaSettings: [{ "@odata.type": "#microsoft.graph.omaSettingInteger", displayName: "USB", omaUri: "./Vendor/MSFT/Policy/Config/Connectivity/AllowUSBConnection", value: 0 }],
  });
  expect(cfg.status).toBe(201);
  const target = { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: group.body.id };
  const assigned = await t.graph("POST", `/v1.0${CFG}/${cfg.body.id}/assign`, { assignments: [{ target }] });
  expect(assigned.status).toBe(200);
  const imported = await t.graph("POST", `/v1.0${IMPORTED}`, { serialNumber: "HL2-SEL-0002", hardwareIdentifier: simulatedHardwareHash("HL2-SEL-0002") });
  expect(imported.status).toBe(201);
  const profile = await t.graph("POST", `/beta${PROFILES}`, {
    "@odata.type": "#microsoft.graph.azureADWindowsAutopilotDeploymentProfile",
    displayName: "Select HL2",
    deviceType: "holoLens",
    outOfBoxExperienceSetting: { deviceUsageType: "shared", userType: "standard" },
  });
  expect(profile.status).toBe(201);
  const profileAssignment = await t.graph("POST", `/beta${PROFILES}/${profile.body.id}/assignments`, { target });
  expect(profileAssignment.status).toBe(201);

  const compliance = await t.graph("POST", `/v1.0${COMPLIANCE}`, {
    "@odata.type": "#microsoft.graph.windows10CompliancePolicy",
    displayName: "Select compliance",
    scheduledActionsForRule: [{ ruleName: "PasswordRequired", scheduledActionConfigurations: [{ actionType: "block", gracePeriodHours: 0 }] }],
  });
  expect(compliance.status).toBe(201);
  const complianceAssigned = await t.graph("POST", `/v1.0${COMPLIANCE}/${compliance.body.id}/assign`, { assignments: [{ target }] });
  expect(complianceAssigned.status).toBe(200);
  const catalog = await t.graph("POST", `/beta${CATALOG}`, {
    name: "Select catalog",
    platforms: "windows10",
    technologies: "mdm",
    settings: [{ settingInstance: { "@odata.type": "#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance", settingDefinitionId: "device_vendor_msft_policy_config_select", simpleSettingValue: { "@odata.type": "#microsoft.graph.deviceManagementConfigurationIntegerSettingValue", value: 1 } } }],
  });
  expect(catalog.status).toBe(201);
  const catalogAssigned = await t.graph("POST", `/beta${CATALOG}/${catalog.body.id}/assign`, { assignments: [{ target }] });
  expect(catalogAssigned.status).toBe(200);
  const app = (await t.graph("GET", `/v1.0${APPS}`)).body.value[0].id as string;
  const appAssignment = await t.graph("POST", `/v1.0${APPS}/${app}/assignments`, { intent: "required", target });
  expect(appAssignment.status).toBe(201);
  t.tenant.store.put("assignmentFilters", { id: "3b0f4c1e-9a0d-4d3c-8f4e-2b6f9a7c1d20", displayName: "Select filter", platform: "windows10AndLater", rule: '(device.deviceModel -eq "HoloLens 2")' });
  const auditEvent = (await t.graph("GET", "/v1.0/deviceManagement/auditEvents")).body.value[0].id as string;
  const directoryAudit = (await t.graph("GET", "/v1.0/auditLogs/directoryAudits")).body.value[0].id as string;

  const esp = await t.graph("POST", `/v1.0${ENROLLMENT}`, { "@odata.type": "#microsoft.graph.windows10EnrollmentCompletionPageConfiguration", displayName: "Select ESP" });
  expect(esp.status).toBe(201);
  expect((await t.graph("POST", `/v1.0${ENROLLMENT}/${esp.body.id}/assign`, { enrollmentConfigurationAssignments: [{ target }] })).status).toBe(204);
  const espAssignment = (await t.graph("GET", `/v1.0${ENROLLMENT}/${esp.body.id}/assignments`)).body.value[0].id as string;
  // The MDM user scope takes delegated permissions only: an administrator signs in (device code flow)
  // to an app consented for the MDM policy.
  const mdmAdmin = await t.createDelegatedApp(["Policy.ReadWrite.MobilityManagement"]);
  const signedIn = { authorization: `Bearer ${await t.signedInToken(`select-user@${domain}`, mdmAdmin.clientId)}` };
  const mdmPolicy = "0000000a-0000-0000-c000-000000000000";
  expect((await t.graph("POST", `/beta${MDM}/${mdmPolicy}/includedGroups/$ref`, { "@odata.id": `https://graph.microsoft.com/beta/groups/${group.body.id}` }, signedIn)).status).toBe(204);

  const g = group.body.id as string;
  concrete = {
    "/deviceManagement/roleScopeTags": { path: "/deviceManagement/roleScopeTags", type: "roleScopeTag" },
    "/deviceManagement/roleScopeTags/{id}": { path: "/deviceManagement/roleScopeTags/0", type: "roleScopeTag" },
    "/deviceManagement/roleScopeTags/{id}/assignments": { path: "/deviceManagement/roleScopeTags/0/assignments", type: "roleScopeTagAutoAssignment" },
    "/deviceManagement/roleDefinitions": { path: "/deviceManagement/roleDefinitions", type: "roleDefinition" },
    "/deviceManagement/roleDefinitions/{id}": { path: `/deviceManagement/roleDefinitions/${READ_ONLY_OPERATOR}`, type: "roleDefinition" },
    "/deviceManagement/roleDefinitions/{id}/roleAssignments": { path: `/deviceManagement/roleDefinitions/${READ_ONLY_OPERATOR}/roleAssignments`, type: "roleAssignment" },
    "/deviceManagement/assignmentFilters": { path: "/deviceManagement/assignmentFilters", type: "deviceAndAppManagementAssignmentFilter" },
    "/deviceManagement/assignmentFilters/{id}": { path: "/deviceManagement/assignmentFilters/3b0f4c1e-9a0d-4d3c-8f4e-2b6f9a7c1d20", type: "deviceAndAppManagementAssignmentFilter" },
    [COMPLIANCE]: { path: COMPLIANCE, type: "deviceCompliancePolicy" },
    [`${COMPLIANCE}/{id}`]: { path: `${COMPLIANCE}/${compliance.body.id}`, type: "deviceCompliancePolicy" },
    [`${COMPLIANCE}/{id}/assignments`]: { path: `${COMPLIANCE}/${compliance.body.id}/assignments`, type: "deviceCompliancePolicyAssignment" },
    [`${COMPLIANCE}/{id}/assignments/{assignmentId}`]: { path: `${COMPLIANCE}/${compliance.body.id}/assignments/${complianceAssigned.body.value[0].id}`, type: "deviceCompliancePolicyAssignment" },
    [CATALOG]: { path: CATALOG, type: "deviceManagementConfigurationPolicy" },
    [`${CATALOG}/{id}`]: { path: `${CATALOG}/${catalog.body.id}`, type: "deviceManagementConfigurationPolicy" },
    [`${CATALOG}/{id}/settings`]: { path: `${CATALOG}/${catalog.body.id}/settings`, type: "deviceManagementConfigurationSetting" },
    [`${CATALOG}/{id}/settings/{settingId}`]: { path: `${CATALOG}/${catalog.body.id}/settings/0`, type: "deviceManagementConfigurationSetting" },
    [`${CATALOG}/{id}/assignments`]: { path: `${CATALOG}/${catalog.body.id}/assignments`, type: "deviceManagementConfigurationPolicyAssignment" },
    [`${CATALOG}/{id}/assignments/{assignmentId}`]: { path: `${CATALOG}/${catalog.body.id}/assignments/${catalogAssigned.body.value[0].id}`, type: "deviceManagementConfigurationPolicyAssignment" },
    [APPS]: { path: APPS, type: "mobileApp" },
    [`${APPS}/{id}`]: { path: `${APPS}/${app}`, type: "mobileApp" },
    [`${APPS}/{id}/assignments`]: { path: `${APPS}/${app}/assignments`, type: "mobileAppAssignment" },
    [`${APPS}/{id}/assignments/{assignmentId}`]: { path: `${APPS}/${app}/assignments/${appAssignment.body.id}`, type: "mobileAppAssignment" },
    "/deviceManagement/auditEvents": { path: "/deviceManagement/auditEvents", type: "auditEvent" },
    "/deviceManagement/auditEvents/{id}": { path: `/deviceManagement/auditEvents/${auditEvent}`, type: "auditEvent" },
    "/auditLogs/directoryAudits": { path: "/auditLogs/directoryAudits", type: "directoryAudit" },
    "/auditLogs/directoryAudits/{id}": { path: `/auditLogs/directoryAudits/${directoryAudit}`, type: "directoryAudit" },
    [ENROLLMENT]: { path: ENROLLMENT, type: "deviceEnrollmentConfiguration" },
    [`${ENROLLMENT}/{id}`]: { path: `${ENROLLMENT}/${esp.body.id}`, type: "deviceEnrollmentConfiguration" },
    [`${ENROLLMENT}/{id}/assignments`]: { path: `${ENROLLMENT}/${esp.body.id}/assignments`, type: "enrollmentConfigurationAssignment" },
    [`${ENROLLMENT}/{id}/assignments/{assignmentId}`]: { path: `${ENROLLMENT}/${esp.body.id}/assignments/${espAssignment}`, type: "enrollmentConfigurationAssignment" },
    "/policies/deviceRegistrationPolicy": { path: "/policies/deviceRegistrationPolicy", type: "deviceRegistrationPolicy" },
    [MDM]: { path: MDM, type: "mobilityManagementPolicy", headers: signedIn },
    [`${MDM}/{id}`]: { path: `${MDM}/${mdmPolicy}`, type: "mobilityManagementPolicy", headers: signedIn },
    [`${MDM}/{id}/includedGroups`]: { path: `${MDM}/${mdmPolicy}/includedGroups`, type: "group", headers: signedIn },
    "/organization": { path: "/organization", type: "organization" },
    "/organization/{id}": { path: `/organization/${t.tenantId}`, type: "organization" },
    "/domains": { path: "/domains", type: "domain" },
    "/domains/{id}": { path: `/domains/${domain}`, type: "domain" },
    "/subscribedSkus": { path: "/subscribedSkus", type: "subscribedSku" },
    "/subscribedSkus/{id}": { path: `/subscribedSkus/${sku}`, type: "subscribedSku" },
    "/users": { path: "/users", type: "user" },
    "/users/delta": { path: "/users/delta", type: "user" },
    "/users/{id}": { path: `/users/${user.id}`, type: "user" },
    "/users/{id}/licenseDetails": { path: `/users/${user.id}/licenseDetails`, type: "licenseDetails" },
    "/users/{id}/memberOf": { path: `/users/${user.id}/memberOf`, type: "directoryObject" },
    "/groups": { path: "/groups", type: "group" },
    "/groups/delta": { path: "/groups/delta", type: "group" },
    "/groups/{id}": { path: `/groups/${g}`, type: "group" },
    "/groups/{id}/members": { path: `/groups/${g}/members`, type: "directoryObject" },
    "/groups/{id}/membersWithLicenseErrors": { path: `/groups/${g}/membersWithLicenseErrors`, type: "directoryObject" },
    "/groups/{id}/transitiveMembers": { path: `/groups/${g}/transitiveMembers`, type: "directoryObject" },
    "/devices": { path: "/devices", type: "device" },
    "/devices/{id}": { path: `/devices/${sim.body.entraObjectId}`, type: "device" },
    "/devices(deviceId='{deviceId}')": { path: `/devices(deviceId='${entraDevice}')`, type: "device" },
    "/devices/{id}/memberOf": { path: `/devices/${sim.body.entraObjectId}/memberOf`, type: "directoryObject" },
    "/devices/{id}/registeredOwners": { path: `/devices/${sim.body.entraObjectId}/registeredOwners`, type: "directoryObject" },
    "/directoryObjects/{id}": { path: `/directoryObjects/${user.id}`, type: "directoryObject" },
    [CFG]: { path: CFG, type: "deviceConfiguration" },
    [`${CFG}/{id}`]: { path: `${CFG}/${cfg.body.id}`, type: "deviceConfiguration" },
    [`${CFG}/{id}/assignments`]: { path: `${CFG}/${cfg.body.id}/assignments`, type: "deviceConfigurationAssignment" },
    [`${CFG}/{id}/assignments/{assignmentId}`]: { path: `${CFG}/${cfg.body.id}/assignments/${assigned.body.value[0].id}`, type: "deviceConfigurationAssignment" },
    [`${CFG}/{id}/deviceStatuses`]: { path: `${CFG}/${cfg.body.id}/deviceStatuses`, type: "deviceConfigurationDeviceStatus" },
    [`${CFG}/{id}/deviceStatusOverview`]: { path: `${CFG}/${cfg.body.id}/deviceStatusOverview`, type: "deviceConfigurationDeviceOverview" },
    "/deviceManagement/managedDevices": { path: "/deviceManagement/managedDevices", type: "managedDevice" },
    "/deviceManagement/managedDevices/{id}": { path: `/deviceManagement/managedDevices/${sim.body.managedDeviceId}`, type: "managedDevice" },
    "/deviceManagement/managedDevices/{id}/deviceConfigurationStates": { path: `/deviceManagement/managedDevices/${sim.body.managedDeviceId}/deviceConfigurationStates`, type: "deviceConfigurationState" },
    [IMPORTED]: { path: IMPORTED, type: "importedWindowsAutopilotDeviceIdentity" },
    [`${IMPORTED}/{id}`]: { path: `${IMPORTED}/${imported.body.id}`, type: "importedWindowsAutopilotDeviceIdentity" },
    "/deviceManagement/windowsAutopilotDeviceIdentities": { path: "/deviceManagement/windowsAutopilotDeviceIdentities", type: "windowsAutopilotDeviceIdentity" },
    "/deviceManagement/windowsAutopilotDeviceIdentities/{id}": { path: `/deviceManagement/windowsAutopilotDeviceIdentities/${sim.body.autopilotDeviceId}`, type: "windowsAutopilotDeviceIdentity" },
    [PROFILES]: { path: PROFILES, type: "windowsAutopilotDeploymentProfile" },
    [`${PROFILES}/{id}`]: { path: `${PROFILES}/${profile.body.id}`, type: "windowsAutopilotDeploymentProfile" },
    [`${PROFILES}/{id}/assignments`]: { path: `${PROFILES}/${profile.body.id}/assignments`, type: "windowsAutopilotDeploymentProfileAssignment" },
    [`${PROFILES}/{id}/assignments/{assignmentId}`]: { path: `${PROFILES}/${profile.body.id}/assignments/${profileAssignment.body.id}`, type: "windowsAutopilotDeploymentProfileAssignment" },
  };
});
afterAll(async () => {
  await t?.close();
});

const getRoutes = allRoutes.filter((r) => r.method === "GET" && !NOT_ENTITY_ANSWERS.has(r.path));
const cases = getRoutes.flatMap((r) => r.versions.map((v) => [`${v} ${r.path}`, v, r.path, r.throttle] as const));

describe("$select on every GET route", () => {
  it("the arranged tenant has a concrete path for every GET route", () => {
    expect(getRoutes.map((r) => r.path).filter((p) => !(p in concrete))).toEqual([]);
  });

  it.each(cases)("%s answers an unknown $select property with Graph's 400", async (_name, version, pattern, throttle) => {
    const { path, type, headers } = concrete[pattern]!;
    const sep = path.includes("?") ? "&" : "?";
    const res = await t.graph("GET", `/${version}${path}${sep}$select=id,displayNme`, undefined, headers);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    const message = `Could not find a property named 'displayNme' on type 'microsoft.graph.${type}'.`;
    if (throttle === "directory") expect(res.body.error).toMatchObject({ code: "Request_BadRequest", message });
    else expect(res.body.error).toMatchObject({ code: "BadRequest", message: `Parsing OData Select and Expand failed: ${message}` });
  });

  it.each(cases)("%s takes a real property in any letter case", async (_name, version, pattern) => {
    const { path, headers } = concrete[pattern]!;
    const res = await t.graph("GET", `/${version}${path}?$select=ID`, undefined, headers);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const items = Array.isArray(res.body.value) ? res.body.value : [res.body];
    for (const item of items) expect(Object.keys(item).filter((k) => !k.startsWith("@"))).toEqual(["id"]);
  });
});
