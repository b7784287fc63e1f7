/**
 * `user` (Graph I/O). Reads the blueprint's accounts by UPN (`in` filters, batched), and finds the
 * accounts holofleet made that the blueprint no longer lists among the members of the groups it
 * owns. Creates with `POST /users`: the UPN is unique, so a retry after a lost answer gets 400
 * `ObjectConflict` (graph-facts §2, §9.9), which is taken as "already created" once a read by UPN
 * shows holofleet's account — never a second account.
 */
import { GraphRequestError } from "../../graph/errors.ts";
import { collectAllBatched, inFilters, isNotFound } from "../graph-reads.ts";
import type { RemoteObject, ResourceProvider } from "../types.ts";
import { ownsUser, segmentPrefix, userKind } from "./kind.ts";

const SELECT = "id,accountEnabled,companyName,department,displayName,mailNickname,passwordPolicies,usageLocation,userPrincipalName";

type UserData = Record<string, unknown> & { id: string; userPrincipalName: string; department?: string | null };

function isUpnConflict(err: unknown): boolean {
  return err instanceof GraphRequestError && err.status === 400 && (err.details ?? []).some((d) => d.code === "ObjectConflict" && /userPrincipalName/i.test(d.target ?? ""));
}

export const userProvider: ResourceProvider = {
  kind: "user",
  permissions: {
    read: [{ request: "GET /users", application: ["User.Read.All", "Directory.Read.All"], delegated: ["User.Read.All", "Directory.Read.All"] }],
    create: [{ request: "POST /users", application: ["User.ReadWrite.All", "Directory.ReadWrite.All"], delegated: ["User.ReadWrite.All", "Directory.ReadWrite.All"] }],
    update: [{ request: "PATCH /users/{id}", application: ["User.ReadWrite.All", "Directory.ReadWrite.All"], delegated: ["User.ReadWrite.All", "Directory.ReadWrite.All"] }],
    delete: [{ request: "DELETE /users/{id}", application: ["User.ReadWrite.All", "Directory.ReadWrite.All"], delegated: ["User.ReadWrite.All", "Directory.ReadWrite.All"] }],
  },

  async read({ ctx, desired, foundEarlier, extrasEarlier }) {
    const toRemote = (u: UserData): RemoteObject => {
      const owned = ownsUser(u, ctx.ownership);
      return {
        id: u.id,
        data: u,
        owned,
        label: u.userPrincipalName.toLowerCase(),
        ...(owned ? {} : { notOwnedBecause: `its department is ${JSON.stringify(u.department ?? null)}, not one of holofleet's client segments (${segmentPrefix(ctx.ownership)}<client>)` }),
      };
    };
    const upns = desired.map((r) => String(r.body.userPrincipalName).toLowerCase());
    const users = await collectAllBatched<UserData>(
      ctx.graph,
      inFilters("userPrincipalName", upns).map((f) => ({ url: `/users?$filter=${encodeURIComponent(f)}&$select=${SELECT}&$top=999` })),
    );
    const byUpn = new Map(users.map((u) => [u.userPrincipalName.toLowerCase(), u]));
    const found = new Map<string, RemoteObject>();
    for (const r of desired) {
      const u = byUpn.get(String(r.body.userPrincipalName).toLowerCase());
      if (u) found.set(r.address, toRemote(u));
    }
    // Accounts holofleet made for clients the blueprint dropped are still members of its groups.
    const known = new Set(users.map((u) => u.id.toLowerCase()));
    const memberIds = new Set<string>();
    for (const o of [...foundEarlier.values(), ...extrasEarlier]) {
      if (!o.owned || !Array.isArray(o.data.members)) continue;
      for (const id of o.data.members as string[]) if (!known.has(id)) memberIds.add(id);
    }
    const candidates = await collectAllBatched<UserData>(
      ctx.graph,
      inFilters("id", [...memberIds]).map((f) => ({ url: `/users?$filter=${encodeURIComponent(f)}&$select=${SELECT}&$top=999` })),
    );
    const extras = candidates.filter((u) => ownsUser(u, ctx.ownership)).map(toRemote);
    return { found, extras };
  },

  async create({ ctx, body }) {
    const upn = String(body.userPrincipalName);
    const byUpn = () => ctx.graph.request<UserData>("GET", "/users/{upn}", { params: { upn }, query: { $select: SELECT } });
    try {
      const res = await ctx.graph.request<UserData>("POST", "/users", {
        body,
        alreadyApplied: async ({ lookup }) => {
          try {
            const u = await lookup<UserData>("GET", `/users/${encodeURIComponent(upn)}?$select=${SELECT}`);
            return ownsUser(u.body, ctx.ownership) ? { applied: true, body: u.body } : { applied: false };
          } catch (err) {
            if (isNotFound(err)) return { applied: false };
            throw err;
          }
        },
      });
      return { id: res.body.id };
    } catch (err) {
      if (!isUpnConflict(err)) throw err;
      // An earlier attempt (or an earlier, interrupted apply) made it: holofleet's own account is taken.
      const existing = (await byUpn()).body;
      if (!ownsUser(existing, ctx.ownership)) throw err;
      return { id: existing.id };
    }
  },

  async update({ ctx, desired, body, remote }) {
    const after = userKind.desiredAttributes(body);
    const before = userKind.remoteAttributes(remote, desired);
    const patch: Record<string, unknown> = {};
    for (const key of Object.keys(before)) {
      if (JSON.stringify(after[key]) === JSON.stringify(before[key])) continue;
      // No policy is written "None" (an absent key would leave the old one in place).
      patch[key] = key === "passwordPolicies" ? (body.passwordPolicies ?? "None") : body[key];
    }
    if (Object.keys(patch).length) await ctx.graph.request("PATCH", "/users/{id}", { params: { id: remote.id }, body: patch });
  },

  async delete({ ctx, remote }) {
    try {
      await ctx.graph.request("DELETE", "/users/{id}", { params: { id: remote.id } });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  },
};
