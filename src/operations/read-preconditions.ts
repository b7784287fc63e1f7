/**
 * Reads each tenant precondition (its one GET, every page) and judges it with `evaluatePrecondition`
 * against the ids the plan's read found. Only reads: holofleet never writes a precondition. A refused
 * or failed read is kept as its status, which the evaluator turns into `unknown`.
 */
import type { DesiredResource, TenantPrecondition } from "../compile/types.ts";
import type { JudgedPrecondition } from "../engine/preflight.ts";
import type { TenantSnapshot } from "../engine/plan.ts";
import { GraphRequestError } from "../graph/errors.ts";
import { evaluatePrecondition, type GraphObservation } from "../preconditions/evaluate.ts";
import type { GraphPort } from "../resources/types.ts";

async function observe(graph: GraphPort, p: TenantPrecondition): Promise<GraphObservation> {
  try {
    const first = await graph.request<{ value?: unknown[]; "@odata.nextLink"?: string }>("GET", p.read.path, { version: p.read.api });
    const body = first.body;
    if (!body || !Array.isArray(body.value)) return { status: first.status, body };
    const value = [...body.value];
    if (body["@odata.nextLink"]) value.push(...(await graph.collect(body["@odata.nextLink"], { version: p.read.api })));
    return { status: 200, body: { value } };
  } catch (err) {
    if (err instanceof GraphRequestError && err.status > 0) return { status: err.status, body: undefined };
    throw err;
  }
}

/** `$ref` targets the conditions name (the clients' group), by address. */
function refsOf(p: TenantPrecondition): string[] {
  return Object.values(p.condition).flatMap((v) => (v && typeof v === "object" && "$ref" in v ? [String((v as { $ref: string }).$ref)] : []));
}

export async function judgePreconditions(graph: GraphPort, preconditions: readonly TenantPrecondition[], snapshot: TenantSnapshot, desired: readonly DesiredResource[]): Promise<JudgedPrecondition[]> {
  const idOf = (address: string) => snapshot.found.get(address)?.id;
  const inBlueprint = new Set(desired.map((r) => r.address));
  return Promise.all(
    preconditions.map(async (precondition) => ({
      precondition,
      evaluation: evaluatePrecondition(precondition, await observe(graph, precondition), idOf),
      waitsForCreate: refsOf(precondition).some((a) => inBlueprint.has(a) && !snapshot.found.has(a)),
    })),
  );
}
