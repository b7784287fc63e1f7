/**
 * Test helper: property names of Graph types, read from the reference folder — the v1.0 CSDL for v1.0
 * entities and complex types, the beta type mappings for beta ones — so tests can prove that every key
 * of a compiled request body exists on the type it is sent as. Null when the reference folder is absent.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { referenceDir } from "./reference-dir.ts";

export interface GraphSchema {
  /** Structural and navigation property names of a `microsoft.graph` type, including inherited ones. */
  properties(typeName: string): Set<string>;
  /** The declared type of a property (`Edm.Int32`, `graph.enablement`, `Collection(Edm.String)`), when known. */
  propertyType?(typeName: string, property: string): string | undefined;
  /** Member names of a `microsoft.graph` enum type. */
  enumMembers?(enumName: string): string[] | undefined;
}

function v1Schema(dir: string): GraphSchema {
  const csdl = readFileSync(path.join(dir, "graph/msgraph-metadata/schemas/v1.0-Prod.csdl"), "utf8");
  const start = csdl.indexOf('<Schema Namespace="microsoft.graph"');
  const end = csdl.indexOf("</Schema>", start);
  const schema = csdl.slice(start, end);
  const types = new Map<string, { base: string | null; props: string[]; propTypes: Map<string, string> }>();
  const enums = new Map<string, string[]>();
  for (const m of schema.matchAll(/<EnumType Name="([^"]+)"[^>]*>([\s\S]*?)<\/EnumType>/g)) {
    enums.set(m[1]!, [...m[2]!.matchAll(/<Member Name="([^"]+)"/g)].map((x) => x[1]!));
  }
  const typeRe = /<(EntityType|ComplexType) Name="([^"]+)"([^>]*?)(\/>|>([\s\S]*?)<\/\1>)/g;
  for (const m of schema.matchAll(typeRe)) {
    const base = /BaseType="graph\.([^"]+)"/.exec(m[3] ?? "")?.[1] ?? null;
    const body = m[5] ?? "";
    const props = [...body.matchAll(/<(?:Navigation)?Property Name="([^"]+)"/g)].map((p) => p[1]!);
    const propTypes = new Map([...body.matchAll(/<(?:Navigation)?Property Name="([^"]+)" Type="([^"]+)"/g)].map((p) => [p[1]!, p[2]!] as [string, string]));
    types.set(m[2]!, { base, props, propTypes });
  }
  return {
    properties(typeName) {
      const out = new Set<string>();
      for (let t: string | null = typeName; t; t = types.get(t)?.base ?? null) {
        const def = types.get(t);
        if (!def) throw new Error(`type ${t} not in the v1.0 CSDL`);
        def.props.forEach((p) => out.add(p));
      }
      return out;
    },
    propertyType(typeName, property) {
      for (let t: string | null = typeName; t; t = types.get(t)?.base ?? null) {
        const found = types.get(t)?.propTypes.get(property);
        if (found) return found;
      }
      return undefined;
    },
    enumMembers: (name) => enums.get(name),
  };
}

function betaSchema(dir: string): GraphSchema {
  const base = path.join(dir, "graph/msgraph-metadata/schemas/type-mappings");
  const read = (f: string) => JSON.parse(readFileSync(path.join(base, f), "utf8"))["microsoft.graph"] as Record<string, { properties: string[]; navigationProperties: string[] }>;
  const all = { ...read("beta-complex-types.json"), ...read("beta-entity-types.json") };
  return {
    properties(typeName) {
      const def = all[typeName];
      if (!def) throw new Error(`type ${typeName} not in the beta type mappings`);
      return new Set([...def.properties, ...def.navigationProperties]);
    },
  };
}

let cached: { v1: GraphSchema; beta: GraphSchema } | null | undefined;

export function graphSchemas(): { v1: GraphSchema; beta: GraphSchema } | null {
  if (cached !== undefined) return cached;
  const dir = referenceDir();
  cached = dir ? { v1: v1Schema(dir), beta: betaSchema(dir) } : null;
  return cached;
}

/** Keys of `body` (recursively for nested objects typed with `@odata.type`) that `schema` does not know. */
export function unknownKeys(schema: GraphSchema, typeName: string, body: Record<string, unknown>): string[] {
  const known = schema.properties(typeName);
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (key === "@odata.type") continue;
    const name = key.endsWith("@odata.bind") ? key.slice(0, -"@odata.bind".length) : key;
    if (!known.has(name)) unknown.push(key);
    if (value && typeof value === "object" && !Array.isArray(value) && typeof (value as Record<string, unknown>)["@odata.type"] === "string") {
      const nested = ((value as Record<string, unknown>)["@odata.type"] as string).replace("#microsoft.graph.", "");
      unknown.push(...unknownKeys(schema, nested, value as Record<string, unknown>).map((k) => `${key}.${k}`));
    }
  }
  return unknown;
}

const TIME_OF_DAY = /^\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?$/;

function isPlaceholder(value: unknown): boolean {
  return !!value && typeof value === "object" && ("$ref" in value || "$resolve" in value);
}

/**
 * Values of `body` whose JSON does not fit the declared v1.0 type: enums must name a member, Int32 an
 * integer, Boolean a boolean, String a string, TimeOfDay `hh:mm:ss[.fffffff]`; nested typed objects are
 * checked too. Placeholders (`$ref`, `$resolve`) are skipped: plan time fills them in.
 */
export function typeProblems(schema: GraphSchema, typeName: string, body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (key.includes("@") || isPlaceholder(value)) continue;
    const declared = schema.propertyType?.(typeName, key);
    if (!declared) continue;
    const collection = /^Collection\((.+)\)$/.exec(declared);
    const items = collection ? (Array.isArray(value) ? value : [Symbol("not an array")]) : [value];
    const type = collection ? collection[1]! : declared;
    for (const item of items) {
      if (isPlaceholder(item)) continue;
      const bad = (what: string) => problems.push(`${key}: ${JSON.stringify(item)} is not ${what}`);
      if (type === "Edm.Int32") {
        if (!Number.isInteger(item)) bad("an Int32");
      } else if (type === "Edm.Boolean") {
        if (typeof item !== "boolean") bad("a Boolean");
      } else if (type === "Edm.String" || type === "Edm.Guid") {
        if (typeof item !== "string") bad("a String");
      } else if (type === "Edm.TimeOfDay") {
        if (typeof item !== "string" || !TIME_OF_DAY.test(item)) bad("a TimeOfDay");
      } else if (type.startsWith("graph.")) {
        const members = schema.enumMembers?.(type.slice("graph.".length));
        if (members) {
          if (typeof item !== "string" || !members.includes(item)) bad(`one of ${members.join(", ")}`);
        } else if (item && typeof item === "object") {
          const odataType = (item as Record<string, unknown>)["@odata.type"];
          const nested = typeof odataType === "string" ? odataType.replace("#microsoft.graph.", "") : type.slice("graph.".length);
          problems.push(...typeProblems(schema, nested, item as Record<string, unknown>).map((p) => `${key}.${p}`));
        }
      }
    }
  }
  return problems;
}
