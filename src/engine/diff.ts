/**
 * The generic attribute diff: a kind hands over normalised attributes of what the tenant holds and
 * of what the blueprint wants, and this compares them value by value, descending into objects so a
 * change names its attribute path (`omaSettings["./Device/…/Configuration"].value`). Arrays are
 * compared whole — kinds sort them first. `$unknown` parts (ids known only after apply) always count
 * as a change; write-only attributes are compared only when the object is created.
 */
import type { Attributes, Json } from "../resources/types.ts";
import type { AttributeChange } from "./plan-types.ts";

const isObject = (v: unknown): v is { [k: string]: Json } => typeof v === "object" && v !== null && !Array.isArray(v);

/** `{ $unknown: address }`: an id that exists only after apply. */
export function isUnknown(v: unknown): v is { $unknown: string } {
  return isObject(v) && typeof v.$unknown === "string" && Object.keys(v).length === 1;
}

export function isSensitive(v: unknown): v is { $sensitive: true } {
  return isObject(v) && v.$sensitive === true && Object.keys(v).length === 1;
}

/** Whether any part of `v` is known only after apply. */
export function containsUnknown(v: unknown): boolean {
  if (isUnknown(v)) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (isObject(v)) return Object.values(v).some(containsUnknown);
  return false;
}

function containsSensitive(v: unknown): boolean {
  if (isSensitive(v)) return true;
  if (Array.isArray(v)) return v.some(containsSensitive);
  if (isObject(v)) return Object.values(v).some(containsSensitive);
  return false;
}

/** Deep equality of JSON values; object key order does not matter. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

const IDENTIFIER = /^[A-Za-z_@$][\w@.$-]*$/;

/** `a.b`, or `a["./Vendor/MSFT/…"]` when the key is not a plain name. */
export function childPath(parent: string, key: string): string {
  if (!parent) return key;
  return IDENTIFIER.test(key) && !key.includes(".") ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

function topLevelName(path: string): string {
  return /^[^.[]+/.exec(path)?.[0] ?? path;
}

export interface DiffRules {
  immutable: readonly string[];
  writeOnly: readonly string[];
}

function walk(path: string, before: Json | undefined, after: Json | undefined, out: AttributeChange[]): void {
  if (before !== undefined && after !== undefined && isObject(before) && isObject(after) && !isUnknown(after) && !isSensitive(after)) {
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) walk(childPath(path, key), before[key], after[key], out);
    return;
  }
  const unknown = containsUnknown(after);
  if (!unknown && jsonEqual(before ?? null, after ?? null)) return;
  out.push({ path, before: before ?? null, after: after ?? null, ...(unknown ? { knownAfterApply: true } : {}) });
}

/**
 * The changes from `before` (null: the object does not exist yet) to `after` (null: it goes away).
 * Only attribute names present in `after` are compared, so a kind manages exactly what it names.
 */
export function diffAttributes(before: Attributes | null, after: Attributes | null, rules: DiffRules): AttributeChange[] {
  const out: AttributeChange[] = [];
  if (after === null) {
    for (const name of Object.keys(before ?? {}).sort()) if (!rules.writeOnly.includes(name)) out.push({ path: name, before: before![name]!, after: null });
    return out;
  }
  for (const name of Object.keys(after).sort()) {
    const value = after[name]!;
    if (rules.writeOnly.includes(name) || containsSensitive(value)) {
      // Write-only: sent when the object is created, never read back, so never compared.
      if (before === null) out.push({ path: name, before: null, after: null, sensitive: true });
      continue;
    }
    walk(name, before === null ? undefined : before[name], value, out);
  }
  if (before !== null) for (const change of out) if (rules.immutable.includes(topLevelName(change.path))) change.forcesReplacement = true;
  return out;
}
