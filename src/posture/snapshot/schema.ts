/**
 * The tenant snapshot: everything the audit reads, in one versioned JSON document. Every entity keeps the
 * wire shape Microsoft Graph returns (v1.0 names; beta names for the beta-only Autopilot, ESP and policy
 * types), with the navigation properties the audit needs inlined the way `$expand` would (`assignments`,
 * `transitiveMembers`, `registeredOwners`, `deviceConfigurationStates`). Entities are loose objects: Graph
 * returns more properties than the audit reads, and they are kept. `takenAt` is the snapshot's clock; the
 * audit never reads the real one. Parts with no Graph API come in as `evidence` (see `../evidence/`).
 */
import { z } from "zod";
import { evidenceSchema } from "../evidence/schema.ts";

export const SNAPSHOT_FORMAT_VERSION = 1;

/** An ISO 8601 date-time as Graph writes it (`2024-03-01T10:00:00Z`, fractional seconds allowed). */
const dateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/, "expected an ISO 8601 date-time such as 2024-03-01T10:00:00Z");
const nullableString = z.string().nullable().optional();

/** A `directoryObject` reference as `$expand`/`$select=id` returns it. */
const directoryObjectRef = z.looseObject({ "@odata.type": z.string().optional(), id: z.string(), userPrincipalName: nullableString, displayName: nullableString });

const assignedLicense = z.looseObject({ skuId: z.string(), disabledPlans: z.array(z.string()) });
const licenseAssignmentState = z.looseObject({
  skuId: z.string(),
  disabledPlans: z.array(z.string()).nullable().optional(),
  assignedByGroup: z.string().nullable().optional(),
  state: z.string().nullable().optional(),
  error: z.string().nullable().optional(),
  lastUpdatedDateTime: dateTime.nullable().optional(),
});

/** `GET /v1.0/users?$select=…` (the audit's properties are outside the default set). */
export const userSchema = z.looseObject({
  id: z.string(),
  userPrincipalName: z.string(),
  displayName: nullableString,
  accountEnabled: z.boolean().nullable().optional(),
  userType: nullableString,
  department: nullableString,
  companyName: nullableString,
  mail: nullableString,
  usageLocation: nullableString,
  assignedLicenses: z.array(assignedLicense),
  licenseAssignmentStates: z.array(licenseAssignmentState).nullable().optional(),
  passwordPolicies: nullableString,
  lastPasswordChangeDateTime: dateTime.nullable().optional(),
});

/** `GET /v1.0/groups` with `members` and `transitiveMembers` (`$select=id`). */
export const groupSchema = z.looseObject({
  id: z.string(),
  displayName: z.string(),
  description: nullableString,
  groupTypes: z.array(z.string()),
  mailEnabled: z.boolean().nullable().optional(),
  mailNickname: nullableString,
  mail: nullableString,
  securityEnabled: z.boolean().nullable().optional(),
  membershipRule: nullableString,
  membershipRuleProcessingState: nullableString,
  assignedLicenses: z.array(assignedLicense).nullable().optional(),
  members: z.array(directoryObjectRef),
  transitiveMembers: z.array(directoryObjectRef),
});

/** `GET /v1.0/domains`. */
export const domainSchema = z.looseObject({
  id: z.string(),
  isDefault: z.boolean().optional(),
  isVerified: z.boolean().optional(),
  passwordValidityPeriodInDays: z.number().int().nullable().optional(),
  passwordNotificationWindowInDays: z.number().int().nullable().optional(),
});

/** `GET /v1.0/subscribedSkus`. */
export const subscribedSkuSchema = z.looseObject({
  id: z.string(),
  skuId: z.string(),
  skuPartNumber: z.string(),
  capabilityStatus: nullableString,
  consumedUnits: z.number().int().nullable().optional(),
  prepaidUnits: z.looseObject({ enabled: z.number().int().nullable().optional() }).nullable().optional(),
  servicePlans: z.array(z.looseObject({ servicePlanId: z.string(), servicePlanName: z.string(), provisioningStatus: nullableString, appliesTo: nullableString })),
});

/** `GET /v1.0/devices` (Entra) with `registeredOwners`. */
export const entraDeviceSchema = z.looseObject({
  id: z.string(),
  deviceId: nullableString,
  displayName: nullableString,
  operatingSystem: nullableString,
  operatingSystemVersion: nullableString,
  physicalIds: z.array(z.string()),
  trustType: nullableString,
  isManaged: z.boolean().nullable().optional(),
  registeredOwners: z.array(directoryObjectRef),
});

/** An assignment target (`deviceAndAppManagementAssignmentTarget` and its derived types). */
const assignmentTarget = z.looseObject({ "@odata.type": z.string(), groupId: nullableString });
const assignment = z.looseObject({ id: z.string(), target: assignmentTarget });

/**
 * An `omaSetting`. String values are plain text (read through `getOmaSettingPlainTextValue` when Graph
 * masks them); a masked value left in (`isEncrypted` true with `****`) is reported as opaque, never compared.
 */
export const omaSettingSchema = z.looseObject({
  "@odata.type": z.string(),
  displayName: z.string(),
  description: nullableString,
  omaUri: z.string(),
  value: z.union([z.string(), z.number(), z.boolean()]).nullable(),
  isEncrypted: z.boolean().nullable().optional(),
  secretReferenceValueId: nullableString,
  fileName: nullableString,
});

/** A `settingState` of a device's configuration report. */
const settingState = z.looseObject({ setting: nullableString, settingName: nullableString, state: z.string(), errorCode: z.number().optional(), currentValue: nullableString });

/**
 * `managedDevice.deviceConfigurationStates`: what the device reported per profile. `settingStates` keeps only
 * the settings the device did not report compliant (errors, conflicts): a compliant setting tells the audit
 * nothing its profile does not, and across a fleet they are a third of the snapshot.
 */
const deviceConfigurationState = z.looseObject({
  id: z.string(),
  displayName: nullableString,
  version: z.number().int().optional(),
  state: z.string(),
  settingStates: z.array(settingState).nullable().optional(),
});

/** `GET /v1.0/deviceManagement/deviceConfigurations` (custom profiles, update rings, …) with `assignments`. */
export const deviceConfigurationSchema = z.looseObject({
  "@odata.type": z.string(),
  id: z.string(),
  displayName: z.string(),
  description: nullableString,
  version: z.number().int().optional(),
  lastModifiedDateTime: dateTime.optional(),
  omaSettings: z.array(omaSettingSchema).nullable().optional(),
  assignments: z.array(assignment),
});

/** `GET /v1.0/deviceManagement/managedDevices` with `deviceConfigurationStates`. */
export const managedDeviceSchema = z.looseObject({
  id: z.string(),
  deviceName: nullableString,
  operatingSystem: nullableString,
  osVersion: nullableString,
  model: nullableString,
  manufacturer: nullableString,
  serialNumber: nullableString,
  azureADDeviceId: nullableString,
  userId: nullableString,
  userPrincipalName: nullableString,
  enrolledDateTime: dateTime.optional(),
  lastSyncDateTime: dateTime.optional(),
  managementState: nullableString,
  deviceConfigurationStates: z.array(deviceConfigurationState),
});

/** `GET /beta/deviceManagement/windowsAutopilotDeviceIdentities?$expand=deploymentProfile`. */
export const autopilotDeviceSchema = z.looseObject({
  id: z.string(),
  serialNumber: z.string(),
  groupTag: nullableString,
  model: nullableString,
  enrollmentState: nullableString,
  azureActiveDirectoryDeviceId: nullableString,
  azureAdDeviceId: nullableString,
  managedDeviceId: nullableString,
  deploymentProfileAssignmentStatus: nullableString,
  deploymentProfileAssignedDateTime: dateTime.nullable().optional(),
  deploymentProfile: z.looseObject({ id: z.string(), displayName: nullableString }).nullable().optional(),
});

/** `GET /beta/deviceManagement/windowsAutopilotDeploymentProfiles` with `assignments`. */
export const autopilotProfileSchema = z.looseObject({
  "@odata.type": z.string(),
  id: z.string(),
  displayName: z.string(),
  deviceType: nullableString,
  outOfBoxExperienceSetting: z.looseObject({ deviceUsageType: nullableString }).nullable().optional(),
  assignments: z.array(assignment),
});

/**
 * `GET /beta/deviceManagement/deviceEnrollmentConfigurations` with `assignments`: the Enrollment Status Page
 * (`windows10EnrollmentCompletionPageConfiguration`), the platform restrictions
 * (`deviceEnrollmentPlatformRestrictionsConfiguration`, `deviceEnrollmentPlatformRestrictionConfiguration`) and
 * the rest, each with its own properties kept.
 */
export const enrollmentConfigurationSchema = z.looseObject({
  "@odata.type": z.string(),
  id: z.string(),
  displayName: nullableString,
  priority: z.number().int(),
  deviceEnrollmentConfigurationType: nullableString,
  assignments: z.array(assignment),
});

/** `GET /beta/policies/mobileDeviceManagementPolicies` with `includedGroups`: the MDM user scope. */
export const mobilityManagementPolicySchema = z.looseObject({
  id: z.string(),
  displayName: nullableString,
  appliesTo: z.string(),
  includedGroups: z.array(z.looseObject({ id: z.string(), displayName: nullableString })),
});

/** `GET /v1.0/policies/deviceRegistrationPolicy`: who may Entra-join devices. */
export const deviceRegistrationPolicySchema = z.looseObject({
  id: z.string(),
  azureADJoin: z
    .looseObject({
      allowedToJoin: z.looseObject({ "@odata.type": z.string(), users: z.array(z.string()).nullable().optional(), groups: z.array(z.string()).nullable().optional() }),
      isAdminConfigurable: z.boolean().nullable().optional(),
    })
    .nullable()
    .optional(),
});

/** The collections of entities, each validated element by element (see `load.ts`). */
export const SNAPSHOT_COLLECTIONS = {
  users: userSchema,
  groups: groupSchema,
  devices: entraDeviceSchema,
  domains: domainSchema,
  subscribedSkus: subscribedSkuSchema,
  deviceConfigurations: deviceConfigurationSchema,
  managedDevices: managedDeviceSchema,
  windowsAutopilotDeviceIdentities: autopilotDeviceSchema,
  windowsAutopilotDeploymentProfiles: autopilotProfileSchema,
  deviceEnrollmentConfigurations: enrollmentConfigurationSchema,
  mobileDeviceManagementPolicies: mobilityManagementPolicySchema,
} as const;

export const snapshotSchema = z.object({
  formatVersion: z.literal(SNAPSHOT_FORMAT_VERSION),
  /** When the snapshot was taken: the audit's "now". */
  takenAt: dateTime,
  tenant: z.object({ id: z.string().nullable(), defaultDomain: z.string().nullable() }),
  /** Where the snapshot came from (a Graph URL, or `generated`), for the report header. */
  source: z.string(),
  users: z.array(userSchema),
  groups: z.array(groupSchema),
  devices: z.array(entraDeviceSchema),
  domains: z.array(domainSchema),
  subscribedSkus: z.array(subscribedSkuSchema),
  deviceConfigurations: z.array(deviceConfigurationSchema),
  managedDevices: z.array(managedDeviceSchema),
  windowsAutopilotDeviceIdentities: z.array(autopilotDeviceSchema),
  windowsAutopilotDeploymentProfiles: z.array(autopilotProfileSchema),
  deviceEnrollmentConfigurations: z.array(enrollmentConfigurationSchema),
  mobileDeviceManagementPolicies: z.array(mobilityManagementPolicySchema),
  deviceRegistrationPolicy: deviceRegistrationPolicySchema.nullable(),
  evidence: evidenceSchema,
});

export type TenantSnapshot = z.infer<typeof snapshotSchema>;

/**
 * The snapshot with each collection as a plain array: validated first, before each element is checked on
 * its own, so a large snapshot is never copied whole (zod returns a new object for what it parses).
 */
export const snapshotShellSchema = snapshotSchema.extend(
  Object.fromEntries(Object.keys(SNAPSHOT_COLLECTIONS).map((k) => [k, z.array(z.unknown())])) as { [K in keyof typeof SNAPSHOT_COLLECTIONS]: z.ZodArray<z.ZodUnknown> },
);
export type SnapshotUser = z.infer<typeof userSchema>;
export type SnapshotGroup = z.infer<typeof groupSchema>;
export type SnapshotEntraDevice = z.infer<typeof entraDeviceSchema>;
export type SnapshotDeviceConfiguration = z.infer<typeof deviceConfigurationSchema>;
export type SnapshotOmaSetting = z.infer<typeof omaSettingSchema>;
export type SnapshotManagedDevice = z.infer<typeof managedDeviceSchema>;
export type SnapshotAutopilotDevice = z.infer<typeof autopilotDeviceSchema>;
export type SnapshotAutopilotProfile = z.infer<typeof autopilotProfileSchema>;
export type SnapshotEnrollmentConfiguration = z.infer<typeof enrollmentConfigurationSchema>;
export type SnapshotAssignment = z.infer<typeof assignment>;
export type SnapshotSubscribedSku = z.infer<typeof subscribedSkuSchema>;
export type SnapshotDomain = z.infer<typeof domainSchema>;

/**
 * The Graph read behind each part of the snapshot: what a finding cites as its evidence. The live reader's exact
 * requests are in `snapshot-reads.ts`.
 */
export const SNAPSHOT_SOURCES = {
  users: "GET /v1.0/users?$select=id,userPrincipalName,displayName,accountEnabled,department,assignedLicenses,licenseAssignmentStates,passwordPolicies,lastPasswordChangeDateTime",
  groups: "GET /v1.0/groups + /groups/{id}/members + /groups/{id}/transitiveMembers",
  devices: "GET /v1.0/devices + /devices/{id}/registeredOwners",
  domains: "GET /v1.0/domains",
  subscribedSkus: "GET /v1.0/subscribedSkus",
  deviceConfigurations: "GET /beta/deviceManagement/deviceConfigurations + /{id}/assignments (+ getOmaSettingPlainTextValue)",
  managedDevices: "GET /v1.0/deviceManagement/managedDevices + /managedDevices/{id}/deviceConfigurationStates",
  windowsAutopilotDeviceIdentities: "GET /beta/deviceManagement/windowsAutopilotDeviceIdentities?$expand=deploymentProfile",
  windowsAutopilotDeploymentProfiles: "GET /beta/deviceManagement/windowsAutopilotDeploymentProfiles + /{id}/assignments",
  deviceEnrollmentConfigurations: "GET /beta/deviceManagement/deviceEnrollmentConfigurations?$expand=assignments",
  mobileDeviceManagementPolicies: "GET /beta/policies/mobileDeviceManagementPolicies?$expand=includedGroups",
  deviceRegistrationPolicy: "GET /v1.0/policies/deviceRegistrationPolicy",
} as const satisfies Partial<Record<keyof TenantSnapshot, string>>;
