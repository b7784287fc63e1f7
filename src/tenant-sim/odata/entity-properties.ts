/**
 * The property names (structural and navigation, inherited ones included) of every entity type the
 * local tenant serves, per Graph version, from `generated/entity-properties.json` (trimmed from the
 * CSDL and the beta type mappings by `scripts/gen-sim-entity-properties.ts`, so the product needs no
 * reference folder at run time). `$select` and request bodies are checked against them.
 */
import { readFileSync } from "node:fs";
import type { GraphVersion } from "../framework.ts";

/**
 * The entity types the tenant's routes answer with, and the service behind each: Entra ID
 * (`directory`) or Intune (`intune`), whose OData errors differ (graph-facts §9.6).
 */
export const SERVED_ENTITY_TYPES = {
  "microsoft.graph.organization": "directory",
  "microsoft.graph.domain": "directory",
  "microsoft.graph.subscribedSku": "directory",
  "microsoft.graph.user": "directory",
  "microsoft.graph.licenseDetails": "directory",
  "microsoft.graph.directoryObject": "directory",
  "microsoft.graph.group": "directory",
  "microsoft.graph.device": "directory",
  "microsoft.graph.deviceConfiguration": "intune",
  "microsoft.graph.deviceConfigurationAssignment": "intune",
  "microsoft.graph.deviceConfigurationDeviceStatus": "intune",
  "microsoft.graph.deviceConfigurationDeviceOverview": "intune",
  "microsoft.graph.managedDevice": "intune",
  "microsoft.graph.deviceConfigurationState": "intune",
  "microsoft.graph.importedWindowsAutopilotDeviceIdentity": "intune",
  "microsoft.graph.windowsAutopilotDeviceIdentity": "intune",
  "microsoft.graph.windowsAutopilotDeploymentProfile": "intune",
  "microsoft.graph.windowsAutopilotDeploymentProfileAssignment": "intune",
} as const satisfies Record<string, "directory" | "intune">;

export type ServedEntityType = keyof typeof SERVED_ENTITY_TYPES;

/**
 * Types whose `$select` also takes the properties of their derived types: Entra ID resolves
 * `directoryObject` lists (`members`, `memberOf`, `/directoryObjects/{id}`) member by member, so
 * `$select=displayName,userPrincipalName` works there (group-list-members.md examples). Intune does
 * not: a derived type's property on a base-type collection is a 400 (msgraph-beta-sdk-dotnet #563).
 */
export const SELECT_SPANS_DERIVED_TYPES: readonly ServedEntityType[] = ["microsoft.graph.directoryObject"];

/** The generated entry of one entity type in one version. */
export interface EntityPropertyNames {
  properties: string[];
  navigationProperties: string[];
  /** Properties only derived types declare (for `SELECT_SPANS_DERIVED_TYPES`). */
  derivedTypeProperties?: string[];
}

export type EntityPropertiesFile = Record<GraphVersion, Partial<Record<ServedEntityType, EntityPropertyNames>>>;

let loaded: EntityPropertiesFile | undefined;
const lowerCaseIndex = new Map<string, Map<string, string>>();

export function loadEntityProperties(): EntityPropertiesFile {
  loaded ??= JSON.parse(readFileSync(new URL("../generated/entity-properties.json", import.meta.url), "utf8")) as EntityPropertiesFile;
  return loaded;
}

/** `user` and `microsoft.graph.user` both name `microsoft.graph.user`. */
export function qualifiedEntityType(name: string): string {
  return name.includes(".") ? name : `microsoft.graph.${name}`;
}

/**
 * The generated names of `type` in `version`. Throws (a programming error, not a client error) for
 * a type the generator did not write: add it to `SERVED_ENTITY_TYPES` and run the generator.
 */
export function entityPropertyNames(type: string, version: GraphVersion): EntityPropertyNames {
  const qualified = qualifiedEntityType(type);
  const entry = loadEntityProperties()[version][qualified as ServedEntityType];
  if (!entry) throw new Error(`no generated properties for ${qualified} in ${version}: add it to SERVED_ENTITY_TYPES and run scripts/gen-sim-entity-properties.ts`);
  return entry;
}

/** Whether `name` is a structural or navigation property `type` declares or inherits (case-sensitive, as JSON bodies are). */
export function isDeclaredProperty(type: string, version: GraphVersion, name: string): boolean {
  const entry = entityPropertyNames(type, version);
  return entry.properties.includes(name) || entry.navigationProperties.includes(name);
}

/** Whether `name` is a navigation property of `type` (case-sensitive). */
export function isNavigationProperty(type: string, version: GraphVersion, name: string): boolean {
  return entityPropertyNames(type, version).navigationProperties.includes(name);
}

/**
 * The property a `$select` item names, in the schema's spelling, or undefined when `type` has no
 * such property. Graph matches `$select` names without regard to letter case (`DisplayName` works).
 */
export function selectableProperty(type: string, version: GraphVersion, name: string): string | undefined {
  const qualified = qualifiedEntityType(type);
  const key = `${version} ${qualified}`;
  let index = lowerCaseIndex.get(key);
  if (!index) {
    const entry = entityPropertyNames(qualified, version);
    index = new Map();
    for (const list of [entry.derivedTypeProperties ?? [], entry.navigationProperties, entry.properties])
      for (const p of list) index.set(p.toLowerCase(), p);
    lowerCaseIndex.set(key, index);
  }
  return index.get(name.toLowerCase());
}

/** The service whose OData errors `type` answers with. */
export function serviceOf(type: string): "directory" | "intune" {
  return SERVED_ENTITY_TYPES[qualifiedEntityType(type) as ServedEntityType] ?? "directory";
}
