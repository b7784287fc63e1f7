/**
 * Evaluates a parsed `$filter` against a JSON document. String comparisons ignore case, as Entra's
 * directory does (`userPrincipalName eq 'ADA@…'` finds `ada@…`); GUIDs compare case-insensitively;
 * date-times compare as instants; a type-cast path segment yields null on other types.
 */
import type { FilterExpr, Literal } from "./filter-parser.ts";

type Scope = Map<string, unknown>;

function resolvePath(doc: unknown, segments: string[], scope: Scope): unknown {
  let current: unknown;
  let rest = segments;
  if (scope.has(segments[0]!)) {
    current = scope.get(segments[0]!);
    rest = segments.slice(1);
  } else {
    current = doc;
  }
  for (const seg of rest) {
    if (current === null || typeof current !== "object") return undefined;
    const record = current as Record<string, unknown>;
    // A type cast (`microsoft.graph.managedApp/appAvailability`): the value continues only on an
    // instance of that type; on any other it is null, as OData casts are. Only the exact type named
    // by the instance's `@odata.type` counts (the tenant keeps no type hierarchy at run time).
    if (TYPE_CAST.test(seg)) {
      if (String(record["@odata.type"] ?? "").replace(/^#/, "") !== seg) return undefined;
      continue;
    }
    if (seg in record) current = record[seg];
    else {
      // Property names are case-insensitive in the directory's filter parser.
      const key = Object.keys(record).find((k) => k.toLowerCase() === seg.toLowerCase());
      current = key === undefined ? undefined : record[key];
    }
  }
  return current;
}

const TYPE_CAST = /^microsoft\.graph\.[A-Za-z_]\w*$/;
/** An OData DateTimeOffset literal or stored value (compared as instants, not as text). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

function normalise(v: unknown): unknown {
  return typeof v === "string" ? v.toLowerCase() : v;
}

function equals(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  return normalise(a) === normalise(b);
}

function order(a: unknown, b: unknown): number | undefined {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") {
    if (DATE_TIME.test(a) && DATE_TIME.test(b)) return Date.parse(a) - Date.parse(b);
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return undefined;
}

function value(e: FilterExpr, doc: unknown, scope: Scope): unknown {
  switch (e.kind) {
    case "literal":
      return e.value satisfies Literal;
    case "path":
      return resolvePath(doc, e.segments, scope);
    default:
      return test(e, doc, scope);
  }
}

function test(e: FilterExpr, doc: unknown, scope: Scope): boolean {
  switch (e.kind) {
    case "and":
      return test(e.left, doc, scope) && test(e.right, doc, scope);
    case "or":
      return test(e.left, doc, scope) || test(e.right, doc, scope);
    case "not":
      return !test(e.expr, doc, scope);
    case "compare": {
      const a = value(e.left, doc, scope);
      const b = value(e.right, doc, scope);
      if (e.op === "eq") return equals(a, b);
      if (e.op === "ne") return !equals(a, b);
      const cmp = order(a, b);
      if (cmp === undefined) return false;
      return e.op === "gt" ? cmp > 0 : e.op === "ge" ? cmp >= 0 : e.op === "lt" ? cmp < 0 : cmp <= 0;
    }
    case "in": {
      const a = value(e.left, doc, scope);
      return e.values.some((v) => equals(a, value(v, doc, scope)));
    }
    case "call": {
      const args = e.args.map((a) => value(a, doc, scope));
      const [x, y] = args;
      if (typeof x !== "string" || typeof y !== "string") return false;
      const s = x.toLowerCase();
      const t = y.toLowerCase();
      if (e.name === "startswith") return s.startsWith(t);
      if (e.name === "endswith") return s.endsWith(t);
      if (e.name === "contains") return s.includes(t);
      throw new Error(`unsupported function ${e.name}`);
    }
    case "lambda": {
      const coll = resolvePath(doc, e.collection, scope);
      const items = Array.isArray(coll) ? coll : [];
      if (!e.predicate || !e.variable) return e.quantifier === "any" ? items.length > 0 : true;
      const check = (item: unknown) => test(e.predicate!, doc, new Map(scope).set(e.variable!, item));
      return e.quantifier === "any" ? items.some(check) : items.every(check);
    }
    case "path":
    case "literal":
      return value(e, doc, scope) === true;
  }
}

export function matchesFilter(expr: FilterExpr, doc: unknown): boolean {
  return test(expr, doc, new Map());
}

/** Functions the evaluator implements; anything else is answered as an unsupported query. */
export const SUPPORTED_FUNCTIONS = new Set(["startswith", "endswith", "contains"]);
