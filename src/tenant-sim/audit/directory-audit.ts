/**
 * Entra ID's audit log entry (`directoryAudit`, v1.0 CSDL) for one recorded write to the directory:
 * `activityDisplayName` in Entra's wording ("Add user", "Update group", "Add member to group", …),
 * `category` (UserManagement, GroupManagement, Device, DirectoryManagement, Policy), `loggedByService`
 * "Core Directory" (invitations: "Invited Users", "Invite external user"), `result` success, `initiatedBy` the app (app-only token) or the user (delegated),
 * and the target resource with the names of the properties the request set.
 */
import type { TenantWriteRecord } from "./tenant-write.ts";

interface DirectoryKind {
  noun: string;
  category: string;
  /** Entra's own wording for a create, when it is not "Add <noun>". */
  created?: string;
  /** `loggedByService`, when not "Core Directory". */
  service?: string;
}

const KINDS: Readonly<Record<string, DirectoryKind>> = {
  User: { noun: "user", category: "UserManagement" },
  Group: { noun: "group", category: "GroupManagement" },
  Device: { noun: "device", category: "Device" },
  Domain: { noun: "domain", category: "DirectoryManagement" },
  Organization: { noun: "company information", category: "DirectoryManagement" },
  // B2B invitations are logged by the invitation service as "Invite external user".
  Invitation: { noun: "external user", category: "UserManagement", created: "Invite external user", service: "Invited Users" },
  // The tenant preconditions' policies (extrapolated wording: the reference lists no activity for them).
  DeviceRegistrationPolicy: { noun: "device registration policy", category: "Policy" },
  MobileDeviceManagementPolicy: { noun: "MDM user scope", category: "Policy" },
};

function kindOf(record: TenantWriteRecord): DirectoryKind {
  return KINDS[record.resourceType] ?? { noun: record.resourceType.toLowerCase(), category: "DirectoryManagement" };
}

/** Entra's activity name for a recorded directory write. */
export function directoryActivityOf(record: TenantWriteRecord): { activity: string; operationType: string } {
  const kind = kindOf(record);
  if (record.reference)
    return record.operation === "Delete"
      ? { activity: `Remove ${record.reference} from ${kind.noun}`, operationType: "Unassign" }
      : { activity: `Add ${record.reference} to ${kind.noun}`, operationType: "Assign" };
  if (record.operation === "Action")
    return record.action === "assignLicense" ? { activity: `Change ${kind.noun} license`, operationType: "Update" } : { activity: `${record.action} ${kind.noun}`, operationType: "Update" };
  if (record.operation === "Create") return { activity: kind.created ?? `Add ${kind.noun}`, operationType: "Add" };
  if (record.operation === "Delete") return { activity: `Delete ${kind.noun}`, operationType: "Delete" };
  return { activity: `Update ${kind.noun}`, operationType: "Update" };
}

/** Entra prefixes the ids of Core Directory entries with the service. */
export const directoryAuditId = (record: TenantWriteRecord) => `Directory_${record.id}`;

export function renderDirectoryAudit(record: TenantWriteRecord): Record<string, unknown> {
  const { activity, operationType } = directoryActivityOf(record);
  const user = record.actor.kind === "user";
  return {
    id: directoryAuditId(record),
    category: kindOf(record).category,
    correlationId: record.correlationId,
    result: "success",
    resultReason: "",
    activityDisplayName: activity,
    activityDateTime: record.at,
    loggedByService: kindOf(record).service ?? "Core Directory",
    operationType,
    initiatedBy: user
      ? { app: null, user: { id: record.actor.userId, displayName: null, userPrincipalName: record.actor.userPrincipalName, ipAddress: null } }
      : { app: { appId: record.actor.appId, displayName: record.actor.appDisplayName, servicePrincipalId: record.actor.servicePrincipalId, servicePrincipalName: null }, user: null },
    targetResources: [
      {
        id: record.resourceId,
        displayName: record.displayName,
        type: record.resourceType,
        userPrincipalName: null,
        groupType: null,
        modifiedProperties: record.modifiedProperties.map((name) => ({ displayName: name, oldValue: null, newValue: null })),
      },
    ],
    additionalDetails: [],
  };
}
