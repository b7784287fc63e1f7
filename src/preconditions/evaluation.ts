/**
 * What evaluating a tenant precondition gives, and what each condition type's evaluator takes: the body
 * Graph answered for the precondition's read, and the Graph ids of the program's resources (a `$ref` to
 * one not created yet resolves to undefined).
 */
import type { PreconditionCondition } from "../compile/types.ts";

/** `unknown`: the answer does not tell (no permission to read it, a partial read, an unexpected shape). */
export type PreconditionStatus = "satisfied" | "unsatisfied" | "unknown";

export interface PreconditionEvaluation {
  address: string;
  status: PreconditionStatus;
  /** One sentence: what holds or what is wrong, naming the tenant object. */
  reason: string;
  /** The values the verdict rests on (object ids, names, the setting read). */
  evidence: Record<string, unknown>;
}

/** The Graph answer to the precondition's read: HTTP status and parsed JSON body (all pages merged into `value`). */
export interface GraphObservation {
  status: number;
  body?: unknown;
}

export type ResolveId = (address: string) => string | undefined;

export type ConditionOf<T extends PreconditionCondition["type"]> = Extract<PreconditionCondition, { type: T }>;

/** An evaluator judges a 200 answer's body; the common part (other statuses) is `evaluatePrecondition`'s. */
export type ConditionEvaluator<T extends PreconditionCondition["type"]> = (
  condition: ConditionOf<T>,
  body: unknown,
  idOf: ResolveId,
) => Omit<PreconditionEvaluation, "address">;

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The `value` array of a collection answer, or undefined when the body is not one (or not all pages were read). */
export function collectionValue(body: unknown): Record<string, unknown>[] | undefined {
  if (!isRecord(body) || !Array.isArray(body.value) || typeof body["@odata.nextLink"] === "string") return undefined;
  return body.value.filter(isRecord);
}

/** `odataType("#microsoft.graph.x")` → `x`. */
export function odataTypeName(value: unknown): string {
  return typeof value === "string" ? value.replace(/^#?microsoft\.graph\./, "") : "";
}
