/**
 * Answers a Graph collection or entity the way Graph does: `$filter`, `$search`, `$orderby`,
 * `$select` (checked against the entity type, select.ts; with the default property sets of
 * directory objects), `$top` up to the collection's maximum, absolute `@odata.nextLink`s with an opaque `$skiptoken`, `$count` and the advanced-query
 * rules that need `ConsistencyLevel: eventual` (graph-facts §9.2, §9.3), and `@odata.context`.
 * Internal fields (`_…`) never leave the tenant.
 */
import { GraphHttpError, type CollectionOptions, type GraphVersion, type SimResult } from "../framework.ts";
import { FilterLimitError, FilterSyntaxError, analyzeFilter, parseFilter, type FilterExpr } from "./filter-parser.ts";
import { SUPPORTED_FUNCTIONS, matchesFilter } from "./filter-eval.ts";
import { expandedNames } from "./expand.ts";
import { parseSelect, SELECT_ALL } from "./select.ts";
import { decodeSkipToken, encodeSkipToken } from "./skiptoken.ts";

export interface ODataRequest {
  version: GraphVersion;
  query: URLSearchParams;
  /** Lower-cased request headers. */
  headers: Record<string, string>;
  baseUrl: string;
  /** The request path under the version, as sent (e.g. `/users`). */
  path: string;
}

/** Operators that make a directory `$filter` an advanced query (graph-facts §9.3). */
const ADVANCED_OPERATORS = new Set(["ne", "not", "endswith", "contains", "gt", "ge", "lt", "le", "all"]);

export function stripInternal(doc: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !k.startsWith("_")));
}

function project(doc: Record<string, unknown>, select: string[] | null | undefined, expanded: readonly string[] = []): Record<string, unknown> {
  if (!select || select.includes(SELECT_ALL)) return doc;
  const out: Record<string, unknown> = {};
  // `@odata.type` stays (derived types need it); anything else, `id` included, only when selected.
  if (doc["@odata.type"] !== undefined) out["@odata.type"] = doc["@odata.type"];
  // Expanded navigations are part of the answer whatever `$select` says (OData `$expand`, expand.ts).
  for (const name of expanded) for (const key of [`${name}@odata.context`, name]) if (key in doc) out[key] = doc[key];
  for (const name of select) {
    const key = name in doc ? name : Object.keys(doc).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key !== undefined) out[key] = doc[key];
  }
  return out;
}

function contextUrl(req: ODataRequest, contextPath: string, select: string[] | undefined, entity: boolean): string {
  const base = contextPath.replace(/\/\$entity$/, "");
  const sel = select && select.length ? `(${select.join(",")})` : "";
  return `${req.baseUrl}/${req.version}/$metadata#${base}${sel}${entity ? "/$entity" : ""}`;
}

function isEventual(req: ODataRequest): boolean {
  return (req.headers["consistencylevel"] ?? "").toLowerCase() === "eventual";
}

function resourceName(contextPath: string): string {
  const last = contextPath.split("/").filter(Boolean).pop() ?? contextPath;
  const singular = last.endsWith("s") ? last.slice(0, -1) : last;
  return singular.charAt(0).toUpperCase() + singular.slice(1);
}

function parseTop(req: ODataRequest, options: CollectionOptions): number {
  const raw = req.query.get("$top");
  if (raw === null) return options.defaultTop;
  const top = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || top < 1 || top > options.maxTop)
    throw new GraphHttpError(
      400,
      "Request_BadRequest",
      `Invalid page size specified: '${raw}'. Must be between 1 and ${options.maxTop} inclusive.`,
    );
  return top;
}

/** A filter as quoted in an error message: at most 200 characters of it. */
function excerpt(raw: string): string {
  return raw.length > 200 ? `${raw.slice(0, 200)}…` : raw;
}

function compileFilter(req: ODataRequest, options: CollectionOptions, advancedAllowed: boolean): FilterExpr | undefined {
  const raw = req.query.get("$filter");
  if (raw === null || raw.trim() === "") return undefined;
  let expr: FilterExpr;
  try {
    expr = parseFilter(raw);
  } catch (err) {
    if (err instanceof FilterLimitError) throw new GraphHttpError(400, "BadRequest", `Invalid filter clause: ${err.message}`);
    if (err instanceof FilterSyntaxError)
      throw new GraphHttpError(400, "BadRequest", `Invalid filter clause: ${err.message} at position ${err.position} in '${excerpt(raw)}'.`);
    throw err;
  }
  const usage = analyzeFilter(expr);
  for (const fn of usage.operators) {
    if (!["and", "or", "not", "eq", "ne", "gt", "ge", "lt", "le", "in", "any", "all"].includes(fn) && !SUPPORTED_FUNCTIONS.has(fn))
      throw new GraphHttpError(400, "BadRequest", `Invalid filter clause: unknown function '${fn}'.`);
  }
  if (options.advancedQueryNeedsEventual && !advancedAllowed) {
    const resource = resourceName(options.contextPath);
    for (const op of usage.operators) {
      if (ADVANCED_OPERATORS.has(op))
        throw new GraphHttpError(400, "Request_UnsupportedQuery", `Unsupported or invalid query filter clause specified for property '${[...usage.properties][0] ?? ""}' of resource '${resource}'.`);
    }
    const basic = options.basicFilterProperties;
    if (basic) {
      const allowed = new Set(basic.map((p) => p.toLowerCase()));
      for (const prop of usage.properties)
        if (!allowed.has(prop.toLowerCase()))
          throw new GraphHttpError(400, "Request_UnsupportedQuery", `Unsupported or invalid query filter clause specified for property '${prop}' of resource '${resource}'.`);
    }
  }
  return expr;
}

/** `$search="displayName:ada" OR "mail:ada"`: each clause matches a word of the property by prefix. */
function compileSearch(raw: string): (doc: Record<string, unknown>) => boolean {
  const clauses = [...raw.matchAll(/"([^":]+):([^"]*)"|\b(AND|OR)\b/g)];
  const terms: { prop: string; value: string }[] = [];
  const joins: string[] = [];
  for (const m of clauses) {
    if (m[3]) joins.push(m[3]);
    else terms.push({ prop: m[1]!, value: m[2]!.toLowerCase() });
  }
  if (!terms.length) throw new GraphHttpError(400, "Request_UnsupportedQuery", `Syntax error: '${raw}' is not a valid $search clause; use "property:value".`);
  const any = joins.includes("OR");
  return (doc) => {
    const hit = (t: { prop: string; value: string }) => {
      const v = doc[t.prop];
      return typeof v === "string" && v.toLowerCase().split(/[\s@._-]+/).some((w) => w.startsWith(t.value));
    };
    return any ? terms.some(hit) : terms.every(hit);
  };
}

function compileOrderBy(raw: string): (a: Record<string, unknown>, b: Record<string, unknown>) => number {
  const keys = raw.split(",").map((part) => {
    const [prop, dir] = part.trim().split(/\s+/);
    return { prop: prop ?? "", desc: (dir ?? "").toLowerCase() === "desc" };
  });
  return (a, b) => {
    for (const k of keys) {
      const x = a[k.prop];
      const y = b[k.prop];
      if (x === y) continue;
      if (x === undefined || x === null) return k.desc ? 1 : -1;
      if (y === undefined || y === null) return k.desc ? -1 : 1;
      const cmp = String(x).toLowerCase() < String(y).toLowerCase() ? -1 : String(x).toLowerCase() > String(y).toLowerCase() ? 1 : 0;
      if (cmp !== 0) return k.desc ? -cmp : cmp;
    }
    return 0;
  };
}

export function answerCollection(req: ODataRequest, items: readonly object[], options: CollectionOptions): SimResult {
  const eventual = isEventual(req);
  const countRequested = (req.query.get("$count") ?? "").toLowerCase() === "true";
  // Advanced queries need both the header and $count=true (graph-facts §9.3).
  const advancedAllowed = !options.advancedQueryNeedsEventual || (eventual && countRequested);
  const search = req.query.get("$search");
  const orderBy = req.query.get("$orderby");

  if (search !== null && options.advancedQueryNeedsEventual && !eventual)
    throw new GraphHttpError(
      400,
      "Request_UnsupportedQuery",
      "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    );
  const select = parseSelect(req.query, req.version, options.entityType);
  const top = parseTop(req, options);
  const filter = compileFilter(req, options, advancedAllowed);
  if (orderBy !== null && filter && options.advancedQueryNeedsEventual && !advancedAllowed)
    throw new GraphHttpError(400, "Request_UnsupportedQuery", "Sorting not supported for current query.");

  // Without a filter, search or order the page is a slice of the items as they are, so only the page's items are
  // stripped of internal fields: a large collection is not copied whole for every page read through it.
  const shaped = filter !== undefined || search !== null || orderBy !== null;
  let docs: readonly object[] = items;
  if (shaped) {
    let stripped = items.map(stripInternal);
    if (filter) stripped = stripped.filter((d) => matchesFilter(filter, d));
    if (search !== null) stripped = stripped.filter(compileSearch(search));
    if (orderBy !== null) stripped = [...stripped].sort(compileOrderBy(orderBy));
    docs = stripped;
  }

  const skipToken = req.query.get("$skiptoken");
  let offset = 0;
  if (skipToken !== null) {
    const decoded = decodeSkipToken(skipToken);
    if (decoded === undefined) throw new GraphHttpError(400, "Request_BadRequest", "The specified page token value has expired or is invalid.");
    offset = decoded;
  }
  const page = docs.slice(offset, offset + top).map((d) => (shaped ? (d as Record<string, unknown>) : stripInternal(d)));
  const body: Record<string, unknown> = { "@odata.context": contextUrl(req, options.contextPath, select, false) };
  // $count=true without the header is silently ignored on directory collections (graph-facts §9.3);
  // the count appears on the first page only (§9.2).
  const countAllowed = !options.advancedQueryNeedsEventual || eventual;
  if (countRequested && countAllowed && skipToken === null) body["@odata.count"] = docs.length;
  if (offset + top < docs.length) {
    const next = new URLSearchParams();
    for (const [k, v] of req.query) if (k !== "$skiptoken") next.append(k, v);
    const qs = [...next].map(([k, v]) => `${k}=${encodeQueryValue(v)}`);
    qs.push(`$skiptoken=${encodeURIComponent(encodeSkipToken(offset + top))}`);
    body["@odata.nextLink"] = `${req.baseUrl}/${req.version}${req.path}?${qs.join("&")}`;
  }
  const expanded = expandedNames(req.query);
  body.value = page.map((d) => project(d, select ?? options.defaultSelect, expanded));
  return { status: 200, body };
}

/** Query values keep `$`, `,`, `/`, `:` and `'` readable, as Graph's own nextLinks do. */
function encodeQueryValue(v: string): string {
  return encodeURIComponent(v).replace(/%24/g, "$").replace(/%2C/gi, ",").replace(/%2F/gi, "/").replace(/%3A/gi, ":").replace(/'/g, "%27");
}

/**
 * `GET <collection>/$count`: the number of matching items as `text/plain`. Directory collections
 * need `ConsistencyLevel: eventual` (else 400 "$count is not currently supported.", graph-facts
 * §9.3); with it, advanced filters are allowed because the count is the point of the request.
 */
export function answerCount(req: ODataRequest, items: readonly object[], options: CollectionOptions): SimResult {
  const eventual = isEventual(req);
  if (options.advancedQueryNeedsEventual && !eventual)
    throw new GraphHttpError(400, "Request_BadRequest", "$count is not currently supported.");
  const filter = compileFilter(req, options, true);
  const search = req.query.get("$search");
  let docs = items.map(stripInternal);
  if (filter) docs = docs.filter((d) => matchesFilter(filter, d));
  if (search !== null) docs = docs.filter(compileSearch(search));
  return { status: 200, body: String(docs.length), headers: { "content-type": "text/plain;charset=utf-8" } };
}

export function answerEntity(
  req: ODataRequest,
  item: object,
  contextPath: string,
  defaultSelect?: string[] | null,
  entityType?: string,
): SimResult {
  const select = parseSelect(req.query, req.version, entityType);
  const doc = project(stripInternal(item), select ?? defaultSelect, expandedNames(req.query));
  return { status: 200, body: { "@odata.context": contextUrl(req, contextPath, select, true), ...doc } };
}
