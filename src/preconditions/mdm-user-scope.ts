/**
 * MDM user scope (automatic enrollment, hololens2-autopilot.md step 2): Intune's policy among the beta
 * `mobileDeviceManagementPolicies` (read with `$expand=includedGroups`) must apply to all users, or to
 * selected groups that include the program's client accounts' group.
 */
import { collectionValue, isRecord, type ConditionEvaluator } from "./evaluation.ts";

export const evaluateMdmUserScope: ConditionEvaluator<"mdmUserScope"> = (condition, body, idOf) => {
  const policies = collectionValue(body);
  if (!policies) return { status: "unknown", reason: "the answer is not the whole list of MDM policies", evidence: {} };
  const policy = policies.find((p) => String(p.id).toLowerCase() === condition.mdmApplicationId.toLowerCase());
  if (!policy) {
    return {
      status: "unsatisfied",
      reason: `the tenant has no automatic-enrollment policy for the MDM application ${condition.mdmApplicationId} (Microsoft Intune)`,
      evidence: { policies: policies.map((p) => p.displayName ?? p.id) },
    };
  }
  const evidence: Record<string, unknown> = { policyId: policy.id, displayName: policy.displayName, appliesTo: policy.appliesTo };
  if (policy.appliesTo === "all") return { status: "satisfied", reason: `${String(policy.displayName)}'s MDM user scope is All`, evidence };
  if (policy.appliesTo !== "selected") return { status: "unsatisfied", reason: `${String(policy.displayName)}'s MDM user scope is ${String(policy.appliesTo)}: no one is enrolled automatically`, evidence };
  if (!Array.isArray(policy.includedGroups)) return { status: "unknown", reason: "the MDM user scope is Some, but the answer lacks its included groups ($expand=includedGroups)", evidence };
  const groups = policy.includedGroups.filter(isRecord);
  evidence.includedGroups = groups.map((g) => g.id);
  const wanted = idOf(condition.includedGroup.$ref);
  if (wanted === undefined) {
    return { status: "unsatisfied", reason: `the MDM user scope is Some, and ${condition.includedGroup.$ref} does not exist yet to be in it`, evidence };
  }
  evidence.requiredGroupId = wanted;
  return groups.some((g) => String(g.id).toLowerCase() === wanted.toLowerCase())
    ? { status: "satisfied", reason: `${String(policy.displayName)}'s MDM user scope includes ${condition.includedGroup.$ref}`, evidence }
    : { status: "unsatisfied", reason: `${String(policy.displayName)}'s MDM user scope is Some and leaves out ${condition.includedGroup.$ref} (${wanted})`, evidence };
};
