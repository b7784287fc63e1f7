/**
 * What Intune's profile-like collections share (device configurations, the update ring, Autopilot
 * profiles, enrollment configurations): no unique key — `displayName` is free text and a retried POST
 * makes a duplicate (graph-facts §9.9) — so the identity is the display name among objects of the
 * kind's `@odata.type`, and ownership is the description marker. Reads list the collection with a
 * small `$select` (every page), then fetch in full, in `$batch`, only the objects that matter; a
 * create that may have happened is re-read by display name and marker before it is sent again.
 */
import type { DesiredResource } from "../compile/types.ts";
import type { GraphVersion } from "../graph/types.ts";
import { getAllBatched, isNotFound } from "./graph-reads.ts";
import { carriesMarker, markerMissing } from "./ownership.ts";
import type { OperationPermissions, ProviderContext, RemoteObject, ResourceKindDefinition, ResourceProvider } from "./types.ts";
import type { ResourceKind } from "../compile/types.ts";

type ProfileData = Record<string, unknown> & { id: string; displayName?: string; description?: string | null; "@odata.type"?: string };

/** `#microsoft.graph.x`, whichever way the service wrote it. */
export function odataType(v: unknown): string {
  return typeof v === "string" ? `#${v.replace(/^#/, "")}` : "";
}

export interface ProfileProviderOptions {
  kind: ResourceKind;
  /** The collection, e.g. `/deviceManagement/deviceConfigurations`. */
  collection: string;
  /** The version reads use (beta where it shows more, such as masked-value references). */
  readVersion: GraphVersion;
  /** The `@odata.type`s this kind owns in a collection shared with other kinds. */
  odataTypes: readonly string[];
  permissions: OperationPermissions;
  /** Completes what a full read leaves out (plaintext of masked OMA values). */
  enrich?: (ctx: ProviderContext, objects: ProfileData[]) => Promise<void>;
}

async function listOfKind(ctx: ProviderContext, o: ProfileProviderOptions): Promise<ProfileData[]> {
  const items = await ctx.graph.collect<ProfileData>(o.collection, { version: o.readVersion, query: { $select: "id,displayName,description" } });
  return items.filter((i) => o.odataTypes.includes(odataType(i["@odata.type"])));
}

export function createProfileProvider(o: ProfileProviderOptions): ResourceProvider {
  const remoteOf = (ctx: ProviderContext, d: ProfileData, duplicateOf?: string): RemoteObject => {
    const owned = carriesMarker(d.description, ctx.ownership);
    return { id: d.id, data: d, owned, label: String(d.displayName ?? d.id), ...(owned ? {} : { notOwnedBecause: markerMissing(ctx.ownership) }), ...(duplicateOf ? { duplicateOf } : {}) };
  };
  const findOwned = async (ctx: ProviderContext, displayName: string) =>
    (await listOfKind(ctx, o)).find((i) => i.displayName === displayName && carriesMarker(i.description, ctx.ownership));

  return {
    kind: o.kind,
    permissions: o.permissions,

    async read({ ctx, desired }) {
      const items = await listOfKind(ctx, o);
      const found = new Map<string, RemoteObject>();
      const extras: RemoteObject[] = [];
      const matched = new Set<string>();
      for (const r of desired) {
        const name = String(r.body.displayName);
        const same = items.filter((i) => i.displayName === name);
        const owned = same.filter((i) => carriesMarker(i.description, ctx.ownership));
        const pick = owned[0] ?? same[0];
        if (!pick) continue;
        for (const i of same) matched.add(i.id);
        found.set(r.address, remoteOf(ctx, pick));
        // Two owned objects with one identity: an earlier tool (or a concurrent run) made a duplicate.
        for (const dup of owned.slice(1)) extras.push(remoteOf(ctx, dup, r.address));
      }
      for (const i of items) if (!matched.has(i.id) && carriesMarker(i.description, ctx.ownership)) extras.push(remoteOf(ctx, i));
      // Full objects of what was found, in $batch.
      const addresses = [...found.keys()];
      const full = await getAllBatched<ProfileData>(
        ctx.graph,
        addresses.map((a) => ({ url: `${o.collection}/${encodeURIComponent(found.get(a)!.id)}` })),
        o.readVersion,
      );
      const objects: ProfileData[] = [];
      addresses.forEach((a, i) => {
        const obj = full[i]?.[0];
        if (!obj) found.delete(a);
        else {
          found.get(a)!.data = obj;
          objects.push(obj);
        }
      });
      if (o.enrich) await o.enrich(ctx, objects);
      return { found, extras };
    },

    async create({ ctx, desired, body }) {
      const name = String(body.displayName);
      const res = await ctx.graph.request<ProfileData>("POST", o.collection, {
        version: desired.api,
        body,
        // No unique key: after a lost answer, holofleet's object with this name is what the POST made.
        alreadyApplied: async () => {
          const existing = await findOwned(ctx, name);
          return existing ? { applied: true, body: existing } : { applied: false };
        },
      });
      return { id: res.body.id };
    },

    async update({ ctx, desired, body, remote }) {
      await ctx.graph.request("PATCH", `${o.collection}/{id}`, { version: desired.api, params: { id: remote.id }, body });
    },

    async delete({ ctx, remote, desired }) {
      try {
        await ctx.graph.request("DELETE", `${o.collection}/{id}`, { version: desired?.api ?? o.readVersion, params: { id: remote.id } });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    },
  };
}

/** The desired body's display name (identity of profile-like kinds). */
export function displayNameOf(r: DesiredResource): string {
  return String(r.body.displayName);
}

/**
 * What every marker-owned Intune object kind shares (configuration profiles, the update ring, the
 * Autopilot profile, the Enrollment Status Page): owned through the `[holofleet:<prefix>]` marker in its
 * description, created, updated and deleted by holofleet, read in the first stage, and never changed in
 * type (Intune refuses that as an update, so the plan shows a replacement).
 */
export function markedIntuneKind(what: string): Pick<ResourceKindDefinition, "immutable" | "immutableBecause" | "writeOnly" | "lifecycle" | "ownershipRule" | "readStage"> {
  return {
    immutable: ["@odata.type"],
    immutableBecause: { "@odata.type": `Intune cannot change ${what}'s type` },
    writeOnly: [],
    lifecycle: { create: true, update: true, delete: true },
    ownershipRule: "its description carries [holofleet:<namingPrefix>]",
    readStage: 0,
  };
}
