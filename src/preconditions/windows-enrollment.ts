/**
 * Windows enrollment not blocked (hololens2-autopilot.md step 3: HoloLens is a Windows device, so no
 * enrollment restriction may block it). Of the device platform restrictions that apply to the client
 * accounts — the tenant default, those assigned to all users, those assigned to their group and not
 * excluding it — Intune uses the one with the lowest priority number, the default last. It must neither
 * block Windows nor keep the devices' OS version out of its range. Personal-device blocking does not
 * apply: Autopilot devices are corporate.
 */
import { collectionValue, isRecord, odataTypeName, type ConditionEvaluator } from "./evaluation.ts";

interface Candidate {
  id: string;
  displayName: string;
  priority: number;
  isDefault: boolean;
  restriction: Record<string, unknown>;
}

/** The Windows restriction a configuration carries, if it is a platform restriction that covers Windows. */
function windowsRestriction(config: Record<string, unknown>): Record<string, unknown> | undefined {
  const type = odataTypeName(config["@odata.type"]);
  if (type === "deviceEnrollmentPlatformRestrictionsConfiguration") return isRecord(config.windowsRestriction) ? config.windowsRestriction : undefined;
  if (type === "deviceEnrollmentPlatformRestrictionConfiguration" && (config.platformType === "windows" || config.platformType === "allPlatforms"))
    return isRecord(config.platformRestriction) ? config.platformRestriction : undefined;
  return undefined;
}

/** Whether the configuration's assignments reach the users of `groupId` (all users, or their group, not excluded). */
function appliesTo(config: Record<string, unknown>, groupId: string | undefined): boolean {
  const assignments = Array.isArray(config.assignments) ? config.assignments.filter(isRecord) : [];
  const targets = assignments.map((a) => (isRecord(a.target) ? a.target : {}));
  const names = (t: Record<string, unknown>) => odataTypeName(t["@odata.type"]);
  const same = (t: Record<string, unknown>) => groupId !== undefined && String(t.groupId).toLowerCase() === groupId.toLowerCase();
  if (targets.some((t) => names(t) === "exclusionGroupAssignmentTarget" && same(t))) return false;
  return targets.some((t) => names(t) === "allLicensedUsersAssignmentTarget" || (names(t) === "groupAssignmentTarget" && same(t)));
}

/** Compares dotted versions part by part (`10.0.22621.1266` vs `10.0.19041`); a missing part counts as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

export const evaluateWindowsEnrollment: ConditionEvaluator<"windowsEnrollment"> = (condition, body, idOf) => {
  const configs = collectionValue(body);
  if (!configs) return { status: "unknown", reason: "the answer is not the whole list of enrollment configurations", evidence: {} };
  const groupId = idOf(condition.users.$ref);
  const candidates: Candidate[] = [];
  for (const config of configs) {
    const restriction = windowsRestriction(config);
    if (!restriction) continue;
    const priority = typeof config.priority === "number" ? config.priority : 0;
    const isDefault = priority === 0;
    if (!isDefault && !Array.isArray(config.assignments)) return { status: "unknown", reason: "the answer lacks the restrictions' assignments ($expand=assignments)", evidence: { configurationId: config.id } };
    if (isDefault || appliesTo(config, groupId)) candidates.push({ id: String(config.id), displayName: String(config.displayName), priority, isDefault, restriction });
  }
  // The default applies to everyone with the lowest precedence; among the others the lowest number wins.
  const assigned = candidates.filter((c) => !c.isDefault).sort((a, b) => a.priority - b.priority);
  const winner = assigned[0] ?? candidates.find((c) => c.isDefault);
  if (!winner) return { status: "unknown", reason: "the tenant has no default device platform restriction", evidence: {} };
  const r = winner.restriction;
  const evidence = { configurationId: winner.id, displayName: winner.displayName, priority: winner.priority, windowsRestriction: r };
  const named = `'${winner.displayName}' (priority ${winner.priority})`;
  if (r.platformBlocked === true) return { status: "unsatisfied", reason: `Windows (MDM) enrollment is blocked by device platform restriction ${named}`, evidence };
  const min = typeof r.osMinimumVersion === "string" && r.osMinimumVersion !== "" ? r.osMinimumVersion : undefined;
  const max = typeof r.osMaximumVersion === "string" && r.osMaximumVersion !== "" ? r.osMaximumVersion : undefined;
  if (min !== undefined && compareVersions(condition.osVersion, min) < 0)
    return { status: "unsatisfied", reason: `restriction ${named} needs Windows ${min} or later; the devices run ${condition.osVersion}`, evidence };
  if (max !== undefined && compareVersions(condition.osVersion, max) > 0)
    return { status: "unsatisfied", reason: `restriction ${named} allows Windows up to ${max}; the devices run ${condition.osVersion}`, evidence };
  return { status: "satisfied", reason: `Windows enrollment is allowed by ${named}`, evidence };
};
