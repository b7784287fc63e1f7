/**
 * Which device configurations reach a device: Intune targets a profile at groups (device or user
 * groups), all devices or all licensed users, and an exclusion group wins over any inclusion
 * (graph-facts §4.2; Intune "Include and exclude assignments"). Pure: the caller supplies the
 * device's and its primary user's transitive group ids.
 */

export interface AssignmentTarget {
  "@odata.type": string;
  groupId?: string;
  collectionId?: string;
}

export interface AssignmentLike {
  target: AssignmentTarget | null;
}

export interface DeviceTargeting {
  /** Transitive groups of the device's Entra object. */
  deviceGroupIds: ReadonlySet<string>;
  /** Transitive groups of the device's primary user (empty when it has none). */
  userGroupIds: ReadonlySet<string>;
  /** The primary user holds a licence (for `allLicensedUsersAssignmentTarget`). */
  primaryUserLicensed: boolean;
}

export type TargetKind = "group" | "exclusionGroup" | "allDevices" | "allLicensedUsers" | "configurationManagerCollection";

const TARGET_KINDS: Record<string, TargetKind> = {
  "microsoft.graph.groupAssignmentTarget": "group",
  "microsoft.graph.exclusionGroupAssignmentTarget": "exclusionGroup",
  "microsoft.graph.allDevicesAssignmentTarget": "allDevices",
  "microsoft.graph.allLicensedUsersAssignmentTarget": "allLicensedUsers",
  "microsoft.graph.configurationManagerCollectionAssignmentTarget": "configurationManagerCollection",
};

/** The target kind of an `@odata.type`, with or without `#` (graph-facts §13.11); undefined if unknown. */
export function targetKind(odataType: string): TargetKind | undefined {
  return TARGET_KINDS[odataType.replace(/^#/, "")];
}

function inGroups(groupId: string | undefined, t: DeviceTargeting): boolean {
  return !!groupId && (t.deviceGroupIds.has(groupId) || t.userGroupIds.has(groupId));
}

/** Whether a profile with these assignments applies to the device. */
export function assignmentsApply(assignments: readonly AssignmentLike[], targeting: DeviceTargeting): boolean {
  let included = false;
  for (const { target } of assignments) {
    if (!target) continue;
    switch (targetKind(target["@odata.type"])) {
      case "exclusionGroup":
        if (inGroups(target.groupId, targeting)) return false;
        break;
      case "group":
        if (inGroups(target.groupId, targeting)) included = true;
        break;
      case "allDevices":
        included = true;
        break;
      case "allLicensedUsers":
        if (targeting.primaryUserLicensed) included = true;
        break;
      default:
        // Configuration Manager collections never contain a cloud-only HoloLens.
        break;
    }
  }
  return included;
}
