/**
 * Writes `src/tenant-sim/generated/entity-properties.json`: the property names (structural and
 * navigation, inherited ones included) of every entity type the local tenant serves
 * (`SERVED_ENTITY_TYPES`), and the complex types that the directory types' bodies and the
 * directory actions (`DIRECTORY_ACTIONS`) nest, for v1.0 from the CSDL and for beta from the beta
 * type mappings (property types borrowed from v1.0, as the mappings carry none), both read from the reference folder (`$HOLOFLEET_REFERENCE_DIR`, default `<repo>/../shared/reference`)
 * through the conformance checker's parser. Run: `npx tsx scripts/gen-sim-entity-properties.ts`.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import type { GraphVersion } from "../src/tenant-sim/framework.ts";
import { boundActionParameters, derivedTypeNames, isOpenType, typeProperties, type SchemaProperty } from "../src/tenant-sim/conformance/csdl.ts";
import {
  DIRECTORY_ACTIONS,
  SELECT_SPANS_DERIVED_TYPES,
  SERVED_ENTITY_TYPES,
  type ComplexPropertyTypes,
  type ComplexTypeNames,
  type EntityPropertiesFile,
  type EntityPropertyNames,
  type ServedEntityType,
} from "../src/tenant-sim/odata/entity-properties.ts";

const repoRoot = resolve(fileURLToPath(new URL("..", import.meta.url)));
const outFile = resolve(repoRoot, "src/tenant-sim/generated/entity-properties.json");
const VERSIONS: GraphVersion[] = ["v1.0", "beta"];

function namesOf(type: string, version: GraphVersion): EntityPropertyNames | undefined {
  const props = typeProperties(type, version);
  if (!props) return undefined;
  const entries = [...props];
  return {
    properties: entries.filter(([, p]) => !p.navigation).map(([n]) => n).sort(),
    navigationProperties: entries.filter(([, p]) => p.navigation).map(([n]) => n).sort(),
  };
}

/**
 * The properties whose values are complex objects, by name, in name order. A property whose type the
 * schema does not give (beta-only, type null) is left out: its nested object cannot be checked.
 */
function complexPropertiesOf(props: Map<string, SchemaProperty>, version: GraphVersion): ComplexPropertyTypes | undefined {
  const found = [...props]
    .filter(([, p]) => !p.navigation && p.type !== null && !p.type.startsWith("Edm.") && typeProperties(p.type, version) !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return found.length ? Object.fromEntries(found.map(([name, p]) => [name, p.type as string])) : undefined;
}

/** Every complex type reachable from `roots` (through complex properties and derived types), with its names. */
function complexTypeClosure(roots: Iterable<string>, version: GraphVersion): Record<string, ComplexTypeNames> {
  const found = new Map<string, ComplexTypeNames>();
  const pending = [...roots];
  for (let type = pending.pop(); type !== undefined; type = pending.pop()) {
    if (found.has(type)) continue;
    const props = typeProperties(type, version);
    if (!props) throw new Error(`complex type ${type} is not in the ${version} schema`);
    const entry: ComplexTypeNames = { properties: [...props.keys()].sort() };
    const nested = complexPropertiesOf(props, version);
    if (nested) entry.complexProperties = nested;
    const derived = derivedTypeNames(type, version);
    if (derived.length) entry.derivedTypes = derived;
    if (isOpenType(type, version)) entry.open = true;
    found.set(type, entry);
    pending.push(...Object.values(nested ?? {}), ...derived);
  }
  return Object.fromEntries([...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The generated document (without its header), in a stable order. */
export function buildEntityProperties(): EntityPropertiesFile {
  const out: EntityPropertiesFile = { "v1.0": {}, beta: {}, complexTypes: { "v1.0": {}, beta: {} }, actions: { "v1.0": {}, beta: {} } };
  for (const version of VERSIONS) {
    const roots: string[] = [];
    for (const type of Object.keys(SERVED_ENTITY_TYPES).sort() as ServedEntityType[]) {
      const names = namesOf(type, version);
      if (!names) continue;
      if (SELECT_SPANS_DERIVED_TYPES.includes(type)) {
        const own = new Set([...names.properties, ...names.navigationProperties]);
        const derived = new Set<string>();
        for (const child of derivedTypeNames(type, version)) for (const name of typeProperties(child, version)?.keys() ?? []) if (!own.has(name)) derived.add(name);
        names.derivedTypeProperties = [...derived].sort();
      }
      // Only Entra ID's bodies are checked for undeclared properties, so only theirs nest types here.
      const complex = SERVED_ENTITY_TYPES[type] === "directory" ? complexPropertiesOf(typeProperties(type, version)!, version) : undefined;
      if (complex) {
        names.complexProperties = complex;
        roots.push(...Object.values(complex));
      }
      out[version][type] = names;
    }
    for (const action of DIRECTORY_ACTIONS) {
      const [bindingType = "", name = ""] = action.split("/");
      const parameters = boundActionParameters(bindingType, name, version);
      if (!parameters) throw new Error(`${action} is not a bound action in the ${version} schema`);
      const complexParameters = complexPropertiesOf(parameters, version) ?? {};
      out.actions[version][action] = { complexParameters };
      roots.push(...Object.values(complexParameters));
    }
    out.complexTypes[version] = complexTypeClosure(roots, version);
  }
  return out;
}

const isEntry = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1]);
if (isEntry) {
  const doc = {
    "//": "DO NOT EDIT — run `npx tsx scripts/gen-sim-entity-properties.ts`. Property names from microsoftgraph/msgraph-metadata (MIT): schemas/v1.0-Prod.csdl and schemas/type-mappings/beta-*.json.",
    ...buildEntityProperties(),
  };
  writeFileSync(outFile, JSON.stringify(doc, null, 2) + "\n");
  const counts = VERSIONS.map((v) => `${Object.keys(doc[v]).length} entity and ${Object.keys(doc.complexTypes[v]).length} complex types in ${v}`).join(", ");
  console.log(`wrote ${counts} to src/tenant-sim/generated/entity-properties.json`);
}
