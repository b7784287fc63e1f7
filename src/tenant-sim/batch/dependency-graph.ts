/**
 * The `dependsOn` graph of a `$batch`, checked before anything runs: a request that depends on
 * itself, or on a chain that leads back to it, can never run. Such a batch is refused as a whole
 * with 400, so no sub-request is executed. The message starts as Graph's does for a dependency it
 * cannot order ("Invalid dependency for request Id …", quoted in msgraph-sdk-dotnet-core #891); the
 * rest names the cycle (docs/local-tenant.md lists it as extrapolated).
 */

export interface DependencyNode {
  id: string;
  dependsOn?: string[];
}

/**
 * The first cycle found, as the ids along it (`["a", "b", "a"]`), or undefined. Ids compare without
 * regard to case, as batch ids do; every `dependsOn` must already name a request of the batch.
 * Iterative, so a batch of any shape cannot exhaust the stack.
 */
export function findDependencyCycle(nodes: readonly DependencyNode[]): string[] | undefined {
  const byKey = new Map(nodes.map((n) => [n.id.toLowerCase(), n]));
  const state = new Map<string, "visiting" | "done">();
  for (const start of nodes) {
    const startKey = start.id.toLowerCase();
    if (state.has(startKey)) continue;
    // Depth-first with an explicit stack: each frame is a node and the index of its next dependency.
    const path: { key: string; next: number }[] = [{ key: startKey, next: 0 }];
    state.set(startKey, "visiting");
    while (path.length) {
      const frame = path[path.length - 1]!;
      const deps = byKey.get(frame.key)?.dependsOn ?? [];
      if (frame.next >= deps.length) {
        state.set(frame.key, "done");
        path.pop();
        continue;
      }
      const depKey = deps[frame.next++]!.toLowerCase();
      const seen = state.get(depKey);
      if (seen === "visiting") {
        const from = path.findIndex((f) => f.key === depKey);
        return [...path.slice(from).map((f) => byKey.get(f.key)!.id), byKey.get(depKey)!.id];
      }
      if (seen === undefined && byKey.has(depKey)) {
        state.set(depKey, "visiting");
        path.push({ key: depKey, next: 0 });
      }
    }
  }
  return undefined;
}

/** Graph's message for a batch whose dependencies form a cycle. */
export function dependencyCycleMessage(cycle: readonly string[]): string {
  const chain = cycle.map((id) => `'${id}'`).join(" → ");
  return cycle.length === 2
    ? `Invalid dependency for request Id '${cycle[0]}': a request cannot depend on itself (a cycle ${chain}).`
    : `Invalid dependency for request Id '${cycle[0]}': its dependsOn chain ${chain} is a cycle.`;
}
