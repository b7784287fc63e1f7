/**
 * Intune's audit log entry (`auditEvent`, v1.0 CSDL) for one recorded write, in the shape Intune
 * answers (a live `GET /deviceManagement/auditEvents` row, rknightion/graph2otel
 * `internal/collectors/auditevents` test, shows it): `activity` null, `activityType`
 * "<operation> <resource type>", `activityOperationType`, `activityResult` "Success",
 * `componentName` = `category` (the area IntuneCD filters on: DeviceConfiguration,
 * DeviceCompliancePolicy, MobileApp, AssignmentFilter, RoleBasedAccessControl, Enrollment), the
 * actor (`auditActorType` "ItPro" for a signed-in admin, with `userPermissions` ["*"]) and one
 * resource with the names of the properties the request set.
 */
import type { TenantWriteRecord } from "./tenant-write.ts";

/** Intune component of a collection (first collection segment under `deviceManagement`/`deviceAppManagement`). */
const COMPONENTS: Readonly<Record<string, string>> = {
  deviceConfigurations: "DeviceConfiguration",
  configurationPolicies: "DeviceConfiguration",
  deviceCompliancePolicies: "DeviceCompliancePolicy",
  mobileApps: "MobileApp",
  assignmentFilters: "AssignmentFilter",
  roleScopeTags: "RoleBasedAccessControl",
  roleDefinitions: "RoleBasedAccessControl",
  roleAssignments: "RoleBasedAccessControl",
  deviceEnrollmentConfigurations: "Enrollment",
  windowsAutopilotDeploymentProfiles: "Enrollment",
  windowsAutopilotDeviceIdentities: "Enrollment",
  importedWindowsAutopilotDeviceIdentities: "Enrollment",
  managedDevices: "Device",
  // Writes to the audit log itself are not modelled (501), so nothing is ever filed here.
  auditEvents: "AuditEvent",
};

/** The component a route's writes are filed under; `Other` for a collection the table does not name. */
export function componentOf(route: string): string {
  const collection = route.split("/").filter(Boolean)[1]?.replace(/\(.*$/, "") ?? "";
  return COMPONENTS[collection] ?? "Other";
}

/** Intune's actor type for an app-only caller. The reference shows only "ItPro" (a signed-in admin). */
export const APPLICATION_ACTOR_TYPE = "Application";

export function activityTypeOf(record: TenantWriteRecord): string {
  const verb = record.operation === "Action" ? (record.action ?? "Action").charAt(0).toUpperCase() + (record.action ?? "Action").slice(1) : record.operation;
  return `${verb} ${record.resourceType}`;
}

export function renderAuditEvent(record: TenantWriteRecord): Record<string, unknown> {
  const component = componentOf(record.route);
  const user = record.actor.kind === "user";
  return {
    "@odata.type": "#microsoft.graph.auditEvent",
    id: record.id,
    displayName: activityTypeOf(record),
    componentName: component,
    actor: {
      auditActorType: user ? "ItPro" : APPLICATION_ACTOR_TYPE,
      userPermissions: user ? ["*"] : [],
      applicationId: record.actor.appId,
      applicationDisplayName: record.actor.appDisplayName,
      userPrincipalName: record.actor.userPrincipalName,
      servicePrincipalName: null,
      ipAddress: null,
      userId: record.actor.userId,
    },
    activity: null,
    activityDateTime: record.at,
    activityType: activityTypeOf(record),
    activityOperationType: record.operation,
    activityResult: "Success",
    correlationId: record.correlationId,
    resources: [
      {
        displayName: record.displayName,
        auditResourceType: record.concreteType,
        resourceId: record.resourceId,
        modifiedProperties: record.modifiedProperties.map((name) => ({ displayName: name, oldValue: null, newValue: null })),
      },
    ],
    category: component,
  };
}
