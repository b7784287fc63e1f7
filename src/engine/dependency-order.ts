/**
 * The order to create desired resources in — every resource after its `dependsOn`, its
 * `parent` and the addresses its `$ref` placeholders name (Kahn's algorithm, ties by address so the
 * order is deterministic). Throws on an unknown dependency or a cycle: either is a compiler bug.
 */
import type { DesiredResource } from "../compile/types.ts";
import { referencedAddresses } from "./resolve-placeholders.ts";

/** Every address `r` must wait for. */
export function prerequisitesOf(r: DesiredResource): string[] {
  return [...new Set([...r.dependsOn, ...(r.parent ? [r.parent] : []), ...referencedAddresses(r.body)])];
}

export function dependencyOrder(desired: readonly DesiredResource[]): DesiredResource[] {
  const byAddress = new Map(desired.map((r) => [r.address, r]));
  if (byAddress.size !== desired.length) throw new Error("two desired resources share an address");
  const waiting = new Map<string, Set<string>>();
  for (const r of desired) {
    const needs = prerequisitesOf(r);
    for (const n of needs) if (!byAddress.has(n)) throw new Error(`${r.address} depends on unknown address ${n}`);
    waiting.set(r.address, new Set(needs));
  }
  const order: DesiredResource[] = [];
  while (waiting.size > 0) {
    const ready = [...waiting].filter(([, needs]) => needs.size === 0).map(([a]) => a).sort();
    if (ready.length === 0) throw new Error(`dependency cycle among ${[...waiting.keys()].sort().join(", ")}`);
    for (const address of ready) {
      waiting.delete(address);
      order.push(byAddress.get(address)!);
      for (const needs of waiting.values()) needs.delete(address);
    }
  }
  return order;
}
