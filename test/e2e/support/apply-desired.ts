/**
 * Test-only stand-in for `apply` (the real planner is a later issue): creates compiled desired
 * resources in a local tenant in dependency order, resolving placeholders on the way, and records
 * each request's answer. It stops at the first answer Graph would not give a working apply.
 */
import type { DesiredResource, ResourceKind } from "../../../src/compile/types.ts";
import type { TestResponse, TestTenant } from "../../../src/tenant-sim/testing.ts";
import { generatePassword as defaultGeneratePassword } from "../../../src/passwords/generate-password.ts";
import { dependencyOrder } from "../../../src/engine/dependency-order.ts";
import { resolvePlaceholders, type SubscribedSkuIds } from "../../../src/engine/resolve-placeholders.ts";
import { splitMemberBinds } from "../../../src/resources/group/member-binds.ts";

/** What the applier needs from a tenant: Graph calls with holofleet's token (`startTestTenant` or `tenantFileClient`). */
export type GraphCaller = Pick<TestTenant, "graph">;

export interface AppliedResource {
  resource: DesiredResource;
  /** The body actually sent (placeholders resolved; holds generated passwords — never print it). */
  sent: Record<string, unknown>;
  method: "POST" | "PATCH";
  /** Versioned path, e.g. `/v1.0/groups`. */
  path: string;
  status: number;
  /** Answers to the `PATCH` requests that added the member binds beyond the create's 20 (expect 204 each). */
  followUpStatuses: number[];
  /** The Graph id of the resource (of its parent for actions such as `assign`; the name of a domain; the invited user of an invitation). */
  id: string;
  response: TestResponse;
}

export interface ApplyResult {
  applied: AppliedResource[];
  /** Every password generated for `password:generate` (for leak checks; never print them). */
  passwords: string[];
}

/**
 * The answer Graph documents for each write (graph-facts §1, §3.1, §4, §4.2, §5.1); a domain is
 * updated, never created (src/compile/README.md).
 */
export function expectedStatus(r: DesiredResource): number {
  const table: Record<ResourceKind, number> = {
    group: 201,
    user: 201,
    customConfiguration: 201,
    updateRing: 201,
    autopilotProfile: 201,
    groupLicense: 202,
    domain: 204,
    enrollmentStatusPage: 201,
    guestInvitation: 201,
    // `POST /groups/{id}/members/$ref` answers 204 (graph-facts §1).
    groupMember: 204,
    // A device configuration's `…/assign` answers 200 with the new set, an enrollment configuration's 204
    // (intune-onboarding-deviceenrollmentconfiguration-assign.md); `POST …/assignments` 201 with the one created.
    configurationAssignment: r.collection.startsWith("/deviceManagement/deviceEnrollmentConfigurations/") ? 204 : r.collection.endsWith("/assign") ? 200 : 201,
  };
  return table[r.kind];
}

function requestFor(r: DesiredResource, sent: Record<string, unknown>, idOf: (a: string) => string) {
  let path = r.collection;
  if (r.parent) path = path.replace("{parent}", encodeURIComponent(idOf(r.parent)));
  if (r.kind === "domain") {
    // `id` names the domain to update; it is the key, not a writable property.
    const { id, ...patch } = sent;
    if (typeof id !== "string") throw new Error(`${r.address}: a domain body needs its id`);
    return { method: "PATCH" as const, path: `/${r.api}${path}/${encodeURIComponent(id)}`, body: patch, id };
  }
  return { method: "POST" as const, path: `/${r.api}${path}`, body: sent, id: undefined };
}

/** Reads `/subscribedSkus` the way a planner resolves `$resolve` placeholders. */
export async function readSubscribedSkus(t: GraphCaller): Promise<SubscribedSkuIds[]> {
  const res = await t.graph("GET", "/v1.0/subscribedSkus");
  if (res.status !== 200) throw new Error(`GET /subscribedSkus answered ${res.status}`);
  return (res.body as { value: SubscribedSkuIds[] }).value;
}

export async function applyDesired(
  t: GraphCaller,
  desired: readonly DesiredResource[],
  generatePassword: (length: number) => string = defaultGeneratePassword,
): Promise<ApplyResult> {
  const skus = await readSubscribedSkus(t);
  const ids = new Map<string, string>();
  const idOf = (address: string) => {
    const id = ids.get(address);
    if (!id) throw new Error(`no Graph id for ${address} yet`);
    return id;
  };
  const passwords: string[] = [];
  const applied: AppliedResource[] = [];
  for (const resource of dependencyOrder(desired)) {
    const sent = resolvePlaceholders(resource.body, {
      idOf,
      skus,
      generatePassword: (length) => {
        const p = generatePassword(length);
        passwords.push(p);
        return p;
      },
    });
    const req = requestFor(resource, sent, idOf);
    const { create, followUps } = req.method === "POST" && resource.kind === "group" ? splitMemberBinds(req.body) : { create: req.body, followUps: [] };
    const response = await t.graph(req.method, req.path, create);
    // Actions under a parent (assign, assignLicense) are read back through the parent.
    // An invitation stands for the invited user (src/compile/types.ts `guestInvitation`).
    const answer = response.body as { id?: unknown; invitedUser?: { id?: unknown } } | undefined;
    const createdId = resource.kind === "guestInvitation" ? answer?.invitedUser?.id : answer?.id;
    const id = req.id ?? (resource.parent ? idOf(resource.parent) : typeof createdId === "string" ? createdId : "");
    const record: AppliedResource = { resource, sent: req.body, method: req.method, path: req.path, status: response.status, followUpStatuses: [], id, response };
    applied.push(record);
    if (response.status !== expectedStatus(resource)) break;
    for (const chunk of followUps) {
      const more = await t.graph("PATCH", `${req.path}/${encodeURIComponent(id)}`, { "members@odata.bind": chunk });
      record.followUpStatuses.push(more.status);
    }
    if (record.followUpStatuses.some((s) => s !== 204)) break;
    ids.set(resource.address, record.id);
  }
  return { applied, passwords };
}
