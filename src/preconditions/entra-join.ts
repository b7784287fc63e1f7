/**
 * Microsoft Entra join (the guide's prerequisites): the device registration policy's
 * `azureADJoin.allowedToJoin` must be all, or an enumeration whose groups include the program's client
 * accounts' group. `noDeviceRegistrationMembership` lets no one join.
 */
import { isRecord, odataTypeName, type ConditionEvaluator } from "./evaluation.ts";

export const evaluateEntraJoin: ConditionEvaluator<"entraJoin"> = (condition, body, idOf) => {
  const join = isRecord(body) && isRecord(body.azureADJoin) ? body.azureADJoin : undefined;
  const allowed = join && isRecord(join.allowedToJoin) ? join.allowedToJoin : undefined;
  if (!allowed) return { status: "unknown", reason: "the answer has no azureADJoin.allowedToJoin", evidence: {} };
  const type = odataTypeName(allowed["@odata.type"]);
  const evidence: Record<string, unknown> = { allowedToJoin: type };
  if (type === "allDeviceRegistrationMembership") return { status: "satisfied", reason: "every user may Microsoft Entra join devices", evidence };
  if (type === "noDeviceRegistrationMembership") return { status: "unsatisfied", reason: "no user may Microsoft Entra join devices (Users may join devices: None)", evidence };
  if (type !== "enumeratedDeviceRegistrationMembership") return { status: "unknown", reason: `unexpected membership type '${type}'`, evidence };
  const groups = Array.isArray(allowed.groups) ? allowed.groups.map(String) : [];
  evidence.groups = groups;
  const wanted = idOf(condition.group.$ref);
  if (wanted === undefined) return { status: "unsatisfied", reason: `only selected users and groups may join, and ${condition.group.$ref} does not exist yet to be among them`, evidence };
  evidence.requiredGroupId = wanted;
  return groups.some((g) => g.toLowerCase() === wanted.toLowerCase())
    ? { status: "satisfied", reason: `${condition.group.$ref} is among the groups that may join`, evidence }
    : { status: "unsatisfied", reason: `only selected users and groups may join, and ${condition.group.$ref} (${wanted}) is not among them`, evidence };
};
