/**
 * Dynamic groups (`groupTypes: ["DynamicMembership"]`): their members are whatever devices or
 * users satisfy `membershipRule` while `membershipRuleProcessingState` is `On`. Entra re-evaluates
 * rules whenever a device or user changes (groups-dynamic-membership.md); the local tenant does it
 * in a ticker before every request, so a device the Intune side writes is grouped on the next call.
 */
import type { SimStore, SimTicker } from "../framework.ts";
import { saveDirectoryObject } from "./change-log.ts";
import { compileMembershipRule, type CompiledMembershipRule } from "./evaluate-membership-rule.ts";
import { isDynamicGroup, setGroupMembers } from "./membership.ts";
import type { GroupDoc } from "./types.ts";

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

/** Recomputes every active dynamic group's members; returns the ids of groups that changed. */
export function recomputeDynamicGroups(store: SimStore, nowMs: number = Date.now()): string[] {
  const groups = store.list<GroupDoc>("groups").filter(
    (g) => isDynamicGroup(g) && typeof g.membershipRule === "string" && (g.membershipRuleProcessingState ?? "On") === "On",
  );
  if (groups.length === 0) return [];
  const subjects: Partial<Record<"user" | "device", { id: string }[]>> = {};
  const changed: string[] = [];
  for (const group of groups) {
    const rule = ruleFor(group.membershipRule as string);
    const kind = rule?.object ?? "device";
    const candidates = (subjects[kind] ??= store.list<{ id: string }>(kind === "user" ? "users" : "devices"));
    const members = rule ? candidates.filter((c) => rule.matches(c)).map((c) => c.id) : [];
    if (setGroupMembers(store, group, members, nowMs)) {
      saveDirectoryObject(store, "groups", group);
      changed.push(group.id);
    }
  }
  return changed;
}

export const dynamicMembershipTicker: SimTicker = {
  name: "dynamic-membership",
  tick(store) {
    store.tx(() => recomputeDynamicGroups(store));
  },
};
