/**
 * Reading the tenant for a plan: every registered kind's provider reads what the blueprint names and
 * what holofleet owns, stage by stage (a child needs its parent's id; users are found through the
 * groups holofleet owns), kinds of one stage at once. Also the tenant's subscriptions, which the
 * licence placeholders resolve against. Only reads: nothing here writes.
 */
import type { DesiredResource, ResourceKind } from "../compile/types.ts";
import type { PermissionRequirement, ProviderContext, RegisteredKind, RemoteObject } from "../resources/types.ts";
import type { EventSink } from "./plan-types.ts";
import type { TenantSnapshot } from "./plan.ts";
import type { SubscribedSkuIds } from "./resolve-placeholders.ts";

/** `GET /subscribedSkus` (graph-facts §3.2), which every plan reads. */
export const SUBSCRIBED_SKUS_READ: PermissionRequirement = {
  request: "GET /subscribedSkus",
  application: ["LicenseAssignment.Read.All", "Organization.Read.All", "Directory.Read.All"],
  delegated: ["LicenseAssignment.Read.All", "Organization.Read.All", "Directory.Read.All"],
};

export interface ReadTenantInput {
  desired: readonly DesiredResource[];
  kinds: Readonly<Record<ResourceKind, RegisteredKind>>;
  ctx: ProviderContext;
  events?: EventSink;
}

export async function readTenant(input: ReadTenantInput): Promise<TenantSnapshot> {
  const { ctx, kinds } = input;
  const found = new Map<string, RemoteObject>();
  const extras: (RemoteObject & { kind: ResourceKind })[] = [];
  const byKind = new Map<ResourceKind, DesiredResource[]>();
  for (const r of input.desired) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r]);
  const skusRead = ctx.graph.collect<SubscribedSkuIds>("/subscribedSkus", { query: { $select: "skuId,skuPartNumber,servicePlans" } });
  const entries = Object.entries(kinds) as [ResourceKind, RegisteredKind][];
  const stages = [...new Set(entries.map(([, k]) => k.definition.readStage))].sort((a, b) => a - b);
  for (const stage of stages) {
    const foundEarlier: ReadonlyMap<string, RemoteObject> = new Map(found);
    const extrasEarlier = [...extras];
    const results = await Promise.all(
      entries
        .filter(([, k]) => k.definition.readStage === stage)
        .map(async ([kind, k]) => {
          const started = ctx.clock.now();
          const result = await k.provider.read({ ctx, desired: byKind.get(kind) ?? [], foundEarlier, extrasEarlier });
          input.events?.({ type: "read", kind, found: result.found.size, extras: result.extras.length, ms: ctx.clock.now() - started });
          return { kind, result };
        }),
    );
    for (const { kind, result } of results) {
      for (const [address, remote] of result.found) found.set(address, remote);
      for (const e of result.extras) extras.push({ ...e, kind });
    }
  }
  return { found, extras, skus: await skusRead };
}
