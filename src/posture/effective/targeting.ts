/**
 * Which assignments reach a device, and through what: a group that holds the device or its primary user
 * (Intune applies user-targeted device configuration to the devices of the user), "all devices", "all
 * licensed users"; an exclusion group that holds either takes the profile away again (exclusions win).
 * Pure; `Directory` supplies the memberships.
 */
import type { SnapshotAssignment } from "../snapshot/schema.ts";
import type { Directory, GroupRef } from "./directory.ts";

export type TargetKind = "group" | "allDevices" | "allLicensedUsers";

/** How one assignment reaches a device: the target, and the group path to the device or its user. */
export interface TargetPath {
  kind: TargetKind;
  /** The member the group path ends at. */
  through: "device" | "user" | null;
  groups: GroupRef[];
}

export interface TargetingSubject {
  /** The Entra device object id, when the device is in Entra. */
  deviceObjectId: string | null;
  /** The primary user's object id and whether the user holds a licence. */
  userId: string | null;
  userLicensed: boolean;
}

export interface Reach {
  reaches: boolean;
  via: TargetPath[];
  /** The exclusion groups that took it away. */
  excludedBy: TargetPath[];
}

const typeOf = (a: SnapshotAssignment) => a.target["@odata.type"].replace(/^#?microsoft\.graph\./, "");

/** Whether `assignments` reach the subject, and every path that does (or excludes). */
export function reachOf(assignments: readonly SnapshotAssignment[], subject: TargetingSubject, dir: Directory): Reach {
  const via: TargetPath[] = [];
  const excludedBy: TargetPath[] = [];
  const groupPath = (groupId: string): TargetPath | null => {
    if (subject.deviceObjectId && dir.inGroup(subject.deviceObjectId, groupId)) return { kind: "group", through: "device", groups: dir.pathTo(groupId, subject.deviceObjectId) };
    if (subject.userId && dir.inGroup(subject.userId, groupId)) return { kind: "group", through: "user", groups: dir.pathTo(groupId, subject.userId) };
    return null;
  };
  for (const a of assignments) {
    const type = typeOf(a);
    if (type === "allDevicesAssignmentTarget") via.push({ kind: "allDevices", through: null, groups: [] });
    else if (type === "allLicensedUsersAssignmentTarget" && subject.userLicensed) via.push({ kind: "allLicensedUsers", through: "user", groups: [] });
    else if (type === "groupAssignmentTarget" && a.target.groupId) {
      const path = groupPath(a.target.groupId);
      if (path) via.push(path);
    } else if (type === "exclusionGroupAssignmentTarget" && a.target.groupId) {
      const path = groupPath(a.target.groupId);
      if (path) excludedBy.push(path);
    }
  }
  return { reaches: via.length > 0 && excludedBy.length === 0, via, excludedBy };
}

/** `All devices`, `group A › group B (device)` — how a path reads in a report. */
export function describePath(path: TargetPath): string {
  if (path.kind === "allDevices") return "all devices";
  if (path.kind === "allLicensedUsers") return "all licensed users";
  return `${path.groups.map((g) => g.displayName).join(" › ")} (${path.through === "user" ? "its user" : "device"})`;
}
