/**
 * Optional replication lag (graph-facts §9.8): for `newObjectLagMs` after a create, requests that
 * address the new object by id answer 404 `Request_ResourceNotFound`, as Entra can right after a
 * 201. Off (0) by default. Times are the tenant's clock.
 */

export interface ReplicationLag {
  readonly lagMs: number;
  created(id: string, at: Date): void;
  /** True while `id` is still invisible to reads at `at`. */
  hidden(id: string, at: Date): boolean;
}

export function createReplicationLag(lagMs: number): ReplicationLag {
  const createdAt = new Map<string, number>();
  return {
    lagMs,
    created(id, at) {
      if (lagMs > 0) createdAt.set(id.toLowerCase(), at.getTime());
    },
    hidden(id, at) {
      const t = createdAt.get(id.toLowerCase());
      if (t === undefined) return false;
      if (at.getTime() - t >= lagMs) {
        createdAt.delete(id.toLowerCase());
        return false;
      }
      return true;
    },
  };
}
