/**
 * Canonical JSON for compile output: object keys sorted (code point order) at every depth, arrays kept
 * in the order the compiler chose, two-space indent, one trailing newline. Same value ⇒ same bytes,
 * whatever order the keys were inserted in. `JSON.stringify` with a key list cannot express per-object
 * ordering, hence this small walker.
 */

/** A deep copy with every object's keys sorted; `undefined` members are dropped as JSON would. */
export function canonicalize<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => canonicalize(v)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = canonicalize(v);
    }
    return out as T;
  }
  return value;
}

export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(canonicalize(value), null, 2)}\n`;
}
