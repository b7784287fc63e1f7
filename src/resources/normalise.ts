/**
 * Small normalisations shared by kinds: what Graph writes one way and reads back another (GUID case,
 * time-of-day precision, null for an empty string), so a read is never reported as drift.
 */
import type { Json } from "./types.ts";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** GUIDs compare without regard to case. */
export function normaliseGuid(v: unknown): unknown {
  return typeof v === "string" && GUID.test(v) ? v.toLowerCase() : v;
}

/** `08:00:00.0000000` (Edm.TimeOfDay as Intune answers it) and `08:00:00` are the same time. */
export function normaliseTimeOfDay(v: unknown): unknown {
  if (typeof v !== "string") return v;
  const m = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/.exec(v);
  if (!m) return v;
  const frac = (m[4] ?? "").replace(/0+$/, "");
  return `${m[1]}:${m[2]}:${m[3] ?? "00"}${frac ? `.${frac}` : ""}`;
}

/** A JSON copy with object keys sorted at every depth (deterministic output and hashing). */
export function toJson(v: unknown): Json {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.map(toJson);
  if (typeof v === "object") {
    const out: Record<string, Json> = {};
    for (const k of Object.keys(v as object).sort()) {
      const value = (v as Record<string, unknown>)[k];
      if (value !== undefined) out[k] = toJson(value);
    }
    return out;
  }
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  return String(v);
}

/** Strings sorted, for set-like arrays (group types, scope tags). */
export function sortedStrings(v: unknown): Json[] {
  return Array.isArray(v) ? [...v].map((x) => (typeof x === "string" ? x : toJson(x))).sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0)) : [];
}

/** Sorts JSON values by their canonical text (set-like arrays of objects). */
export function sortedByJson(values: readonly Json[]): Json[] {
  return [...values].sort((a, b) => {
    const x = JSON.stringify(a);
    const y = JSON.stringify(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** An empty string and null mean "not set" in Intune's optional text properties. */
export function emptyAsNull(v: unknown): Json {
  return v === "" || v === undefined ? null : toJson(v);
}
