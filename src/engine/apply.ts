/**
 * Applying a plan: every change runs once its dependencies have (dependency waves, as many at once
 * as `concurrency` allows; requests inside a change go through `$batch` where the provider batches).
 * Ids made by creates fill the `$ref`s of later changes; passwords are generated here, sent once and
 * forgotten. A change that fails is reported with Graph's code and message and its dependants are
 * skipped; independent changes go on. Objects just created may answer 404 for a while (replication
 * lag, graph-facts §9.8): such a write is tried again, boundedly. Deletes of objects the blueprint
 * no longer names come last. Then kinds that change something asynchronously (group licences) are
 * waited for. This is the one boundary where thrown errors become results (STYLE.md §F).
 */
import type { DesiredResource, ResourceKind } from "../compile/types.ts";
import { GraphRequestError } from "../graph/errors.ts";
import { batchingGraph } from "./batching-graph.ts";
import type { ProviderContext, RegisteredKind, RemoteObject } from "../resources/types.ts";
import type { ApplyResult, ApplyResultEntry, EventSink, PlanAction, PlanChange } from "./plan-types.ts";
import { PLAN_FORMAT_VERSION } from "./plan-types.ts";
import { extraAddress, type TenantSnapshot } from "./plan.ts";
import { resolvePlaceholders } from "./resolve-placeholders.ts";

export interface ApplyInput {
  changes: readonly PlanChange[];
  desired: readonly DesiredResource[];
  snapshot: TenantSnapshot;
  kinds: Readonly<Record<ResourceKind, RegisteredKind>>;
  ctx: ProviderContext;
  generatePassword: (length: number) => string;
  events?: EventSink;
  /**
   * Changes in flight at once (default 40: two `$batch` calls' worth, as what they ask at the same
   * moment travels together; the Graph client bounds HTTP requests and budgets on its own).
   */
  concurrency?: number;
  /** How long a write may keep meeting 404 for an object just created (default 60 s). */
  replicationWaitMs?: number;
}

export const DEFAULT_CONCURRENCY = 40;

const WRITES: readonly PlanAction[] = ["create", "update", "adopt", "replace", "delete"];

/** A failure in words a person can act on, never with a request body (it may hold a password). */
export function describeError(err: unknown): { code?: string; message: string } {
  if (err instanceof GraphRequestError) return { code: err.code, message: `${err.status ? `${err.status} ` : ""}${err.code}: ${err.message}` };
  return { message: err instanceof Error ? err.message : String(err) };
}

function semaphore(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return {
    async acquire() {
      if (active < limit) {
        active++;
        return;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    },
    release() {
      const next = waiting.shift();
      if (next) next();
      else active--;
    },
  };
}

export async function applyPlan(input: ApplyInput): Promise<ApplyResult> {
  const { kinds, snapshot } = input;
  // Requests of changes running at once share `$batch` calls (batching-graph.ts).
  const ctx: ProviderContext = { ...input.ctx, graph: batchingGraph(input.ctx.graph) };
  const events = input.events ?? (() => {});
  const desired = new Map(input.desired.map((r) => [r.address, r]));
  const extras = new Map(snapshot.extras.map((e) => [extraAddress(e), e]));
  const ids = new Map<string, string>();
  for (const c of input.changes) if (c.remoteId && (c.action === "noop" || c.action === "update" || c.action === "adopt")) ids.set(c.address, c.remoteId);
  const ops = input.changes.filter((c) => WRITES.includes(c.action));
  const opByAddress = new Map(ops.map((c) => [c.address, c]));
  const results = new Map<string, ApplyResultEntry>();
  const running = new Map<string, Promise<boolean>>();
  const slots = semaphore(Math.max(1, input.concurrency ?? DEFAULT_CONCURRENCY));
  const replicationWaitMs = input.replicationWaitMs ?? 60_000;

  const idOf = (address: string) => {
    const id = ids.get(address);
    if (!id) throw new Error(`no Graph id for ${address}`);
    return id;
  };

  /** Retries `write` while Graph answers 404 for something just created (bounded). */
  async function withReplicationWait<T>(address: string, write: () => Promise<T>): Promise<T> {
    const deadline = ctx.clock.now() + replicationWaitMs;
    let delay = 250;
    for (;;) {
      try {
        return await write();
      } catch (err) {
        if (!(err instanceof GraphRequestError) || err.status !== 404 || ctx.clock.now() + delay > deadline) throw err;
        events({ type: "apply.wait", address, what: "an object just created to be readable (replication)" });
        await ctx.clock.sleep(delay, ctx.signal);
        delay = Math.min(delay * 2, 4000);
      }
    }
  }

  async function execute(change: PlanChange): Promise<void> {
    if (change.action === "delete") {
      const extra = extras.get(change.address);
      const r = desired.get(change.address);
      const remote: RemoteObject | undefined = extra ?? snapshot.found.get(change.address);
      if (!remote) throw new Error(`nothing was read for ${change.address}`);
      await kinds[change.kind].provider.delete({ ctx, remote, ...(r ? { desired: r } : {}) });
      return;
    }
    const r = desired.get(change.address);
    if (!r) throw new Error(`${change.address} is not in the blueprint`);
    const { provider, definition } = kinds[r.kind];
    const recreate = change.action === "create" || change.action === "replace";
    // Write-only values (passwords) go with a create only.
    const source = recreate ? r.body : Object.fromEntries(Object.entries(r.body).filter(([k]) => !definition.writeOnly.includes(k)));
    const body = resolvePlaceholders(source, { idOf, skus: snapshot.skus, generatePassword: input.generatePassword });
    const parentId = r.parent ? idOf(r.parent) : undefined;
    const remote = snapshot.found.get(r.address);
    if (change.action === "replace") await provider.delete({ ctx, remote: remote!, desired: r });
    if (recreate) {
      const made = await withReplicationWait(r.address, () => provider.create({ ctx, desired: r, body, ...(parentId ? { parentId } : {}) }));
      ids.set(r.address, made.id);
    } else {
      await withReplicationWait(r.address, () => provider.update({ ctx, desired: r, body, remote: remote!, ...(parentId ? { parentId } : {}) }));
    }
  }

  function run(change: PlanChange): Promise<boolean> {
    const existing = running.get(change.address);
    if (existing) return existing;
    const promise = (async () => {
      const prerequisites = change.dependsOn.flatMap((a) => (opByAddress.get(a) && opByAddress.get(a)!.action !== "delete" ? [opByAddress.get(a)!] : []));
      const ok = await Promise.all(prerequisites.map(run));
      const failedDep = prerequisites.find((_, i) => !ok[i]);
      if (failedDep) {
        const because = `${failedDep.address} was not applied`;
        results.set(change.address, { address: change.address, action: change.action, outcome: "skipped", message: because });
        events({ type: "apply.skipped", address: change.address, action: change.action, because });
        return false;
      }
      await slots.acquire();
      const started = ctx.clock.now();
      try {
        ctx.signal?.throwIfAborted();
        events({ type: "apply.start", address: change.address, action: change.action });
        await execute(change);
        const ms = ctx.clock.now() - started;
        results.set(change.address, { address: change.address, action: change.action, outcome: "applied", ms });
        events({ type: "apply.done", address: change.address, action: change.action, ms });
        return true;
      } catch (err) {
        const { code, message } = describeError(err);
        results.set(change.address, { address: change.address, action: change.action, outcome: "failed", message, ...(code ? { code } : {}) });
        events({ type: "apply.failed", address: change.address, action: change.action, message, ...(code ? { code } : {}) });
        return false;
      } finally {
        slots.release();
      }
    })();
    running.set(change.address, promise);
    return promise;
  }

  await Promise.all(ops.filter((c) => c.action !== "delete").map(run));
  // What the blueprint no longer names goes last, when nothing new can still refer to it.
  await Promise.all(ops.filter((c) => c.action === "delete").map(run));

  // Asynchronous effects (licences reaching members): wait where the resource or its parent changed.
  const changed = (address: string | undefined) => address !== undefined && results.get(address)?.outcome === "applied";
  for (const r of input.desired) {
    const { provider } = kinds[r.kind];
    if (!provider.settle || results.get(r.address)?.outcome === "failed" || results.get(r.address)?.outcome === "skipped") continue;
    if (!changed(r.address) && !changed(r.parent)) continue;
    const id = ids.get(r.address) ?? (r.parent ? ids.get(r.parent) : undefined);
    if (!id) continue;
    const action = opByAddress.get(r.address)?.action ?? "noop";
    try {
      events({ type: "apply.wait", address: r.address, what: "asynchronous processing" });
      await provider.settle({ ctx: { ...ctx, onWait: (what) => events({ type: "apply.wait", address: r.address, what }) }, desired: r, id, ...(r.parent ? { parentId: ids.get(r.parent) } : {}) });
    } catch (err) {
      const { code, message } = describeError(err);
      results.set(r.address, { address: r.address, action, outcome: "failed", message, ...(code ? { code } : {}) });
      events({ type: "apply.failed", address: r.address, action, message, ...(code ? { code } : {}) });
    }
  }

  const list = [...results.values()].sort((a, b) => (a.address < b.address ? -1 : 1));
  const summary = {
    applied: list.filter((e) => e.outcome === "applied").length,
    failed: list.filter((e) => e.outcome === "failed").length,
    skipped: list.filter((e) => e.outcome === "skipped").length,
  };
  events({ type: "applied", summary });
  return { formatVersion: PLAN_FORMAT_VERSION, results: list, summary };
}
