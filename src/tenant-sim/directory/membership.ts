/**
 * Group membership over the `groups` documents' `_members` (direct member object ids): who is in
 * which group, directly and through nested groups, and the one place that changes membership so
 * the delta log and group-based licensing hear about every change.
 */
import type { SimStore } from "../framework.ts";
import { sqliteStoreOf } from "../store.ts";
import { nextChangeSeq, saveDirectoryObject } from "./change-log.ts";
import { DIRECTORY_OBJECT_KINDS, type DirectoryObjectKind, type GroupDoc, type MemberLogEntry } from "./types.ts";

/** How many membership changes a group remembers for `members@delta`. */
const MEMBER_LOG_LIMIT = 5000;

/** Groups that hold `objectId` as a direct member, in store order (found by the store, not by reading every group). */
export function directGroupsOf(store: SimStore, objectId: string): GroupDoc[] {
  return sqliteStoreOf(store).findWithArrayElement<GroupDoc>("groups", "_members", objectId);
}

/** Takes `objectId` out of every group it is a direct member of (before the object is deleted). */
export function removeFromAllGroups(store: SimStore, objectId: string, nowMs: number): void {
  for (const group of directGroupsOf(store, objectId)) {
    setGroupMembers(store, group, group._members.filter((m) => m !== objectId), nowMs);
    saveDirectoryObject(store, "groups", group);
  }
}

/**
 * Ids of every group `objectId` belongs to, directly or through nested groups (Graph's
 * `transitiveMemberOf`), nearest first. Cycles are tolerated.
 */
export function transitiveGroupIds(store: SimStore, objectId: string): string[] {
  const seen = new Set<string>();
  const order: string[] = [];
  let frontier = [objectId];
  while (frontier.length) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const parent of directGroupsOf(store, id)) {
        if (seen.has(parent.id) || parent.id === objectId) continue;
        seen.add(parent.id);
        order.push(parent.id);
        next.push(parent.id);
      }
    }
    frontier = next;
  }
  return order;
}

/**
 * Every member of a group at any depth (members of member groups included), each once, nearest first;
 * a nesting cycle ends where it closes.
 */
export function transitiveMemberIds(store: SimStore, groupId: string): string[] {
  const seen = new Set<string>([groupId]);
  const order: string[] = [];
  let frontier = [groupId];
  while (frontier.length) {
    const next: string[] = [];
    for (const id of frontier) {
      const group = store.get<GroupDoc>("groups", id);
      for (const member of group?._members ?? []) {
        if (seen.has(member)) continue;
        seen.add(member);
        order.push(member);
        next.push(member);
      }
    }
    frontier = next;
  }
  return order;
}

/** The kind a directory object id belongs to, with its document. */
export function findDirectoryObject(store: SimStore, id: string): { kind: DirectoryObjectKind; doc: Record<string, unknown> } | undefined {
  for (const kind of Object.keys(DIRECTORY_OBJECT_KINDS) as DirectoryObjectKind[]) {
    const doc = store.get<Record<string, unknown>>(kind, id);
    if (doc) return { kind, doc };
  }
  return undefined;
}

/**
 * `findDirectoryObject` for many ids at once (a group's members): one query per kind instead of one per id and
 * kind. The answer keeps the order of `ids`, without the ids that name no object.
 */
export function findDirectoryObjects(store: SimStore, ids: readonly string[]): { kind: DirectoryObjectKind; doc: Record<string, unknown> }[] {
  const found = new Map<string, { kind: DirectoryObjectKind; doc: Record<string, unknown> }>();
  let missing = [...new Set(ids)];
  for (const kind of Object.keys(DIRECTORY_OBJECT_KINDS) as DirectoryObjectKind[]) {
    if (missing.length === 0) break;
    const docs = sqliteStoreOf(store).getMany<Record<string, unknown>>(kind, missing);
    for (const [id, doc] of docs) found.set(id, { kind, doc });
    missing = missing.filter((id) => !docs.has(id));
  }
  return ids.flatMap((id) => found.get(id) ?? []);
}

export function isDynamicGroup(group: Pick<GroupDoc, "groupTypes">): boolean {
  return (group.groupTypes ?? []).some((t) => t.toLowerCase() === "dynamicmembership");
}

/**
 * Sets a group's direct members to `memberIds` (in memory; the caller saves the group). Records
 * the additions and removals for `members@delta` and queues group-based licensing when the group
 * carries licences. Returns whether anything changed.
 */
export function setGroupMembers(store: SimStore, group: GroupDoc, memberIds: readonly string[], nowMs: number): boolean {
  const before = new Set(group._members ?? []);
  const after = new Set(memberIds);
  const log: MemberLogEntry[] = group._memberLog ?? [];
  let changed = false;
  for (const id of after) {
    if (!before.has(id)) {
      log.push({ seq: nextChangeSeq(store), id, removed: false });
      changed = true;
    }
  }
  for (const id of before) {
    if (!after.has(id)) {
      log.push({ seq: nextChangeSeq(store), id, removed: true });
      changed = true;
    }
  }
  if (!changed) return false;
  group._members = [...memberIds];
  group._memberLog = log.slice(-MEMBER_LOG_LIMIT);
  if ((group.assignedLicenses ?? []).length || (group._licenseErrorMembers ?? []).length) queueGroupLicensing(group, nowMs);
  return true;
}

/** Marks a group for the licensing ticker and shows it as queued, as Entra's `licenseProcessingState` does. */
export function queueGroupLicensing(group: GroupDoc, nowMs: number): void {
  group._licensingQueuedAtMs = nowMs;
  group.licenseProcessingState = { state: "QueuedForProcessing" };
}
