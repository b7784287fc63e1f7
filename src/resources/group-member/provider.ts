/**
 * `groupMember` (Graph I/O). Reads the members of each parent group found (once per group) and
 * reports a membership only when the member is there. Adds with `POST /groups/{id}/members/$ref`;
 * Graph's "already exist" answer (a retry after a lost answer, or an admin who added it meanwhile)
 * counts as done.
 */
import { isAlreadyExists } from "../graph-reads.ts";
import { DIRECTORY_OBJECTS, readMemberIds } from "../group/provider.ts";
import type { RemoteObject, ResourceProvider } from "../types.ts";

const WRITE = ["GroupMember.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"];
const READ = ["GroupMember.Read.All", "Group.Read.All", "Directory.Read.All"];

export const groupMemberProvider: ResourceProvider = {
  kind: "groupMember",
  permissions: {
    read: [{ request: "GET /groups/{id}/members", application: READ, delegated: READ }],
    create: [{ request: "POST /groups/{id}/members/$ref", application: WRITE, delegated: WRITE }],
    update: [],
    delete: [],
  },

  async read({ ctx, desired, foundEarlier }) {
    const found = new Map<string, RemoteObject>();
    const membersOf = new Map<string, Promise<string[]>>();
    for (const r of desired) {
      const parent = r.parent ? foundEarlier.get(r.parent) : undefined;
      const ref = r.body["@odata.id"] as { $ref?: string } | undefined;
      const member = ref?.$ref ? foundEarlier.get(ref.$ref) : undefined;
      if (!parent || !member) continue;
      if (!membersOf.has(parent.id)) membersOf.set(parent.id, readMemberIds(ctx.graph, parent.id));
      const ids = await membersOf.get(parent.id)!;
      if (ids.includes(member.id.toLowerCase())) found.set(r.address, { id: parent.id, data: { member: member.id.toLowerCase() }, owned: true, label: r.address });
    }
    return { found, extras: [] };
  },

  async create({ ctx, body, parentId }) {
    try {
      await ctx.graph.request("POST", "/groups/{id}/members/$ref", { params: { id: parentId! }, body: { "@odata.id": `${DIRECTORY_OBJECTS}${idOfMember(body)}` } });
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
    }
    return { id: parentId! };
  },
  // The lifecycle rules these out (the planner never asks); reaching one is a bug, not a no-op.
  update: () => Promise.reject(new Error("holofleet never changes a membership")),
  delete: () => Promise.reject(new Error("holofleet never removes a group member")),
};

function idOfMember(body: Record<string, unknown>): string {
  return String(body["@odata.id"]).split("/").pop()!;
}
