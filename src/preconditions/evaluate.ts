/**
 * `evaluatePrecondition(precondition, observed, idOf)`: a tenant precondition (compiled, never written)
 * judged against what Graph answered for its read — pure, so plan and audit share it. A refused read
 * (401/403) or any other failure is `unknown`, with the permissions that would allow it; a 200 goes to
 * the evaluator of the condition's type.
 */
import type { PreconditionCondition, TenantPrecondition } from "../compile/types.ts";
import { evaluateEntraJoin } from "./entra-join.ts";
import type { ConditionEvaluator, GraphObservation, PreconditionEvaluation, ResolveId } from "./evaluation.ts";
import { evaluateMdmUserScope } from "./mdm-user-scope.ts";
import { evaluateWindowsEnrollment } from "./windows-enrollment.ts";

export type { GraphObservation, PreconditionEvaluation, PreconditionStatus, ResolveId } from "./evaluation.ts";

/** One evaluator per condition type (a registry, never a switch in shared code). */
const EVALUATORS: { [T in PreconditionCondition["type"]]: ConditionEvaluator<T> } = {
  mdmUserScope: evaluateMdmUserScope,
  windowsEnrollment: evaluateWindowsEnrollment,
  entraJoin: evaluateEntraJoin,
};

function permissionText(p: TenantPrecondition): string {
  const { application, delegated } = p.read.permissions;
  if (application.length === 0) return `only a signed-in administrator can read it (delegated ${delegated.join(" or ")}; application permissions are not supported)`;
  return `it needs the application permission ${application.join(" or ")} (or, signed in, ${delegated.join(" or ")})`;
}

export function evaluatePrecondition(precondition: TenantPrecondition, observed: GraphObservation, idOf: ResolveId): PreconditionEvaluation {
  const { address, read } = precondition;
  const where = `GET /${read.api}${read.path}`;
  if (observed.status === 401 || observed.status === 403)
    return { address, status: "unknown", reason: `${where} was refused (${observed.status}): ${permissionText(precondition)}`, evidence: { read: where, status: observed.status } };
  if (observed.status !== 200) return { address, status: "unknown", reason: `${where} answered ${observed.status}`, evidence: { read: where, status: observed.status } };
  const evaluate = EVALUATORS[precondition.condition.type] as ConditionEvaluator<PreconditionCondition["type"]>;
  const verdict = evaluate(precondition.condition, observed.body, idOf);
  return { address, ...verdict, evidence: { read: where, ...verdict.evidence } };
}
