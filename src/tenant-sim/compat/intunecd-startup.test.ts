/**
 * IntuneCD's backup run (`IntuneCD-startbackup --audit -ap`, almenscorner/IntuneCD), replayed against
 * the local tenant: the requests its modules send, in its order and forms, for the modules whose
 * endpoints the local tenant serves (the run's `--exclude` names the rest). The modules are data
 * below, read from IntuneCD's sources (`backup_intune.py`, `backup/Intune/*.py`,
 * `intunecdlib/BaseGraphModule.py`, `BaseBackupModule.py`, `process_scope_tags.py`); `replay()`
 * sends them the way its Graph layer does:
 *
 * - a module GETs its endpoint (query parameters encoded as Python `requests` does) and follows
 *   `@odata.nextLink`;
 * - per-object reads and assignments go through `POST /beta/$batch` in chunks of 20, ids numbered
 *   1, 2, … (numbers, not strings), URLs relative without a leading slash; only 200 answers are kept;
 * - assignment answers are matched to their object by the object id in `@odata.context`, and their
 *   group ids are resolved by another batch (`groups/{id}?$select=displayName,id,groupTypes,membershipRule`);
 * - with `--audit`, `GET /v1.0/deviceManagement/auditEvents` with a component filter and a date window
 *   written with microseconds, `$select` and `$orderby=activityDateTime desc`.
 *
 * Every request (and every batch sub-request) must succeed, and each answer must have what IntuneCD
 * reads from it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestTenant, type TestResponse, type TestTenant } from "../testing.ts";

interface IntuneCdModule {
  /** IntuneCD's module (class) name. */
  name: string;
  /** `CONFIG_ENDPOINT`. */
  endpoint: string;
  params?: Record<string, string>;
  /** Extra per-object batch reads: [url prefix, url suffix] around each object id. */
  perObject?: [string, string][];
  /** `assignment_endpoint` and `assignment_extra_url` (omitted where `has_assignments` is False). */
  assignments?: [string, string];
  /** `audit_filter` (omitted where the module turns audit off). */
  audit?: string;
  /** DeviceConfigurations resolves encrypted OMA-URI values one by one. */
  plainTextOmaValues?: boolean;
  /** What IntuneCD reads from each listed object (it fails with a KeyError otherwise). */
  reads?: string[];
}

/** IntuneCD modules whose endpoints the local tenant serves, in `backup_intune.py`'s order. */
const MODULES: IntuneCdModule[] = [
  // backup_intune(): ProcessScopeTags.get_scope_tags() runs before every module.
  { name: "ProcessScopeTags", endpoint: "/beta/deviceManagement/roleScopeTags", reads: ["id", "displayName"] },
  { name: "AutopilotDevicesBackupModule", endpoint: "/beta/deviceManagement/windowsAutopilotDeviceIdentities", reads: ["id"] },
  {
    name: "ApplicationsBackupModule",
    endpoint: "/beta/deviceAppManagement/mobileApps",
    params: { $filter: "(microsoft.graph.managedApp/appAvailability) eq null or (microsoft.graph.managedApp/appAvailability) eq 'lineOfBusiness' or isAssigned eq true" },
    perObject: [["deviceAppManagement/mobileApps/", "?$select=roleScopeTagIds,id"]],
    assignments: ["deviceAppManagement/mobileApps/", "/assignments"],
    audit: "componentName eq 'MobileApp'",
    reads: ["id", "displayName", "@odata.type"],
  },
  {
    name: "ComplianceBackupModule",
    endpoint: "/beta/deviceManagement/deviceCompliancePolicies/",
    params: { $expand: "scheduledActionsForRule($expand=scheduledActionConfigurations)" },
    assignments: ["deviceManagement/deviceCompliancePolicies/", "/assignments"],
    audit: "componentName eq 'DeviceCompliancePolicy'",
    reads: ["id", "displayName", "scheduledActionsForRule"],
  },
  {
    name: "DeviceConfigurationBackupModule",
    endpoint: "/beta/deviceManagement/deviceConfigurations",
    assignments: ["deviceManagement/deviceConfigurations/", "/assignments"],
    audit: "componentName eq 'DeviceConfiguration'",
    plainTextOmaValues: true,
    reads: ["id", "displayName", "@odata.type"],
  },
  {
    name: "WindowsEnrollmentProfilesBackupModule",
    endpoint: "/beta/deviceManagement/windowsAutopilotDeploymentProfiles",
    assignments: ["deviceManagement/windowsAutopilotDeploymentProfiles/", "/assignments"],
    audit: "componentName eq 'Enrollment'",
    reads: ["id", "displayName"],
  },
  { name: "FiltersBackupModule", endpoint: "/beta/deviceManagement/assignmentFilters", audit: "componentName eq 'AssignmentFilter'", reads: ["id", "displayName"] },
  {
    name: "SettingsCatalogBackupModule",
    endpoint: "/beta/deviceManagement/configurationPolicies",
    assignments: ["deviceManagement/configurationPolicies/", "/assignments"],
    audit: "componentName eq 'DeviceConfiguration'",
    perObject: [["deviceManagement/configurationPolicies/", "/settings?&top=1000"]],
    reads: ["id", "name", "technologies"],
  },
  { name: "RolesBackupModule", endpoint: "/beta/deviceManagement/roleDefinitions", params: { $filter: "isBuiltIn eq false" }, audit: "componentName eq 'RoleBasedAccessControl'", reads: ["id", "displayName", "rolePermissions"] },
  {
    name: "ScopeTagsBackupModule",
    endpoint: "/beta/deviceManagement/roleScopeTags",
    assignments: ["deviceManagement/roleScopeTags/", "/assignments"],
    audit: "componentName eq 'RoleBasedAccessControl'",
    reads: ["id", "displayName"],
  },
];

/** The modules of the same run that read endpoints the local tenant does not serve (`--exclude`). */
export const EXCLUDED_MODULES = [
  "AppConfigurations", "AppProtection", "APNS", "VPP", "DeviceCompliancePolicies", "ReusablePolicySettings", "ComplianceScripts",
  "DeviceManagementSettings", "DeviceCategories", "NotificationTemplate", "GPOConfigurations", "AppleEnrollmentProfile",
  "EnrollmentStatusPage", "EnrollmentConfigurations", "ManagedGooglePlay", "Intents", "CompliancePartner", "ManagementPartner",
  "RemoteAssistancePartner", "ProactiveRemediation", "PowershellScripts", "ShellScripts", "CustomAttributes", "ConditionalAccess",
  "WindowsDriverUpdates", "WindowsFeatureUpdates", "WindowsQualityUpdates",
];

const GROUP_LOOKUP: [string, string] = ["groups/", "?$select=displayName,id,groupTypes,membershipRule"];
const FILTER_LOOKUP: [string, string] = ["deviceManagement/assignmentFilters/", "?$select=displayName"];
const AUDIT_SELECT = "actor,activityDateTime,activityOperationType,activityResult,resources";

/** One request as sent, and its answer. */
interface Exchange {
  module: string;
  method: string;
  url: string;
  status: number;
}

let t: TestTenant;
const log: Exchange[] = [];
const failures: string[] = [];

/** Python's `datetime.now().strftime("%Y-%m-%dT%H:%M:%S.%fZ")`: microseconds, a `Z` appended. */
const pythonNow = (d: Date) => `${d.toISOString().slice(0, 23)}000Z`;

async function send(module: string, method: string, url: string, body?: unknown): Promise<TestResponse> {
  const res = await t.graph(method, url, body);
  log.push({ module, method, url, status: res.status });
  if (res.status !== 200) failures.push(`${module}: ${method} ${url} → ${res.status} ${JSON.stringify(res.body?.error ?? res.body).slice(0, 300)}`);
  return res;
}

/** `make_graph_request`: GET with `requests`-encoded parameters, following `@odata.nextLink`. */
async function get(module: string, endpoint: string, params?: Record<string, string>): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const query = params ? `?${new URLSearchParams(params).toString()}` : "";
  let res = await send(module, "GET", `${t.baseUrl}${endpoint}${query}`);
  const data = res.body ?? {};
  while (res.status === 200 && res.body?.["@odata.nextLink"]) {
    res = await send(module, "GET", res.body["@odata.nextLink"]);
    data.value.push(...(res.body?.value ?? []));
  }
  return data;
}

/** `batch_request`: chunks of 20, numeric ids from 1, relative URLs; keeps the 200 bodies. */
async function batch(module: string, ids: string[], [prefix, suffix]: [string, string]): Promise<Record<string, any>[]> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const bodies: Record<string, any>[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  let next = 1;
  for (let i = 0; i < ids.length; i += 20) {
    const requests = ids.slice(i, i + 20).map((id) => ({ id: next++, method: "GET", url: `${prefix}${id}${suffix}` }));
    const res = await send(module, "POST", `${t.baseUrl}/beta/$batch`, { requests });
    for (const r of [...(res.body?.responses ?? [])].sort((a, b) => Number(a.id) - Number(b.id))) {
      // IntuneCD reads the ids back with int(resp["id"]).
      if (typeof r.id !== "string" || !Number.isInteger(Number(r.id))) failures.push(`${module}: batch answer id ${JSON.stringify(r.id)} is not a numbered string`);
      if (r.status === 200) bodies.push(r.body);
      else failures.push(`${module}: batch GET ${requests.find((q) => String(q.id) === r.id)?.url} → ${r.status} ${JSON.stringify(r.body?.error ?? r.body).slice(0, 300)}`);
    }
  }
  return bodies;
}

async function replay(module: IntuneCdModule): Promise<void> {
  const data = await get(module.name, module.endpoint, module.params);
  const items: Record<string, any>[] = Array.isArray(data.value) ? data.value : []; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (!Array.isArray(data.value)) failures.push(`${module.name}: no value array`);
  for (const item of items) for (const key of module.reads ?? []) if (!(key in item)) failures.push(`${module.name}: object ${item.id} lacks '${key}'`);
  const ids = items.map((item) => String(item.id));

  for (const perObject of module.perObject ?? []) {
    const bodies = await batch(module.name, ids, perObject);
    for (const body of bodies) {
      // get_object_details() matches settings to their policy by the id in @odata.context.
      if (perObject[1].startsWith("/") && !ids.some((id) => String(body["@odata.context"] ?? "").includes(id))) failures.push(`${module.name}: ${perObject[1]} answer names no object in @odata.context`);
    }
  }

  if (module.assignments && ids.length) {
    const answers = await batch(module.name, ids, module.assignments);
    for (const answer of answers) {
      if (!Array.isArray(answer.value)) failures.push(`${module.name}: assignments answer without value`);
      // get_object_assignment() keeps an answer for the object whose id is in its @odata.context.
      if (!ids.some((id) => String(answer["@odata.context"] ?? "").includes(id))) failures.push(`${module.name}: assignments @odata.context names no object`);
    }
    const targets = answers.flatMap((a) => (a.value ?? []).map((v: { target: Record<string, unknown> }) => v.target));
    const groupIds = targets.map((tg) => tg.groupId).filter((g): g is string => typeof g === "string");
    if (groupIds.length) await batch(module.name, groupIds, GROUP_LOOKUP);
    const filterIds = targets.map((tg) => tg.deviceAndAppManagementAssignmentFilterId).filter((f): f is string => typeof f === "string" && f !== "00000000-0000-0000-0000-000000000000");
    if (filterIds.length) await batch(module.name, filterIds, FILTER_LOOKUP);
  }

  if (module.plainTextOmaValues) {
    for (const item of items)
      for (const setting of item.omaSettings ?? [])
        if (setting.isEncrypted)
          await send(module.name, "GET", `${t.baseUrl}${module.endpoint}/${item.id}/getOmaSettingPlainTextValue(secretReferenceValueId='${setting.secretReferenceValueId}')`);
  }

  if (module.audit) {
    const now = new Date();
    const start = pythonNow(new Date(now.getTime() - 24 * 3600 * 1000));
    const audit = await get(module.name, "/v1.0/deviceManagement/auditEvents", {
      $filter: `${module.audit} and activityDateTime gt ${start} and activityDateTime le ${pythonNow(new Date(now.getTime() + 60_000))} and activityOperationType ne 'Get'`,
      $select: AUDIT_SELECT,
      $orderby: "activityDateTime desc",
    });
    for (const event of audit.value ?? []) {
      // make_audit_request() reads the actor's type and the first resource.
      if (typeof event.actor?.auditActorType !== "string" || typeof event.resources?.[0]?.resourceId !== "string") failures.push(`${module.name}: audit event without actor type or resource id`);
    }
  }
}

const target = (groupId: string) => ({ "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId });

beforeAll(async () => {
  t = await startTestTenant();
  // A tenant with something in every area the run reads, made the way an admin (or holofleet) makes it.
  const group = await t.graph("POST", "/v1.0/groups", { displayName: "HL2 devices", mailEnabled: false, mailNickname: "hl2-devices", securityEnabled: true });
  const g = group.body.id as string;
  const cfg = await t.graph("POST", "/v1.0/deviceManagement/deviceConfigurations", {
    "@odata.type": "#microsoft.graph.windows10CustomConfiguration",
    displayName: "HL2 kiosk",
    omaSettings: [{ "@odata.type": "#microsoft.graph.omaSettingString", displayName: "Kiosk", omaUri: "./Vendor/MSFT/AssignedAccess/Configuration", value: "<AssignedAccessConfiguration/>" }],
  });
  await t.graph("POST", `/v1.0/deviceManagement/deviceConfigurations/${cfg.body.id}/assign`, { assignments: [{ target: target(g) }] });
  const compliance = await t.graph("POST", "/beta/deviceManagement/deviceCompliancePolicies", {
    "@odata.type": "#microsoft.graph.windows10CompliancePolicy",
    displayName: "HL2 compliance",
    osMinimumVersion: "10.0.22621.1266",
    scheduledActionsForRule: [{ ruleName: "PasswordRequired", scheduledActionConfigurations: [{ actionType: "block", gracePeriodHours: 0, notificationTemplateId: "" }] }],
  });
  await t.graph("POST", `/beta/deviceManagement/deviceCompliancePolicies/${compliance.body.id}/assign`, { assignments: [{ target: target(g) }] });
  // More settings catalog policies than one page (25) holds, so the run follows a nextLink.
  for (let i = 0; i < 27; i++) {
    const policy = await t.graph("POST", "/beta/deviceManagement/configurationPolicies", {
      name: `HL2 catalog ${i}`,
      platforms: "windows10",
      technologies: "mdm",
      settings: [{ settingInstance: { "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance", settingDefinitionId: "device_vendor_msft_policy_config_connectivity_allowusbconnection", choiceSettingValue: { "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingValue", value: "device_vendor_msft_policy_config_connectivity_allowusbconnection_0", children: [] } } }],
    });
    if (i === 0) await t.graph("POST", `/beta/deviceManagement/configurationPolicies/${policy.body.id}/assign`, { assignments: [{ target: { ...target(g), deviceAndAppManagementAssignmentFilterId: "3b0f4c1e-9a0d-4d3c-8f4e-2b6f9a7c1d20", deviceAndAppManagementAssignmentFilterType: "include" } }] });
  }
  t.tenant.store.put("assignmentFilters", { id: "3b0f4c1e-9a0d-4d3c-8f4e-2b6f9a7c1d20", displayName: "HoloLens 2", platform: "windows10AndLater", rule: '(device.deviceModel -eq "HoloLens 2")' });
  const apps = await t.graph("GET", "/v1.0/deviceAppManagement/mobileApps");
  await t.graph("POST", `/v1.0/deviceAppManagement/mobileApps/${apps.body.value[0].id}/assign`, { mobileAppAssignments: [{ intent: "required", target: target(g) }] });
  const profile = await t.graph("POST", "/beta/deviceManagement/windowsAutopilotDeploymentProfiles", {
    "@odata.type": "#microsoft.graph.azureADWindowsAutopilotDeploymentProfile",
    displayName: "HL2 self-deploying",
    deviceType: "holoLens",
    outOfBoxExperienceSetting: { deviceUsageType: "shared", userType: "standard" },
  });
  await t.graph("POST", `/beta/deviceManagement/windowsAutopilotDeploymentProfiles/${profile.body.id}/assignments`, { target: target(g) });
  await t.sim("POST", "/devices", { serialNumber: "HL2-ICD-0001", osVersion: "10.0.22621.1266", enroll: false });

  for (const module of MODULES) await replay(module);
});
afterAll(async () => {
  await t?.close();
});

describe("IntuneCD's start-up read sequence", () => {
  it("every request and every batch sub-request → 200, with what IntuneCD reads from each answer", () => {
    expect(failures).toEqual([]);
  });

  it("the replay covered every module, its batches, a nextLink, the plain-text OMA value and the audit queries", () => {
    for (const module of MODULES) expect(log.some((e) => e.module === module.name), module.name).toBe(true);
    const urls = log.map((e) => e.url);
    expect(urls.filter((u) => u.endsWith("/beta/$batch")).length).toBeGreaterThanOrEqual(8);
    expect(urls.some((u) => u.includes("/configurationPolicies?") && u.includes("skiptoken"))).toBe(true);
    expect(urls.some((u) => u.includes("getOmaSettingPlainTextValue"))).toBe(true);
    expect(urls.filter((u) => u.includes("/v1.0/deviceManagement/auditEvents")).length).toBe(MODULES.filter((m) => m.audit).length);
  });
});
