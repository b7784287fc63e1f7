/**
 * Graph takes at most 20 `@odata.bind` relationships in one group create or update
 * (group-post-groups.md, graph-facts §1): longer member lists are sent in chunks.
 */

export const MAX_BINDS_PER_REQUEST = 20;

/** `list` in chunks of at most `size`, in order, losing none. */
export function chunk<T>(list: readonly T[], size: number = MAX_BINDS_PER_REQUEST): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < list.length; i += size) chunks.push(list.slice(i, i + size));
  return chunks;
}

/**
 * Splits a create body whose `members@odata.bind` exceeds Graph's limit: the create carries the first
 * 20, each follow-up `PATCH` the next 20 (src/compile/types.ts leaves this split to whoever sends it).
 */
export function splitMemberBinds(body: Record<string, unknown>): { create: Record<string, unknown>; followUps: string[][] } {
  const binds = body["members@odata.bind"];
  if (!Array.isArray(binds) || binds.length <= MAX_BINDS_PER_REQUEST) return { create: body, followUps: [] };
  const chunks = chunk(binds as string[]);
  return { create: { ...body, "members@odata.bind": chunks[0] }, followUps: chunks.slice(1) };
}
