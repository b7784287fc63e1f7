/**
 * The directory as the audit needs it: users, groups and devices by id, every object's groups (from each
 * group's `transitiveMembers`, which Entra computes, nesting and dynamic rules included), and the group path
 * from a group down to a member (from `members`, breadth first) so a finding can say *how* a profile reaches
 * a device. Built once per snapshot; pure.
 */
import type { SnapshotEntraDevice, SnapshotGroup, SnapshotUser, TenantSnapshot } from "../snapshot/schema.ts";

export interface GroupRef {
  id: string;
  displayName: string;
}

export interface Directory {
  usersById: ReadonlyMap<string, SnapshotUser>;
  usersByUpn: ReadonlyMap<string, SnapshotUser>;
  groupsById: ReadonlyMap<string, SnapshotGroup>;
  /** Entra devices by their `deviceId` (what Intune calls `azureADDeviceId`). */
  devicesByDeviceId: ReadonlyMap<string, SnapshotEntraDevice>;
  /** The groups an object is in, directly or through nesting. */
  groupsOf(objectId: string): ReadonlySet<string>;
  /** Whether `objectId` is in `groupId`, directly or through nesting. */
  inGroup(objectId: string, groupId: string): boolean;
  /** The groups from `groupId` down to the group that holds `objectId` directly (just `[groupId]` when direct). */
  pathTo(groupId: string, objectId: string): GroupRef[];
}

const EMPTY: ReadonlySet<string> = new Set();

export function buildDirectory(snapshot: TenantSnapshot): Directory {
  const usersById = new Map(snapshot.users.map((u) => [u.id, u]));
  const usersByUpn = new Map(snapshot.users.map((u) => [u.userPrincipalName.toLowerCase(), u]));
  const groupsById = new Map(snapshot.groups.map((g) => [g.id, g]));
  const devicesByDeviceId = new Map<string, SnapshotEntraDevice>();
  for (const d of snapshot.devices) if (d.deviceId) devicesByDeviceId.set(d.deviceId.toLowerCase(), d);

  const memberships = new Map<string, Set<string>>();
  for (const group of snapshot.groups) {
    for (const member of group.transitiveMembers) {
      let set = memberships.get(member.id);
      if (!set) memberships.set(member.id, (set = new Set()));
      set.add(group.id);
    }
  }
  const directMembers = new Map<string, Set<string>>();
  const directOf = (groupId: string): Set<string> => {
    let set = directMembers.get(groupId);
    if (!set) directMembers.set(groupId, (set = new Set(groupsById.get(groupId)?.members.map((m) => m.id) ?? [])));
    return set;
  };
  const ref = (id: string): GroupRef => ({ id, displayName: groupsById.get(id)?.displayName ?? id });

  return {
    usersById,
    usersByUpn,
    groupsById,
    devicesByDeviceId,
    groupsOf: (objectId) => memberships.get(objectId) ?? EMPTY,
    inGroup: (objectId, groupId) => memberships.get(objectId)?.has(groupId) ?? false,
    pathTo(groupId, objectId) {
      if (directOf(groupId).has(objectId)) return [ref(groupId)];
      // Breadth first through nested groups; `transitiveMembers` said the object is in there somewhere.
      const previous = new Map<string, string | null>([[groupId, null]]);
      const queue = [groupId];
      while (queue.length) {
        const current = queue.shift()!;
        for (const member of directOf(current)) {
          if (!groupsById.has(member) || previous.has(member)) continue;
          previous.set(member, current);
          if (directOf(member).has(objectId)) {
            const path: GroupRef[] = [];
            for (let g: string | null = member; g !== null; g = previous.get(g) ?? null) path.unshift(ref(g));
            return path;
          }
          queue.push(member);
        }
      }
      // Entra says it is a member but the direct lists do not show how (a dynamic rule, or a partial read).
      return [ref(groupId)];
    },
  };
}
