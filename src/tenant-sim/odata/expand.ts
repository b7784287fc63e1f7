/**
 * `$expand` for the routes that declare what they can expand: parses the option (nested
 * `$expand`/`$select` inside parentheses, as in
 * `scheduledActionsForRule($expand=scheduledActionConfigurations)`), checks each name against the
 * route's expandable navigation properties, and adds each expansion to an item as Graph does — the
 * related entity or collection under the navigation name, plus `<name>@odata.context`
 * (IntuneCD reads `assignments@odata.context` back). Expanded properties stay whatever `$select`
 * says (collection.ts keeps them). A navigation property of the type that the route does not expand
 * is refused with a 400 saying so, never silently left out.
 */
import { GraphGatewayError } from "./select.ts";
import { stripInternal } from "./collection.ts";
import { selectableProperty } from "./entity-properties.ts";
import type { GraphVersion } from "../framework.ts";

export interface ExpandItem {
  /** The navigation property as the client wrote it. */
  name: string;
  /** Nested `$select`, when given. */
  select?: string[];
  /** Nested `$expand` items. */
  expand: ExpandItem[];
}

function expandError(message: string): GraphGatewayError {
  // Graph's OData layer answers these before the workload sees the request (select.ts).
  return new GraphGatewayError(400, "BadRequest", `Parsing OData Select and Expand failed: ${message}`);
}

/** Splits `text` at `separator` characters outside parentheses. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "(") depth++;
    else if (c === ")") {
      depth--;
      if (depth < 0) throw expandError(`Unbalanced parentheses in '${text}'.`);
    } else if (c === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0) throw expandError(`Unbalanced parentheses in '${text}'.`);
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

function parseItem(text: string): ExpandItem {
  const open = text.indexOf("(");
  if (open < 0) return { name: text, expand: [] };
  if (!text.endsWith(")")) throw expandError(`Unexpected text after the options of '${text}'.`);
  const item: ExpandItem = { name: text.slice(0, open).trim(), expand: [] };
  for (const option of splitTopLevel(text.slice(open + 1, -1), ";")) {
    const eq = option.indexOf("=");
    const key = (eq < 0 ? option : option.slice(0, eq)).trim().replace(/^\$/, "").toLowerCase();
    const value = eq < 0 ? "" : option.slice(eq + 1);
    if (key === "expand") item.expand = parseExpandText(value);
    else if (key === "select") item.select = splitTopLevel(value, ",");
    else throw expandError(`The local tenant does not support '$${key}' inside $expand ('${text}').`);
  }
  return item;
}

function parseExpandText(raw: string): ExpandItem[] {
  return splitTopLevel(raw, ",").map(parseItem);
}

/** The `$expand` items of a request; empty without `$expand`. */
export function parseExpand(query: URLSearchParams): ExpandItem[] {
  const raw = query.get("$expand");
  return raw === null ? [] : parseExpandText(raw);
}

/** The top-level navigation names a request expands (kept by `$select` projection). */
export function expandedNames(query: URLSearchParams): string[] {
  const raw = query.get("$expand");
  if (raw === null) return [];
  try {
    return parseExpandText(raw).map((i) => i.name);
  } catch {
    return [];
  }
}

/** What one expandable navigation answers for one parent: an entity, a collection or null, and its context path. */
export interface Expansion {
  value: object | object[] | null;
  /** `@odata.context` fragment, e.g. `deviceManagement/deviceCompliancePolicies('<id>')/assignments`. */
  contextPath: string;
}

/** Loads navigation `item.name` of the parent `parent` (already rendered for the version). */
export type Expander = (parent: Record<string, unknown>, item: ExpandItem) => Expansion;

/**
 * Checks a request's `$expand` against `expanders` (names matched without regard to letter case, as
 * `$select` is): a name the entity type lacks is Graph's 400; a navigation property the route does
 * not expand is a 400 naming the local tenant. Returns the items with the schema's spelling.
 */
export function checkExpand(items: readonly ExpandItem[], entityType: string, version: GraphVersion, expanders: Readonly<Record<string, Expander>>): ExpandItem[] {
  return items.map((item) => {
    const declared = selectableProperty(entityType, version, item.name);
    if (declared === undefined) throw expandError(`Could not find a property named '${item.name}' on type '${entityType}'.`);
    if (!Object.hasOwn(expanders, declared)) throw expandError(`The local tenant does not expand '${declared}' on type '${entityType}'.`);
    return { ...item, name: declared };
  });
}

/** The expanded navigation properties of one parent, each with its `@odata.context`. */
export function expansionsOf(parent: Record<string, unknown>, items: readonly ExpandItem[], expanders: Readonly<Record<string, Expander>>, metadataUrl: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const item of items) {
    const { value, contextPath } = expanders[item.name]!(parent, item);
    out[`${item.name}@odata.context`] = `${metadataUrl}#${contextPath}`;
    out[item.name] = Array.isArray(value) ? value.map((v) => selectFields(stripInternal(v), item.select)) : value === null ? null : selectFields(stripInternal(value), item.select);
  }
  return out;
}

/** A nested `$select` on an expanded item (expanded navigations inside it stay). */
function selectFields(doc: Record<string, unknown>, select: string[] | undefined): Record<string, unknown> {
  if (!select || select.includes("*")) return doc;
  const keep = new Set(select.map((s) => s.toLowerCase()));
  return Object.fromEntries(Object.entries(doc).filter(([k]) => k === "@odata.type" || k.includes("@odata.context") || keep.has(k.toLowerCase()) || keep.has(k.split("@")[0]!.toLowerCase())));
}
