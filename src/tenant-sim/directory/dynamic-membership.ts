/**
 * Dynamic groups (`groupTypes: ["DynamicMembership"]`): their members are whatever devices or
 * users satisfy `membershipRule` while `membershipRuleProcessingState` is `On`. Entra re-evaluates
 * rules whenever a device or user changes (groups-dynamic-membership.md); the local tenant does it
 * in a ticker before every request, so a device the Intune side writes is grouped on the next call.
 * The ticker reads only what changed since its last run (the store's change sequence): a new or
 * changed rule is evaluated against every subject, a changed subject against every active rule.
 */
import type { SimStore, SimTicker } from "../framework.ts";
import { sqliteStoreOf } from "../store.ts";
import { saveDirectoryObject } from "./change-log.ts";
import { compileMembershipRule, type CompiledMembershipRule } from "./evaluate-membership-rule.ts";
import { isDynamicGroup, setGroupMembers } from "./membership.ts";
import type { GroupDoc } from "./types.ts";

type SubjectKind = "users" | "devices";

const compiled = new Map<string, CompiledMembershipRule | null>();

/** Compiles with a small cache; rules that no longer parse select nobody. */
function ruleFor(text: string): CompiledMembershipRule | null {
  let rule = compiled.get(text);
  if (rule === undefined) {
    try {
      rule = compileMembershipRule(text);
    } catch {
      rule = null;
    }
    if (compiled.size > 500) compiled.clear();
    compiled.set(text, rule);
  }
  return rule;
}

function isActiveDynamicGroup(group: GroupDoc): group is GroupDoc & { membershipRule: string } {
  return isDynamicGroup(group) && typeof group.membershipRule === "string" && (group.membershipRuleProcessingState ?? "On") === "On";
}

/** The subjects a rule selects from (a rule that no longer parses is treated as a device rule). */
function subjectKindOf(rule: CompiledMembershipRule | null): SubjectKind {
  return rule?.object === "user" ? "users" : "devices";
}

/** Sets a group's members to the subjects its rule selects; saves and returns true when that changed them. */
function applyRule(store: SimStore, group: GroupDoc & { membershipRule: string }, subjects: readonly { id: string }[], nowMs: number): boolean {
  const rule = ruleFor(group.membershipRule);
  const members = rule ? subjects.filter((s) => rule.matches(s)).map((s) => s.id) : [];
  if (!setGroupMembers(store, group, members, nowMs)) return false;
  saveDirectoryObject(store, "groups", group);
  return true;
}

/** Recomputes every active dynamic group's members; returns the ids of groups that changed. */
export function recomputeDynamicGroups(store: SimStore, nowMs: number = Date.now()): string[] {
  const groups = store.list<GroupDoc>("groups").filter(isActiveDynamicGroup);
  const subjects: Partial<Record<SubjectKind, { id: string }[]>> = {};
  const changed: string[] = [];
  for (const group of groups) {
    const kind = subjectKindOf(ruleFor(group.membershipRule));
    if (applyRule(store, group, (subjects[kind] ??= store.list<{ id: string }>(kind)), nowMs)) changed.push(group.id);
  }
  return changed;
}

/** What the ticker knows about one store between runs. */
interface TickerState {
  /** Store generation up to which changes were taken in. */
  seen: number;
  /** Active dynamic groups: id → the rule text they were last evaluated with. */
  active: Map<string, string>;
}

/**
 * Brings dynamic groups up to date with what changed since `state.seen`: groups whose rule or
 * processing state changed (or that are new) are evaluated in full, as are all groups of a subject
 * kind that lost a document; otherwise each changed user or device is matched against the rules
 * of its kind and joins or leaves those groups.
 */
export function updateDynamicGroups(store: SimStore, state: TickerState, nowMs: number = Date.now()): void {
  const sqlite = sqliteStoreOf(store);
  const since = state.seen;
  state.seen = sqlite.generation();
  const full = new Set<string>();
  for (const group of sqlite.changedSince<GroupDoc>("groups", since)) {
    if (!isActiveDynamicGroup(group)) {
      state.active.delete(group.id);
      continue;
    }
    if (state.active.get(group.id) !== group.membershipRule) full.add(group.id);
    state.active.set(group.id, group.membershipRule);
  }
  if (state.active.size === 0) return;
  const groups: (GroupDoc & { membershipRule: string })[] = [];
  for (const id of state.active.keys()) {
    const group = store.get<GroupDoc>("groups", id);
    if (group && isActiveDynamicGroup(group)) groups.push(group);
    else state.active.delete(id);
  }
  for (const kind of ["users", "devices"] as const) {
    const ofKind = groups.filter((g) => subjectKindOf(ruleFor(g.membershipRule)) === kind);
    if (ofKind.length === 0) continue;
    // A deleted subject must leave its groups, and the store does not say which one went.
    const lostOne = sqlite.lastDeletion(kind) > since;
    const changed = lostOne ? [] : sqlite.changedSince<{ id: string }>(kind, since);
    let all: { id: string }[] | undefined;
    for (const group of ofKind) {
      if (lostOne || full.has(group.id)) {
        applyRule(store, group, (all ??= store.list<{ id: string }>(kind)), nowMs);
        continue;
      }
      if (changed.length === 0) continue;
      const rule = ruleFor(group.membershipRule);
      const members = new Set(group._members ?? []);
      for (const subject of changed) {
        if (rule?.matches(subject)) members.add(subject.id);
        else members.delete(subject.id);
      }
      if (setGroupMembers(store, group, [...members], nowMs)) saveDirectoryObject(store, "groups", group);
    }
  }
}

const states = new WeakMap<SimStore, TickerState>();

export const dynamicMembershipTicker: SimTicker = {
  name: "dynamic-membership",
  tick(store) {
    let state = states.get(store);
    if (!state) states.set(store, (state = { seen: -1, active: new Map() }));
    const current = state;
    try {
      store.tx(() => updateDynamicGroups(store, current));
    } catch (err) {
      // The writes rolled back; start over from a full evaluation next time.
      states.delete(store);
      throw err;
    }
  },
};
