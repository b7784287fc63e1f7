/**
 * Shapes of the directory documents the local tenant stores (kinds `users`, `groups`, `devices`,
 * `domains`, `subscribedSkus`): the Graph v1.0 entity plus `_`-prefixed internal fields that
 * `ctx.entity` / `ctx.collection` strip before answering.
 */

export interface AssignedLicense {
  skuId: string;
  disabledPlans: string[];
}

export interface LicenseAssignmentState {
  skuId: string;
  disabledPlans: string[];
  assignedByGroup: string | null;
  state: "Active" | "ActiveWithError" | "Disabled" | "Error";
  error: "None" | "CountViolation" | "MutuallyExclusiveViolation" | "DependencyViolation" | "ProhibitedInUsageLocationViolation" | "UniquenessViolation" | "Other";
  lastUpdatedDateTime: string;
}

/** Internal change-tracking fields every user, group and device carries (delta queries). */
export interface Tracked {
  id: string;
  /** Directory change sequence of the last write (see `change-log.ts`). */
  _changeSeq?: number;
  [key: string]: unknown;
}

export interface UserDoc extends Tracked {
  userPrincipalName: string;
  displayName: string | null;
  usageLocation?: string | null;
  assignedLicenses: AssignedLicense[];
  assignedPlans: { assignedDateTime: string; capabilityStatus: string; service: string | null; servicePlanId: string }[];
  licenseAssignmentStates: LicenseAssignmentState[];
}

export interface MemberLogEntry {
  seq: number;
  id: string;
  removed: boolean;
}

export interface GroupDoc extends Tracked {
  displayName: string;
  groupTypes: string[];
  membershipRule?: string | null;
  membershipRuleProcessingState?: string | null;
  assignedLicenses: AssignedLicense[];
  hasMembersWithLicenseErrors: boolean;
  licenseProcessingState: { state: string } | null;
  /** Direct member object ids. */
  _members: string[];
  /** Recent membership changes, for `members@delta`. */
  _memberLog?: MemberLogEntry[];
  /** Group-based licensing work waiting for the licensing ticker (real-time epoch ms when queued). */
  _licensingQueuedAtMs?: number | null;
  /** Users whose licence from this group is in error (`membersWithLicenseErrors`). */
  _licenseErrorMembers?: string[];
}

export interface DeviceDoc extends Tracked {
  deviceId: string;
  displayName: string;
  physicalIds: string[];
}

export interface SkuDoc {
  id: string;
  skuId: string;
  skuPartNumber: string;
  appliesTo: string;
  capabilityStatus: string;
  consumedUnits: number;
  prepaidUnits: { enabled: number; lockedOut: number; suspended: number; warning: number };
  servicePlans: { servicePlanId: string; servicePlanName: string; provisioningStatus: string; appliesTo: string }[];
  subscriptionIds: string[];
  accountId: string;
  accountName: string;
  [key: string]: unknown;
}

/** The directory kinds a `directoryObject` id can live in, with their `@odata.type`. */
export const DIRECTORY_OBJECT_KINDS = {
  users: "#microsoft.graph.user",
  groups: "#microsoft.graph.group",
  devices: "#microsoft.graph.device",
} as const;

export type DirectoryObjectKind = keyof typeof DIRECTORY_OBJECT_KINDS;
