/**
 * Directory change tracking for delta queries (graph-facts §9.7): every write to a user, group or
 * device stamps it with the next value of one tenant-wide sequence, and a deletion leaves a
 * tombstone with its own sequence, so "what changed since token N" is a range scan.
 */
import type { SimStore } from "../framework.ts";
import type { DirectoryObjectKind, Tracked } from "./types.ts";

const STATE_KIND = "_directoryChangeLog";
export const TOMBSTONE_KIND = "_directoryTombstones";

export interface Tombstone {
  id: string;
  kind: DirectoryObjectKind;
  objectId: string;
  _changeSeq: number;
  /** `changed` when the object went to deleted items (restorable), `deleted` when it is gone for good. */
  reason: "changed" | "deleted";
}

/** The latest sequence value handed out (0 when nothing was ever written). */
export function currentChangeSeq(store: SimStore): number {
  return store.get<{ id: string; value: number }>(STATE_KIND, "sequence")?.value ?? 0;
}

export function nextChangeSeq(store: SimStore): number {
  return store.tx(() => {
    const value = currentChangeSeq(store) + 1;
    store.put(STATE_KIND, { id: "sequence", value });
    return value;
  });
}

/** Writes a directory object and marks it changed. */
export function saveDirectoryObject<T extends Tracked>(store: SimStore, kind: DirectoryObjectKind, doc: T): T {
  return store.tx(() => {
    doc._changeSeq = nextChangeSeq(store);
    store.put(kind, doc);
    return doc;
  });
}

/** Deletes a directory object and records the deletion for delta queries. */
export function deleteDirectoryObject(store: SimStore, kind: DirectoryObjectKind, id: string, reason: Tombstone["reason"]): boolean {
  return store.tx(() => {
    if (!store.delete(kind, id)) return false;
    const tombstone: Tombstone = { id: `${kind}/${id}`, kind, objectId: id, _changeSeq: nextChangeSeq(store), reason };
    store.put(TOMBSTONE_KIND, tombstone);
    return true;
  });
}

export type Change<T> = { seq: number; doc: T; removed: null } | { seq: number; doc: null; removed: Tombstone };

/** Objects of `kind` written, and tombstones left, with `after < seq <= upTo`, in sequence order. */
export function changesBetween<T extends Tracked>(store: SimStore, kind: DirectoryObjectKind, after: number, upTo: number): Change<T>[] {
  const changes: Change<T>[] = [];
  for (const doc of store.list<T>(kind)) {
    const seq = doc._changeSeq ?? 0;
    if (seq > after && seq <= upTo) changes.push({ seq, doc, removed: null });
  }
  for (const t of store.list<Tombstone>(TOMBSTONE_KIND)) {
    // A re-created object (same id) supersedes its tombstone.
    if (t.kind === kind && t._changeSeq > after && t._changeSeq <= upTo && !store.get(kind, t.objectId)) {
      changes.push({ seq: t._changeSeq, doc: null, removed: t });
    }
  }
  return changes.sort((a, b) => a.seq - b.seq);
}
