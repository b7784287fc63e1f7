/**
 * Test-only stand-in for the planner's precondition read: `GET` the precondition's `read` path with the
 * given credentials, following `@odata.nextLink` so a collection arrives whole, and hand back what
 * `evaluatePrecondition` takes (status and body).
 */
import type { TenantPrecondition } from "../../../src/compile/types.ts";
import type { GraphObservation } from "../../../src/preconditions/evaluate.ts";
import type { GraphCaller } from "./apply-desired.ts";

export async function observePrecondition(t: GraphCaller, p: TenantPrecondition, headers: Record<string, string> = {}): Promise<GraphObservation> {
  let res = await t.graph("GET", `/${p.read.api}${p.read.path}`, undefined, headers);
  if (res.status !== 200) return { status: res.status, body: res.body };
  const body = res.body as { value?: unknown[]; "@odata.nextLink"?: string };
  if (!Array.isArray(body.value)) return { status: 200, body };
  const value = [...body.value];
  for (let next = body["@odata.nextLink"]; next; ) {
    res = await t.graph("GET", next, undefined, headers);
    if (res.status !== 200) return { status: res.status, body: res.body };
    const page = res.body as { value: unknown[]; "@odata.nextLink"?: string };
    value.push(...page.value);
    next = page["@odata.nextLink"];
  }
  return { status: 200, body: { value } };
}
