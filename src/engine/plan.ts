/**
 * The planner (pure): desired resources + what the providers read → one change per address, in
 * dependency order, each with its action, its reason and its attribute changes. It knows kinds
 * only through their definitions (identity was applied by the providers; immutability, write-only
 * attributes and lifecycle are declared by the kinds). Errors — an object that exists and is not
 * holofleet's, a SKU the tenant lacks, a change no API can make — are collected as diagnostics.
 */
import type { DesiredResource, ResourceKind } from "../compile/types.ts";
import type { Diagnostic } from "../diag/diagnostic.ts";
import type { KindDefinitions } from "../resources/registry.ts";
import type { Attributes, RemoteObject } from "../resources/types.ts";
import { dependencyOrder, prerequisitesOf } from "./dependency-order.ts";
import { diffAttributes } from "./diff.ts";
import type { PlanAction, PlanChange, PlanReason, PlanSummary } from "./plan-types.ts";
import { resolveForPlan, type SubscribedSkuIds } from "./resolve-placeholders.ts";

/** What the providers read: per kind, the object found for each address and the owned extras. */
export interface TenantSnapshot {
  found: ReadonlyMap<string, RemoteObject>;
  extras: readonly (RemoteObject & { kind: ResourceKind })[];
  skus: readonly SubscribedSkuIds[];
}

export interface PlanInput {
  desired: readonly DesiredResource[];
  snapshot: TenantSnapshot;
  kinds: KindDefinitions;
  /** Addresses the user adopts (`--adopt`): objects with their identity are taken over. */
  adopt: ReadonlySet<string>;
}

export interface PlanOutput {
  changes: PlanChange[];
  diagnostics: Diagnostic[];
}

/** The address a plan gives an owned object the blueprint does not name. */
export function extraAddress(o: RemoteObject & { kind: ResourceKind }): string {
  const label = o.label ?? o.id;
  return o.duplicateOf ? `${o.kind}.${label}#${o.id}` : `${o.kind}.${label}`;
}

/** Actions after which the object keeps its Graph id (others have a new one, or none of holofleet's). */
const KEEPS_ID: readonly PlanAction[] = ["noop", "update", "adopt"];

export function computePlan(input: PlanInput): PlanOutput {
  const { snapshot, kinds, adopt } = input;
  const diagnostics: Diagnostic[] = [];
  const changes: PlanChange[] = [];
  const byAddress = new Map<string, PlanChange>();
  /** Graph ids usable now, by address (objects kept in place). */
  const ids = new Map<string, string>();

  const error = (r: DesiredResource, code: string, message: string, fix?: string, why?: string) =>
    diagnostics.push({ severity: "error", code, message: `${r.address}: ${message}`, ...(why ? { why } : {}), ...(fix ? { fix } : {}), path: kinds[r.kind].blueprintPath(r) });

  for (const r of dependencyOrder(input.desired)) {
    const def = kinds[r.kind];
    const remote = snapshot.found.get(r.address);
    const parent = r.parent ? byAddress.get(r.parent) : undefined;
    const push = (action: PlanAction, reason: PlanReason, attributes: PlanChange["attributes"], detail?: string) => {
      const change: PlanChange = {
        address: r.address,
        kind: r.kind,
        action,
        reason,
        ...(detail ? { detail } : {}),
        ...(remote && action !== "create" ? { remoteId: remote.id } : {}),
        attributes,
        dependsOn: prerequisitesOf(r).sort(),
      };
      changes.push(change);
      byAddress.set(r.address, change);
      if (remote && KEEPS_ID.includes(action)) ids.set(r.address, remote.id);
    };

    if (parent?.action === "blocked") {
      push("blocked", "not_owned", [], `its parent ${parent.address} is not holofleet's`);
      continue;
    }
    let after: Attributes;
    try {
      after = def.desiredAttributes(resolveForPlan(r.body, { idOf: (a) => ids.get(a), skus: snapshot.skus }));
    } catch (err) {
      error(r, "HF5201", (err as Error).message, "Subscribe the tenant to the SKU, or remove it from licensing.skus.");
      continue;
    }
    const parentRecreated = parent !== undefined && (parent.action === "create" || parent.action === "replace");
    if (!remote || parentRecreated) {
      if (!def.lifecycle.create) {
        error(r, "HF5202", `the tenant has no such ${def.title}, and holofleet does not create one`, "Add it in the tenant first (for a domain: add and verify it), or change the blueprint.");
        continue;
      }
      push("create", "not_in_tenant", diffAttributes(null, after, def), parentRecreated ? `its parent ${parent!.address} is created anew` : undefined);
      continue;
    }
    const before = def.remoteAttributes(remote, r);
    const attributes = diffAttributes(before, after, def);
    const forced = attributes.filter((a) => a.forcesReplacement);
    if (!remote.owned) {
      if (!adopt.has(r.address)) {
        error(
          r,
          "HF5301",
          `a ${def.title} with this identity exists in the tenant (${remote.label ?? remote.id}, id ${remote.id}) but is not holofleet's: ${remote.notOwnedBecause ?? "its ownership rule does not hold"}`,
          `Rename it in the blueprint, remove the existing object, or take it over with --adopt ${r.address}.`,
          `holofleet changes only what it owns (${def.ownershipRule}).`,
        );
        push("blocked", "not_owned", attributes, remote.notOwnedBecause);
        continue;
      }
      if (forced.length) {
        push("replace", "immutable_attribute_changed", attributes, `adopted; ${replaceReason(def, forced.map((a) => a.path))}`);
        continue;
      }
      push("adopt", "adopted_by_identity", attributes, `taken over with --adopt: ${remote.notOwnedBecause ?? "it was not holofleet's"}`);
      continue;
    }
    if (attributes.length === 0) {
      push("noop", "in_sync", []);
      continue;
    }
    if (forced.length) {
      if (!def.lifecycle.delete || !def.lifecycle.create) {
        error(r, "HF5203", replaceReason(def, forced.map((a) => a.path)), "Change it in the tenant by hand, or keep the blueprint's value.");
        continue;
      }
      push("replace", "immutable_attribute_changed", attributes, replaceReason(def, forced.map((a) => a.path)));
      continue;
    }
    if (!def.lifecycle.update) {
      push("noop", "in_sync", [], "holofleet never changes an existing one");
      continue;
    }
    push("update", "drifted", attributes);
  }

  for (const extra of snapshot.extras) {
    const def = kinds[extra.kind];
    if (!def.lifecycle.delete) continue;
    const change: PlanChange = {
      address: extraAddress(extra),
      kind: extra.kind,
      action: "delete",
      reason: extra.duplicateOf ? "duplicate" : "not_in_blueprint",
      detail: extra.duplicateOf ? `a second ${def.title} with the identity of ${extra.duplicateOf}` : `holofleet's ${def.title}, no longer in the blueprint`,
      remoteId: extra.id,
      attributes: [],
      dependsOn: [],
    };
    changes.push(change);
  }
  for (const a of adopt)
    if (!byAddress.has(a) || byAddress.get(a)!.action === "create")
      diagnostics.push({ severity: "warning", code: "HF5302", message: `--adopt ${a}: ${byAddress.has(a) ? "nothing with its identity exists in the tenant; it will be created" : "the blueprint has no such address"}` });
  return { changes, diagnostics };
}

function replaceReason(def: KindDefinitions[ResourceKind], paths: readonly string[]): string {
  const names = [...new Set(paths.map((p) => /^[^.[]+/.exec(p)?.[0] ?? p))];
  return names.map((n) => def.immutableBecause?.[n] ?? `Graph cannot change ${n}`).join("; ");
}

export function summarise(changes: readonly PlanChange[]): PlanSummary {
  const s: PlanSummary = { create: 0, update: 0, replace: 0, delete: 0, adopt: 0, blocked: 0, unchanged: 0 };
  for (const c of changes) {
    if (c.action === "noop") s.unchanged++;
    else s[c.action]++;
  }
  return s;
}

/** Whether applying the plan would change anything. */
export function hasChanges(changes: readonly PlanChange[]): boolean {
  return changes.some((c) => c.action !== "noop");
}
