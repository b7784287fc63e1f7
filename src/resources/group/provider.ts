/**
 * `group` (Graph I/O). Reads: the blueprint's groups by `uniqueName` (`in` filters, batched) and
 * every group whose `mailNickname` starts with the prefix's nickname (to find what holofleet owns
 * but the blueprint no longer names), then the members of the owned ones. Creates through the
 * `uniqueName` upsert (`PATCH /groups(uniqueName='…')`, `Prefer: create-if-missing`, graph-facts §1,
 * §9.9), so a retry can never make a second group; members go in chunks of 20 binds, and a chunk
 * Graph refuses because a member is already there is resent with only the missing ones.
 */
import { groupNickname } from "../../blueprint/object-names.ts";
import { GraphRequestError } from "../../graph/errors.ts";
import { collectAllBatched, getAllBatched, inFilters, isAlreadyExists, isNotFound, odataString } from "../graph-reads.ts";
import { markerMissing } from "../ownership.ts";
import type { GraphPort, ProviderContext, RemoteObject, ResourceProvider } from "../types.ts";
import { idOfBind, isMicrosoft365, managesMembers, ownsGroup } from "./kind.ts";
import { chunk } from "./member-binds.ts";

const SELECT =
  "id,assignedLicenses,description,displayName,groupTypes,mailEnabled,mailNickname,membershipRule,membershipRuleProcessingState,securityEnabled,uniqueName,visibility";
const BIND = "members@odata.bind";
export const DIRECTORY_OBJECTS = "https://graph.microsoft.com/v1.0/directoryObjects/";

type GroupData = Record<string, unknown> & { id: string; uniqueName?: string | null; mailNickname?: string; description?: string | null };

/** `/groups(uniqueName='…')`: the key as an OData literal, percent-encoded (quotes too, graph-facts §9.3). */
export function upsertPath(uniqueName: string): string {
  return `/groups(uniqueName=${encodeURIComponent(odataString(uniqueName)).replace(/'/g, "%27")})`;
}

/** Every member id of a group (all pages). */
export async function readMemberIds(graph: GraphPort, groupId: string): Promise<string[]> {
  const members = await graph.collect<{ id: string }>("/groups/{id}/members", { params: { id: groupId }, query: { $select: "id", $top: 999 } });
  return members.map((m) => m.id.toLowerCase());
}

async function findByUniqueName(graph: GraphPort, uniqueName: string): Promise<GroupData | undefined> {
  const found = await graph.collect<GroupData>("/groups", { query: { $filter: `uniqueName eq ${odataString(uniqueName)}`, $select: SELECT } });
  return found[0];
}

/** Adds members in chunks of 20 binds; a chunk refused for an existing member is resent without it. */
export async function addMembers(ctx: ProviderContext, groupId: string, memberIds: readonly string[]): Promise<void> {
  let missing = [...memberIds];
  for (let round = 0; missing.length > 0; round++) {
    const results = await ctx.graph.batch(
      chunk(missing).map((ids, i) => ({
        id: String(i + 1),
        method: "PATCH" as const,
        url: `/groups/${encodeURIComponent(groupId)}`,
        body: { [BIND]: ids.map((id) => `${DIRECTORY_OBJECTS}${id}`) },
      })),
    );
    const failed = results.filter((r) => !r.ok);
    if (failed.length === 0) return;
    const hard = failed.find((r) => !isAlreadyExists(r.error));
    if (hard || round >= 2) throw hard?.error ?? failed[0]!.error!;
    // "If any entry is invalid, none are added" (graph-facts §1): find out what is still missing.
    const present = new Set(await readMemberIds(ctx.graph, groupId));
    missing = missing.filter((id) => !present.has(id));
  }
}

export async function removeMembers(ctx: ProviderContext, groupId: string, memberIds: readonly string[]): Promise<void> {
  if (memberIds.length === 0) return;
  const results = await ctx.graph.batch(
    memberIds.map((m, i) => ({ id: String(i + 1), method: "DELETE" as const, url: `/groups/${encodeURIComponent(groupId)}/members/${encodeURIComponent(m)}/$ref` })),
  );
  const failed = results.find((r) => !r.ok && r.status !== 404);
  if (failed) throw failed.error!;
}

function scalarPatch(body: Record<string, unknown>, current: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === BIND || key === "uniqueName" || key.startsWith("@")) continue;
    if (JSON.stringify(value) !== JSON.stringify(current[key] ?? null)) patch[key] = value;
  }
  return patch;
}

export const groupProvider: ResourceProvider = {
  kind: "group",
  permissions: {
    read: [
      { request: "GET /groups", application: ["Group.Read.All", "Directory.Read.All"], delegated: ["Group.Read.All", "Directory.Read.All"] },
      { request: "GET /groups/{id}/members", application: ["GroupMember.Read.All", "Group.Read.All", "Directory.Read.All"], delegated: ["GroupMember.Read.All", "Group.Read.All", "Directory.Read.All"] },
    ],
    create: [
      { request: "PATCH /groups(uniqueName='{uniqueName}')", application: ["Group.ReadWrite.All", "Directory.ReadWrite.All"], delegated: ["Group.ReadWrite.All", "Directory.ReadWrite.All"] },
      { request: "PATCH /groups/{id} (members@odata.bind)", application: ["GroupMember.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"], delegated: ["GroupMember.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"] },
    ],
    update: [
      { request: "PATCH /groups/{id}", application: ["Group.ReadWrite.All", "Directory.ReadWrite.All"], delegated: ["Group.ReadWrite.All", "Directory.ReadWrite.All"] },
      { request: "DELETE /groups/{id}/members/{id}/$ref", application: ["GroupMember.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"], delegated: ["GroupMember.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"] },
    ],
    delete: [{ request: "DELETE /groups/{id}", application: ["Group.ReadWrite.All"], delegated: ["Group.ReadWrite.All"] }],
  },

  async read({ ctx, desired }) {
    const uniqueNames = desired.map((r) => String(r.body.uniqueName));
    const nickPrefix = `${groupNickname(ctx.ownership.namingPrefix)}-`;
    const gets = [
      ...inFilters("uniqueName", uniqueNames).map((f) => ({ url: `/groups?$filter=${encodeURIComponent(f)}&$select=${SELECT}&$top=999` })),
      { url: `/groups?$filter=${encodeURIComponent(`startsWith(mailNickname,${odataString(nickPrefix)})`)}&$select=${SELECT}&$top=999` },
    ];
    const all = new Map<string, GroupData>();
    for (const g of await collectAllBatched<GroupData>(ctx.graph, gets)) all.set(g.id.toLowerCase(), g);
    const toRemote = (g: GroupData): RemoteObject => {
      const owned = ownsGroup(g, ctx.ownership);
      return { id: g.id, data: g, owned, ...(owned ? {} : { notOwnedBecause: markerMissing(ctx.ownership) }), label: String(g.uniqueName ?? g.mailNickname ?? g.id) };
    };
    const used = new Set<string>();
    const found = new Map<string, RemoteObject>();
    for (const r of desired) {
      const unique = String(r.body.uniqueName).toLowerCase();
      const nick = String(r.body.mailNickname).toLowerCase();
      const groups = [...all.values()];
      // uniqueName is the key; a group holofleet owns with the same mailNickname but another (or no)
      // uniqueName is the same group made differently (and must be replaced); a foreign Microsoft 365
      // group with the nickname blocks the create, as Graph keeps those nicknames unique.
      const match =
        groups.find((g) => String(g.uniqueName ?? "").toLowerCase() === unique) ??
        groups.find((g) => !used.has(g.id.toLowerCase()) && String(g.mailNickname ?? "").toLowerCase() === nick && (ownsGroup(g, ctx.ownership) || isMicrosoft365(g.groupTypes) || isMicrosoft365(r.body.groupTypes)));
      if (!match) continue;
      used.add(match.id.toLowerCase());
      found.set(r.address, toRemote(match));
    }
    const extras = [...all.values()].filter((g) => !used.has(g.id.toLowerCase()) && ownsGroup(g, ctx.ownership)).map(toRemote);
    // Members of every owned group that manages them (and of extras: their users may be holofleet's).
    const memberReads: RemoteObject[] = [...extras, ...desired.flatMap((r) => (managesMembers(r.body) && found.get(r.address)?.owned ? [found.get(r.address)!] : []))];
    // In $batch calls (20 groups a call), each list followed to its end: one request per group made a
    // no-op plan of 200 clients send 200 requests.
    const lists = await getAllBatched<{ id: string }>(
      ctx.graph,
      memberReads.map((remote) => ({ url: `/groups/${encodeURIComponent(remote.id)}/members?$select=id&$top=999` })),
    );
    memberReads.forEach((remote, i) => {
      remote.data.members = (lists[i] ?? []).map((m) => m.id.toLowerCase());
    });
    return { found, extras };
  },

  async create({ ctx, body }) {
    const { [BIND]: binds, ...props } = body;
    const uniqueName = String(props.uniqueName);
    const res = await ctx.graph.request<GroupData | undefined>("PATCH", upsertPath(uniqueName), {
      body: props,
      headers: { prefer: "create-if-missing" },
      // The upsert never duplicates; after a lost answer, what it made is found by its key.
      alreadyApplied: async () => {
        const g = await findByUniqueName(ctx.graph, uniqueName);
        return g ? { applied: true, body: g } : { applied: false };
      },
    });
    const created = res.status === 201 && !res.recovered && res.body?.id;
    const group = res.body?.id ? res.body : await findByUniqueName(ctx.graph, uniqueName);
    if (!group) throw new GraphRequestError(`the group ${uniqueName} was written but cannot be found`, { status: 404, code: "Request_ResourceNotFound", request: { method: "GET", url: "/groups", headers: {} } });
    if (Array.isArray(binds) && binds.length) {
      const wanted = (binds as string[]).map(idOfBind);
      // An upsert that updated an existing group (an earlier, interrupted apply) may find members there.
      const present = created ? new Set<string>() : new Set(await readMemberIds(ctx.graph, group.id));
      await addMembers(ctx, group.id, wanted.filter((id) => !present.has(id)));
    }
    return { id: group.id };
  },

  async update({ ctx, body, remote, desired }) {
    const patch = scalarPatch(body, remote.data);
    if (Object.keys(patch).length) await ctx.graph.request("PATCH", "/groups/{id}", { params: { id: remote.id }, body: patch });
    if (!managesMembers(desired.body)) return;
    const wanted = new Set(((body[BIND] as string[] | undefined) ?? []).map(idOfBind));
    const present = new Set(await readMemberIds(ctx.graph, remote.id));
    await addMembers(ctx, remote.id, [...wanted].filter((id) => !present.has(id)));
    await removeMembers(ctx, remote.id, [...present].filter((id) => !wanted.has(id)));
  },

  async delete({ ctx, remote }) {
    try {
      await ctx.graph.request("DELETE", "/groups/{id}", { params: { id: remote.id } });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  },
};
