/**
 * `configurationAssignment` (Graph I/O). Reads `…/{profile}/assignments`. A whole-set assignment is
 * written with `POST …/assign` (a full replace, so sending it twice is harmless); an Autopilot
 * assignment with one `POST …/assignments` per missing target — re-read by target before any
 * retry, so a lost answer never makes a second one — and a `DELETE` per target no longer wanted.
 */
import type { DesiredResource } from "../../compile/types.ts";
import type { GraphVersion } from "../../graph/types.ts";
import { getAllBatched, isNotFound } from "../graph-reads.ts";
import type { Json, ProviderContext, RemoteObject, ResourceProvider } from "../types.ts";
import { jsonEqual } from "../../engine/diff.ts";
import { desiredTargets, normaliseTarget, replacesWholeSet, setProperty } from "./kind.ts";

interface Assignment {
  id: string;
  target?: unknown;
}

/** `…/{parent}/assignments` of a resource's profile. */
function listPath(r: DesiredResource, parentId: string): string {
  return r.collection.replace("{parent}", encodeURIComponent(parentId)).replace(/\/assign$/, "/assignments");
}

async function readAssignments(ctx: ProviderContext, r: DesiredResource, parentId: string): Promise<Assignment[]> {
  return ctx.graph.collect<Assignment>(listPath(r, parentId), { version: r.api as GraphVersion });
}

async function writeOneByOne(ctx: ProviderContext, r: DesiredResource, parentId: string, body: Record<string, unknown>): Promise<void> {
  const wanted = desiredTargets(r, body);
  const current = await readAssignments(ctx, r, parentId);
  const has = (list: Assignment[], t: Json) => list.some((a) => jsonEqual(normaliseTarget(a.target), t));
  for (const target of wanted) {
    if (has(current, target)) continue;
    await ctx.graph.request("POST", listPath(r, parentId), {
      version: r.api as GraphVersion,
      body,
      alreadyApplied: async () => {
        const now = await readAssignments(ctx, r, parentId);
        const made = now.find((a) => jsonEqual(normaliseTarget(a.target), target));
        return made ? { applied: true, body: made } : { applied: false };
      },
    });
  }
  const extra = current.filter((a) => !wanted.some((t) => jsonEqual(normaliseTarget(a.target), t)));
  await removeAssignments(ctx, r, parentId, extra);
}

async function removeAssignments(ctx: ProviderContext, r: DesiredResource, parentId: string, list: readonly Assignment[]): Promise<void> {
  for (const a of list) {
    try {
      await ctx.graph.request("DELETE", `${listPath(r, parentId)}/{id}`, { version: r.api as GraphVersion, params: { id: a.id } });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}

async function write(ctx: ProviderContext, r: DesiredResource, parentId: string, body: Record<string, unknown>): Promise<void> {
  if (!replacesWholeSet(r)) return writeOneByOne(ctx, r, parentId, body);
  await ctx.graph.request("POST", r.collection.replace("{parent}", encodeURIComponent(parentId)), {
    version: r.api as GraphVersion,
    body,
    // `assign` replaces the whole set: sending it twice leaves the same set (graph-facts §9.9).
    idempotent: true,
  });
}

const CONFIG_WRITE = ["DeviceManagementConfiguration.ReadWrite.All"];
const CONFIG_READ = ["DeviceManagementConfiguration.Read.All", "DeviceManagementConfiguration.ReadWrite.All"];
const ENROLLMENT_WRITE = ["DeviceManagementServiceConfig.ReadWrite.All"];
const ENROLLMENT_READ = ["DeviceManagementServiceConfig.Read.All", "DeviceManagementServiceConfig.ReadWrite.All"];

export const configurationAssignmentProvider: ResourceProvider = {
  kind: "configurationAssignment",
  permissions: {
    read: [
      { request: "GET /deviceManagement/deviceConfigurations/{id}/assignments", application: CONFIG_READ, delegated: CONFIG_READ },
      { request: "GET /deviceManagement/windowsAutopilotDeploymentProfiles/{id}/assignments (beta)", application: ENROLLMENT_READ, delegated: ENROLLMENT_READ },
    ],
    create: [
      { request: "POST /deviceManagement/deviceConfigurations/{id}/assign", application: CONFIG_WRITE, delegated: CONFIG_WRITE },
      { request: "POST /deviceManagement/windowsAutopilotDeploymentProfiles/{id}/assignments (beta)", application: ENROLLMENT_WRITE, delegated: ENROLLMENT_WRITE },
    ],
    update: [
      { request: "POST /deviceManagement/deviceConfigurations/{id}/assign", application: CONFIG_WRITE, delegated: CONFIG_WRITE },
      { request: "DELETE /deviceManagement/windowsAutopilotDeploymentProfiles/{id}/assignments/{id} (beta)", application: ENROLLMENT_WRITE, delegated: ENROLLMENT_WRITE },
    ],
    delete: [
      { request: "POST /deviceManagement/deviceConfigurations/{id}/assign", application: CONFIG_WRITE, delegated: CONFIG_WRITE },
      { request: "DELETE /deviceManagement/windowsAutopilotDeploymentProfiles/{id}/assignments/{id} (beta)", application: ENROLLMENT_WRITE, delegated: ENROLLMENT_WRITE },
    ],
  },

  async read({ ctx, desired, foundEarlier }) {
    const found = new Map<string, RemoteObject>();
    const withParent = desired.flatMap((r) => {
      const parent = r.parent ? foundEarlier.get(r.parent) : undefined;
      return parent ? [{ r, parent }] : [];
    });
    // Reads of both API versions, each version's in its own $batch calls.
    for (const version of ["v1.0", "beta"] as const) {
      const mine = withParent.filter((x) => x.r.api === version);
      const lists = await getAllBatched<Assignment>(ctx.graph, mine.map((x) => ({ url: listPath(x.r, x.parent.id) })), version);
      mine.forEach(({ r, parent }, i) => {
        found.set(r.address, {
          id: parent.id,
          data: { assignments: lists[i] ?? [] },
          owned: parent.owned,
          ...(parent.owned ? {} : { notOwnedBecause: "its profile is not holofleet's" }),
        });
      });
    }
    return { found, extras: [] };
  },

  async create({ ctx, desired, body, parentId }) {
    await write(ctx, desired, parentId!, body);
    return { id: parentId! };
  },
  update: ({ ctx, desired, body, remote }) => write(ctx, desired, remote.id, body),
  async delete({ ctx, desired, remote }) {
    if (!desired) return;
    if (replacesWholeSet(desired)) await write(ctx, desired, remote.id, { [setProperty(desired.body)]: [] });
    else await removeAssignments(ctx, desired, remote.id, (remote.data.assignments as Assignment[] | undefined) ?? []);
  },
};
