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
}

function v1Schema(dir: string): GraphSchema {
  const csdl = readFileSync(path.join(dir, "graph/msgraph-metadata/schemas/v1.0-Prod.csdl"), "utf8");
  const start = csdl.indexOf('<Schema Namespace="microsoft.graph"');
  const end = csdl.indexOf("</Schema>", start);
  const schema = csdl.slice(start, end);
  const types = new Map<string, { base: string | null; props: string[] }>();
  const typeRe = /<(EntityType|ComplexType) Name="([^"]+)"([^>]*?)(\/>|>([\s\S]*?)<\/\1>)/g;
  for (const m of schema.matchAll(typeRe)) {
    const base = /BaseType="graph\.([^"]+)"/.exec(m[3] ?? "")?.[1] ?? null;
    const body = m[5] ?? "";
    const props = [...body.matchAll(/<(?:Navigation)?Property Name="([^"]+)"/g)].map((p) => p[1]!);
    types.set(m[2]!, { base, props });
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
