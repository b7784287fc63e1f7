/**
 * Writes `src/tenant-sim/generated/entity-properties.json`: the property names (structural and
 * navigation, inherited ones included) of every entity type the local tenant serves
 * (`SERVED_ENTITY_TYPES`), for v1.0 from the CSDL and for beta from the beta type mappings, both
 * read from the reference folder (`$HOLOFLEET_REFERENCE_DIR`, default `<repo>/../shared/reference`)
 * through the conformance checker's parser. Run: `npx tsx scripts/gen-sim-entity-properties.ts`.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import type { GraphVersion } from "../src/tenant-sim/framework.ts";
import { derivedTypeNames, typeProperties } from "../src/tenant-sim/conformance/csdl.ts";
import {
  SELECT_SPANS_DERIVED_TYPES,
  SERVED_ENTITY_TYPES,
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

/** The generated document (without its header), in a stable order. */
export function buildEntityProperties(): EntityPropertiesFile {
  const out: EntityPropertiesFile = { "v1.0": {}, beta: {} };
  for (const version of VERSIONS) {
    for (const type of Object.keys(SERVED_ENTITY_TYPES).sort() as ServedEntityType[]) {
      const names = namesOf(type, version);
      if (!names) continue;
      if (SELECT_SPANS_DERIVED_TYPES.includes(type)) {
        const own = new Set([...names.properties, ...names.navigationProperties]);
        const derived = new Set<string>();
        for (const child of derivedTypeNames(type, version)) for (const name of typeProperties(child, version)?.keys() ?? []) if (!own.has(name)) derived.add(name);
        names.derivedTypeProperties = [...derived].sort();
      }
      out[version][type] = names;
    }
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
  const counts = VERSIONS.map((v) => `${Object.keys(doc[v]).length} ${v}`).join(", ");
  console.log(`wrote entity types (${counts}) to src/tenant-sim/generated/entity-properties.json`);
}
