/**
 * The Graph read behind each part of the live snapshot: path, version, query and the least application
 * permissions that allow it (Microsoft's permissions reference). The reader (`read-tenant.ts`) requests
 * exactly these; failed reads name them in their fix. Collections ask for Graph's largest page where the
 * API has one (`$top=999` for users and groups), so a tenant is read in as few requests as it allows.
 */
import type { GraphVersion } from "../../graph/types.ts";

export interface SnapshotRead {
  path: string;
  version: GraphVersion;
  query?: Record<string, string>;
  /** As the documentation writes it, for messages. */
  read: string;
  permissions: string[];
}

const USER_SELECT = "id,userPrincipalName,displayName,accountEnabled,userType,department,companyName,mail,usageLocation,assignedLicenses,licenseAssignmentStates,passwordPolicies,lastPasswordChangeDateTime";
const GROUP_SELECT = "id,displayName,description,groupTypes,mailEnabled,mailNickname,mail,securityEnabled,membershipRule,membershipRuleProcessingState,assignedLicenses,uniqueName";
const DEVICE_SELECT = "id,deviceId,displayName,accountEnabled,operatingSystem,operatingSystemVersion,physicalIds,trustType,isManaged,isCompliant,registrationDateTime";

export const SNAPSHOT_READS = {
  organization: { path: "/organization", version: "v1.0", query: { $select: "id,displayName" }, read: "GET /v1.0/organization", permissions: ["Organization.Read.All"] },
  users: { path: "/users", version: "v1.0", query: { $select: USER_SELECT, $top: "999" }, read: "GET /v1.0/users", permissions: ["User.Read.All"] },
  groups: { path: "/groups", version: "v1.0", query: { $select: GROUP_SELECT, $top: "999" }, read: "GET /v1.0/groups, /groups/{id}/members and /groups/{id}/transitiveMembers", permissions: ["GroupMember.Read.All"] },
  devices: { path: "/devices", version: "v1.0", query: { $select: DEVICE_SELECT, $top: "999" }, read: "GET /v1.0/devices and /devices/{id}/registeredOwners", permissions: ["Device.Read.All"] },
  domains: { path: "/domains", version: "v1.0", read: "GET /v1.0/domains", permissions: ["Domain.Read.All"] },
  subscribedSkus: { path: "/subscribedSkus", version: "v1.0", read: "GET /v1.0/subscribedSkus", permissions: ["LicenseAssignment.Read.All"] },
  deviceConfigurations: {
    path: "/deviceManagement/deviceConfigurations",
    // v1.0 masks a string value as "****" without saying which secret it is; beta adds `isEncrypted` and the
    // `secretReferenceValueId` that getOmaSettingPlainTextValue takes (graph-facts §14).
    version: "beta",
    read: "GET /beta/deviceManagement/deviceConfigurations, …/{id}/assignments and …/{id}/getOmaSettingPlainTextValue",
    permissions: ["DeviceManagementConfiguration.Read.All"],
  },
  managedDevices: {
    path: "/deviceManagement/managedDevices",
    version: "v1.0",
    read: "GET /v1.0/deviceManagement/managedDevices and …/{id}/deviceConfigurationStates",
    permissions: ["DeviceManagementManagedDevices.Read.All"],
  },
  windowsAutopilotDeviceIdentities: {
    path: "/deviceManagement/windowsAutopilotDeviceIdentities",
    version: "beta",
    query: { $expand: "deploymentProfile" },
    read: "GET /beta/deviceManagement/windowsAutopilotDeviceIdentities?$expand=deploymentProfile",
    permissions: ["DeviceManagementServiceConfig.Read.All"],
  },
  windowsAutopilotDeploymentProfiles: {
    path: "/deviceManagement/windowsAutopilotDeploymentProfiles",
    version: "beta",
    read: "GET /beta/deviceManagement/windowsAutopilotDeploymentProfiles and …/{id}/assignments",
    permissions: ["DeviceManagementServiceConfig.Read.All"],
  },
  deviceEnrollmentConfigurations: {
    path: "/deviceManagement/deviceEnrollmentConfigurations",
    version: "beta",
    query: { $expand: "assignments" },
    read: "GET /beta/deviceManagement/deviceEnrollmentConfigurations?$expand=assignments",
    permissions: ["DeviceManagementServiceConfig.Read.All"],
  },
  mobileDeviceManagementPolicies: {
    path: "/policies/mobileDeviceManagementPolicies",
    version: "beta",
    query: { $expand: "includedGroups" },
    read: "GET /beta/policies/mobileDeviceManagementPolicies?$expand=includedGroups",
    permissions: ["Policy.Read.All (delegated: a signed-in administrator)"],
  },
  deviceRegistrationPolicy: { path: "/policies/deviceRegistrationPolicy", version: "v1.0", read: "GET /v1.0/policies/deviceRegistrationPolicy", permissions: ["Policy.Read.DeviceConfiguration"] },
} as const satisfies Record<string, SnapshotRead>;

export type SnapshotPart = keyof typeof SNAPSHOT_READS;
