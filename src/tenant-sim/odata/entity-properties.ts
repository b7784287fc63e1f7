/**
 * The property names (structural and navigation, inherited ones included) of every entity type the
 * local tenant serves, per Graph version, from `generated/entity-properties.json` (trimmed from the
 * CSDL and the beta type mappings by `scripts/gen-sim-entity-properties.ts`, so the product needs no
 * reference folder at run time), with the complex types their bodies and the directory actions
 * nest. `$select` and request bodies, nested objects included, are checked against them.
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
  "microsoft.graph.roleScopeTag": "intune",
  "microsoft.graph.roleScopeTagAutoAssignment": "intune",
  "microsoft.graph.roleDefinition": "intune",
  "microsoft.graph.roleAssignment": "intune",
  "microsoft.graph.deviceAndAppManagementAssignmentFilter": "intune",
  "microsoft.graph.deviceCompliancePolicy": "intune",
  "microsoft.graph.deviceCompliancePolicyAssignment": "intune",
  "microsoft.graph.deviceComplianceScheduledActionForRule": "intune",
  "microsoft.graph.deviceManagementConfigurationPolicy": "intune",
  "microsoft.graph.deviceManagementConfigurationSetting": "intune",
  "microsoft.graph.deviceManagementConfigurationPolicyAssignment": "intune",
  "microsoft.graph.mobileApp": "intune",
  "microsoft.graph.mobileAppAssignment": "intune",
  "microsoft.graph.auditEvent": "intune",
  "microsoft.graph.directoryAudit": "directory",
  "microsoft.graph.deviceEnrollmentConfiguration": "intune",
  "microsoft.graph.enrollmentConfigurationAssignment": "intune",
  "microsoft.graph.deviceRegistrationPolicy": "directory",
  "microsoft.graph.mobilityManagementPolicy": "directory",
  "microsoft.graph.invitation": "directory",
} as const satisfies Record<string, "directory" | "intune">;

export type ServedEntityType = keyof typeof SERVED_ENTITY_TYPES;

/** Served types the v1.0 CSDL does not declare (their routes are beta only; the MDM user scope's policy type among them). */
export const BETA_ONLY_ENTITY_TYPES: readonly ServedEntityType[] = [
  "microsoft.graph.roleScopeTag",
  "microsoft.graph.roleScopeTagAutoAssignment",
  "microsoft.graph.deviceAndAppManagementAssignmentFilter",
  "microsoft.graph.deviceManagementConfigurationPolicy",
  "microsoft.graph.deviceManagementConfigurationSetting",
  "microsoft.graph.deviceManagementConfigurationPolicyAssignment",
  "microsoft.graph.mobilityManagementPolicy",
];

/**
 * Types whose `$select` also takes the properties of their derived types: Entra ID resolves
 * `directoryObject` lists (`members`, `memberOf`, `/directoryObjects/{id}`) member by member, so
 * `$select=displayName,userPrincipalName` works there (group-list-members.md examples). Intune does
 * not: a derived type's property on a base-type collection is a 400 (msgraph-beta-sdk-dotnet #563).
 */
export const SELECT_SPANS_DERIVED_TYPES: readonly ServedEntityType[] = ["microsoft.graph.directoryObject"];

/**
 * The directory actions whose bodies the tenant checks, as `bindingType/action` (the key of their
 * generated entry). assignLicense is bound to users and groups (CSDL).
 */
export const DIRECTORY_ACTIONS = ["microsoft.graph.group/assignLicense", "microsoft.graph.user/assignLicense"] as const;

export type DirectoryAction = (typeof DIRECTORY_ACTIONS)[number];

/** Property (or parameter) name → qualified complex type of its value (one object or a collection of them). */
export type ComplexPropertyTypes = Record<string, string>;

/** The generated entry of one entity type in one version. */
export interface EntityPropertyNames {
  properties: string[];
  navigationProperties: string[];
  /** Properties only derived types declare (for `SELECT_SPANS_DERIVED_TYPES`). */
  derivedTypeProperties?: string[];
  /** The structural properties whose values are complex objects (directory types only: their bodies are checked). */
  complexProperties?: ComplexPropertyTypes;
}

/** The generated entry of one complex type in one version. */
export interface ComplexTypeNames {
  /** Declared and inherited property names. */
  properties: string[];
  complexProperties?: ComplexPropertyTypes;
  /** Types derived from this one, which a nested object may name in `@odata.type`. */
  derivedTypes?: string[];
  /** An open type takes any property (`customSecurityAttributeValue`). */
  open?: true;
}

/** The generated entry of one directory action: its parameters whose values are complex objects. */
export interface ActionParameterTypes {
  complexParameters: ComplexPropertyTypes;
}

export type EntityPropertiesFile = Record<GraphVersion, Partial<Record<ServedEntityType, EntityPropertyNames>>> & {
  complexTypes: Record<GraphVersion, Record<string, ComplexTypeNames>>;
  actions: Record<GraphVersion, Partial<Record<DirectoryAction, ActionParameterTypes>>>;
};

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

/**
 * The generated names of complex type `type` in `version`, or undefined when the generator did not
 * reach it (not nested in any checked body).
 */
export function complexTypeNames(type: string, version: GraphVersion): ComplexTypeNames | undefined {
  const table = loadEntityProperties().complexTypes[version];
  const qualified = qualifiedEntityType(type);
  return Object.hasOwn(table, qualified) ? table[qualified] : undefined;
}

/** The complex-typed parameters of a directory action. Throws (a programming error) for an action the generator did not write. */
export function actionComplexParameters(action: DirectoryAction, version: GraphVersion): ComplexPropertyTypes {
  const entry = loadEntityProperties().actions[version][action];
  if (!entry) throw new Error(`no generated parameters for ${action} in ${version}: add it to DIRECTORY_ACTIONS and run scripts/gen-sim-entity-properties.ts`);
  return entry.complexParameters;
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
