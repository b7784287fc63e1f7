/**
 * CSDL conformance checker (a TEST utility): does a JSON entity the local tenant returns match
 * Microsoft Graph's schema? v1.0 is checked against the v1.0 CSDL (names, EDM types, nullability,
 * enum members, derived types via `@odata.type`); beta against the beta type mappings (names and
 * enum members; types borrowed from v1.0 where the property exists there). Needs the reference
 * folder (`../shared/reference/graph/`), so the product never imports this at run time.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { XMLParser } from "fast-xml-parser";

export type CsdlVersion = "v1.0" | "beta";

export type CsdlProblemCode =
  | "unknownType"
  | "unknownProperty"
  | "wrongType"
  | "missingRequired"
  | "nullNotAllowed"
  | "badEnumValue"
  | "abstractWithoutODataType"
  | "notDerivedType";

export interface CsdlProblem {
  /** JSON path of the offending value, e.g. `$.omaSettings[0].value`. */
  path: string;
  code: CsdlProblemCode;
  message: string;
}

export interface CheckOptions {
  /**
   * Skip the required-property check: for `$select` responses and for Graph's sparse answers
   * (a PATCH body, a create response with the default property set).
   */
  partial?: boolean;
  /**
   * Required properties Graph itself leaves out of a full read (e.g. `user.birthday` and `hireDate`
   * come only with an explicit `$select`); listed by name, at any depth.
   */
  ignoreMissing?: string[];
}

interface PropertyDef {
  /** Fully qualified type (`Edm.String`, `microsoft.graph.omaSetting`) or null when unknown (beta-only). */
  type: string | null;
  collection: boolean;
  nullable: boolean;
  navigation: boolean;
}

interface StructuredTypeDef {
  kind: "entity" | "complex";
  name: string;
  baseType: string | null;
  abstract: boolean;
  /** `OpenType="true"`: instances may carry properties the type does not declare. */
  open: boolean;
  properties: Map<string, PropertyDef>;
}

/** A bound action: the type it binds to and its other parameters (as properties of a body). */
interface BoundActionDef {
  bindingType: string;
  parameters: Map<string, PropertyDef>;
}

interface EnumTypeDef {
  name: string;
  members: Set<string>;
  flags: boolean;
}

interface CsdlModel {
  version: CsdlVersion;
  structured: Map<string, StructuredTypeDef>;
  enums: Map<string, EnumTypeDef>;
  /** Derived types by base type name (direct children only). */
  derived: Map<string, string[]>;
  /** Bound actions by qualified name (`microsoft.graph.assignLicense`), one per binding type. */
  actions: Map<string, BoundActionDef[]>;
}

const GRAPH_NS = "microsoft.graph";

/** The reference folder: `HOLOFLEET_REFERENCE_DIR`, else `<repoRoot>/../shared/reference`. */
export function referenceDir(): string {
  const fromEnv = process.env.HOLOFLEET_REFERENCE_DIR;
  if (fromEnv) return fromEnv;
  return fileURLToPath(new URL("../../../../shared/reference/", import.meta.url));
}

function metadataDir(): string {
  return join(referenceDir(), "graph", "msgraph-metadata");
}

/** True when the CSDL and the beta type mappings exist (they do in CI); tests skip otherwise. */
export function hasCsdlReference(): boolean {
  return (
    existsSync(join(metadataDir(), "schemas", "v1.0-Prod.csdl")) &&
    existsSync(join(metadataDir(), "schemas", "type-mappings", "beta-entity-types.json"))
  );
}

// ─── loading the v1.0 CSDL ───────────────────────────────────────────────────

interface XmlProperty { Name: string; Type: string; Nullable?: string }
interface XmlStructured {
  Name: string;
  BaseType?: string;
  Abstract?: string;
  OpenType?: string;
  Property?: XmlProperty[];
  NavigationProperty?: XmlProperty[];
}
interface XmlEnum { Name: string; IsFlags?: string; Member?: { Name: string }[] }
interface XmlAction { Name: string; IsBound?: string; Parameter?: XmlProperty[] }
interface XmlSchema {
  Namespace: string;
  Alias?: string;
  EntityType?: XmlStructured[];
  ComplexType?: XmlStructured[];
  EnumType?: XmlEnum[];
  Action?: XmlAction[];
}

const ARRAY_TAGS = new Set([
  "Schema", "EntityType", "ComplexType", "EnumType", "Property", "NavigationProperty", "Member", "Action", "Parameter",
]);

function parseTypeRef(raw: string, aliases: Map<string, string>): { type: string; collection: boolean } {
  const collection = raw.startsWith("Collection(") && raw.endsWith(")");
  const inner = collection ? raw.slice("Collection(".length, -1) : raw;
  return { type: qualify(inner, aliases), collection };
}

/** Replaces a schema alias prefix (`graph.`) with its namespace (`microsoft.graph.`). */
function qualify(name: string, aliases: Map<string, string>): string {
  if (name.startsWith("Edm.")) return name;
  const dot = name.indexOf(".");
  if (dot > 0) {
    const namespace = aliases.get(name.slice(0, dot));
    if (namespace) return `${namespace}${name.slice(dot)}`;
  }
  return name;
}

function loadV1Model(): CsdlModel {
  // fast-xml-parser instead of a hand-written reader: the file is 3 MiB of namespaced EDMX.
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    removeNSPrefix: true,
    isArray: (tag) => ARRAY_TAGS.has(tag),
  });
  const xml = readFileSync(join(metadataDir(), "schemas", "v1.0-Prod.csdl"), "utf8");
  const doc = parser.parse(xml) as { Edmx: { DataServices: { Schema: XmlSchema[] } } };
  const schemas = doc.Edmx.DataServices.Schema;
  const aliases = new Map<string, string>();
  for (const schema of schemas) if (schema.Alias) aliases.set(schema.Alias, schema.Namespace);

  const model: CsdlModel = { version: "v1.0", structured: new Map(), enums: new Map(), derived: new Map(), actions: new Map() };
  for (const schema of schemas) {
    const addStructured = (kind: "entity" | "complex", xmlType: XmlStructured) => {
      const name = `${schema.Namespace}.${xmlType.Name}`;
      const properties = new Map<string, PropertyDef>();
      for (const p of xmlType.Property ?? []) {
        const ref = parseTypeRef(p.Type, aliases);
        properties.set(p.Name, { ...ref, nullable: p.Nullable !== "false", navigation: false });
      }
      for (const p of xmlType.NavigationProperty ?? []) {
        const ref = parseTypeRef(p.Type, aliases);
        properties.set(p.Name, { ...ref, nullable: true, navigation: true });
      }
      model.structured.set(name, {
        kind,
        name,
        baseType: xmlType.BaseType ? qualify(xmlType.BaseType, aliases) : null,
        abstract: xmlType.Abstract === "true",
        open: xmlType.OpenType === "true",
        properties,
      });
    };
    for (const t of schema.EntityType ?? []) addStructured("entity", t);
    for (const t of schema.ComplexType ?? []) addStructured("complex", t);
    for (const e of schema.EnumType ?? []) {
      const name = `${schema.Namespace}.${e.Name}`;
      model.enums.set(name, {
        name,
        members: new Set((e.Member ?? []).map((m) => m.Name)),
        flags: e.IsFlags === "true",
      });
    }
    for (const a of schema.Action ?? []) {
      // The first parameter of a bound action is the binding parameter (OData CSDL §12.1.1).
      const [binding, ...rest] = a.Parameter ?? [];
      if (a.IsBound !== "true" || !binding) continue;
      const parameters = new Map<string, PropertyDef>();
      for (const p of rest) parameters.set(p.Name, { ...parseTypeRef(p.Type, aliases), nullable: p.Nullable !== "false", navigation: false });
      const name = `${schema.Namespace}.${a.Name}`;
      model.actions.set(name, [...(model.actions.get(name) ?? []), { bindingType: parseTypeRef(binding.Type, aliases).type, parameters }]);
    }
  }
  indexDerived(model);
  return model;
}

function indexDerived(model: CsdlModel): void {
  for (const t of model.structured.values()) {
    if (!t.baseType) continue;
    const list = model.derived.get(t.baseType) ?? [];
    list.push(t.name);
    model.derived.set(t.baseType, list);
  }
}

// ─── loading the beta type mappings ──────────────────────────────────────────

type NameMapping = Record<string, Record<string, { properties: string[]; navigationProperties: string[] }>>;
type EnumMapping = Record<string, Record<string, string[]>>;

/**
 * Base types of beta-only types, which the type mappings (names only) do not carry. Each entry is
 * from the beta resource docs (`api-reference/beta/resources/intune-enrollment-*.md`: "Inherits from").
 */
const BETA_ONLY_BASE_TYPES: Record<string, string> = {
  "microsoft.graph.azureADWindowsAutopilotDeploymentProfile": "microsoft.graph.windowsAutopilotDeploymentProfile",
  "microsoft.graph.activeDirectoryWindowsAutopilotDeploymentProfile": "microsoft.graph.windowsAutopilotDeploymentProfile",
  "microsoft.graph.windowsAutopilotDeploymentProfileAssignment": "microsoft.graph.entity",
  // Intune entities that exist only in beta; each is keyed by `id` (the beta resource pages list it,
  // and the beta CSDL derives them from graph.entity, which the type mappings do not record).
  "microsoft.graph.roleScopeTag": "microsoft.graph.entity",
  "microsoft.graph.roleScopeTagAutoAssignment": "microsoft.graph.entity",
  "microsoft.graph.deviceAndAppManagementAssignmentFilter": "microsoft.graph.entity",
  "microsoft.graph.deviceManagementConfigurationPolicy": "microsoft.graph.entity",
  "microsoft.graph.deviceManagementConfigurationSetting": "microsoft.graph.entity",
  "microsoft.graph.deviceManagementConfigurationPolicyAssignment": "microsoft.graph.entity",
  // The settings catalog's polymorphic values (beta resource pages: "Inherits from …").
  "microsoft.graph.deviceManagementConfigurationChoiceSettingInstance": "microsoft.graph.deviceManagementConfigurationSettingInstance",
  "microsoft.graph.deviceManagementConfigurationChoiceSettingCollectionInstance": "microsoft.graph.deviceManagementConfigurationSettingInstance",
  "microsoft.graph.deviceManagementConfigurationSimpleSettingInstance": "microsoft.graph.deviceManagementConfigurationSettingInstance",
  "microsoft.graph.deviceManagementConfigurationSimpleSettingCollectionInstance": "microsoft.graph.deviceManagementConfigurationSettingInstance",
  "microsoft.graph.deviceManagementConfigurationGroupSettingInstance": "microsoft.graph.deviceManagementConfigurationSettingInstance",
  "microsoft.graph.deviceManagementConfigurationGroupSettingCollectionInstance": "microsoft.graph.deviceManagementConfigurationSettingInstance",
  "microsoft.graph.deviceManagementConfigurationSettingGroupInstance": "microsoft.graph.deviceManagementConfigurationSettingInstance",
  "microsoft.graph.deviceManagementConfigurationSettingGroupCollectionInstance": "microsoft.graph.deviceManagementConfigurationSettingInstance",
  "microsoft.graph.deviceManagementConfigurationChoiceSettingValue": "microsoft.graph.deviceManagementConfigurationSettingValue",
  "microsoft.graph.deviceManagementConfigurationGroupSettingValue": "microsoft.graph.deviceManagementConfigurationSettingValue",
  "microsoft.graph.deviceManagementConfigurationSimpleSettingValue": "microsoft.graph.deviceManagementConfigurationSettingValue",
  "microsoft.graph.deviceManagementConfigurationIntegerSettingValue": "microsoft.graph.deviceManagementConfigurationSimpleSettingValue",
  "microsoft.graph.deviceManagementConfigurationStringSettingValue": "microsoft.graph.deviceManagementConfigurationSimpleSettingValue",
  // intune-onboarding-deviceenrollmentplatformrestrictionconfiguration.md, intune-onboarding-windowsrestoredeviceenrollmentconfiguration.md
  "microsoft.graph.deviceEnrollmentPlatformRestrictionConfiguration": "microsoft.graph.deviceEnrollmentConfiguration",
  "microsoft.graph.windowsRestoreDeviceEnrollmentConfiguration": "microsoft.graph.deviceEnrollmentConfiguration",
  // mobilitymanagementpolicy.md, mobiledevicemanagementpolicy.md ("Inherits from mobilityManagementPolicy")
  "microsoft.graph.mobilityManagementPolicy": "microsoft.graph.entity",
  "microsoft.graph.mobileDeviceManagementPolicy": "microsoft.graph.mobilityManagementPolicy",
};

/**
 * Beta-only properties (absent from v1.0) whose type the mappings cannot tell; keyed `type.property`.
 * From the beta resource docs (`intune-enrollment-windowsautopilotdeploymentprofile`, `…assignment`,
 * `…deviceidentity`, `intune-deviceconfig-omasetting`). Other beta-only properties are checked by name.
 */
const BETA_ONLY_PROPERTY_TYPES: Record<string, Omit<PropertyDef, "navigation">> = {
  "microsoft.graph.windowsAutopilotDeploymentProfile.outOfBoxExperienceSettings":
    { type: "microsoft.graph.outOfBoxExperienceSettings", collection: false, nullable: true },
  "microsoft.graph.windowsAutopilotDeploymentProfileAssignment.target":
    { type: "microsoft.graph.deviceAndAppManagementAssignmentTarget", collection: false, nullable: true },
  "microsoft.graph.windowsAutopilotDeploymentProfileAssignment.source":
    { type: "microsoft.graph.deviceAndAppManagementAssignmentSource", collection: false, nullable: false },
  "microsoft.graph.windowsAutopilotDeviceIdentity.deploymentProfileAssignmentStatus":
    { type: "microsoft.graph.windowsAutopilotProfileAssignmentStatus", collection: false, nullable: false },
  "microsoft.graph.omaSetting.isEncrypted": { type: "Edm.Boolean", collection: false, nullable: false },
  "microsoft.graph.omaSetting.secretReferenceValueId": { type: "Edm.String", collection: false, nullable: true },
  // intune-shared-deviceenrollmentconfiguration.md, intune-onboarding-windows10enrollmentcompletionpageconfiguration.md,
  // intune-onboarding-deviceenrollmentplatformrestrictionconfiguration.md (beta)
  "microsoft.graph.deviceEnrollmentConfiguration.deviceEnrollmentConfigurationType":
    { type: "microsoft.graph.deviceEnrollmentConfigurationType", collection: false, nullable: false },
  "microsoft.graph.deviceEnrollmentConfiguration.roleScopeTagIds": { type: "Edm.String", collection: true, nullable: true },
  ...Object.fromEntries(
    ["allowDeviceResetOnInstallFailure", "allowDeviceUseOnInstallFailure", "allowLogCollectionOnInstallFailure", "blockDeviceSetupRetryByUser",
      "disableUserStatusTrackingAfterFirstUser", "installQualityUpdates", "showInstallationProgress", "trackInstallProgressForAutopilotOnly"].map(
      (p) => [`microsoft.graph.windows10EnrollmentCompletionPageConfiguration.${p}`, { type: "Edm.Boolean", collection: false, nullable: false }],
    ),
  ),
  "microsoft.graph.windows10EnrollmentCompletionPageConfiguration.installProgressTimeoutInMinutes": { type: "Edm.Int32", collection: false, nullable: false },
  "microsoft.graph.windows10EnrollmentCompletionPageConfiguration.customErrorMessage": { type: "Edm.String", collection: false, nullable: true },
  "microsoft.graph.windows10EnrollmentCompletionPageConfiguration.selectedMobileAppIds": { type: "Edm.String", collection: true, nullable: true },
  "microsoft.graph.deviceEnrollmentPlatformRestrictionConfiguration.platformRestriction":
    { type: "microsoft.graph.deviceEnrollmentPlatformRestriction", collection: false, nullable: true },
  "microsoft.graph.deviceEnrollmentPlatformRestrictionConfiguration.platformType":
    { type: "microsoft.graph.enrollmentRestrictionPlatformType", collection: false, nullable: false },
  "microsoft.graph.enrollmentConfigurationAssignment.source": { type: "microsoft.graph.deviceAndAppManagementAssignmentSource", collection: false, nullable: false },
  // mobilitymanagementpolicy.md (beta)
  "microsoft.graph.mobilityManagementPolicy.appliesTo": { type: "microsoft.graph.policyScope", collection: false, nullable: false },
  "microsoft.graph.mobilityManagementPolicy.isValid": { type: "Edm.Boolean", collection: false, nullable: true },
  "microsoft.graph.mobilityManagementPolicy.includedGroups": { type: "microsoft.graph.group", collection: true, nullable: true },
};

function loadBetaModel(v1: CsdlModel): CsdlModel {
  const dir = join(metadataDir(), "schemas", "type-mappings");
  const read = <T>(file: string): T => JSON.parse(readFileSync(join(dir, file), "utf8")) as T;
  const entities = read<NameMapping>("beta-entity-types.json");
  const complexes = read<NameMapping>("beta-complex-types.json");
  const enums = read<EnumMapping>("beta-enum-types.json");

  // The type mappings carry no actions: beta's bound actions are read from v1.0 (where a directory
  // action the tenant serves exists in both, as assignLicense does).
  const model: CsdlModel = { version: "beta", structured: new Map(), enums: new Map(), derived: new Map(), actions: v1.actions };
  const add = (kind: "entity" | "complex", namespace: string, short: string, names: { properties: string[]; navigationProperties: string[] }) => {
    const name = `${namespace}.${short}`;
    const v1Type = v1.structured.get(name);
    const properties = new Map<string, PropertyDef>();
    const declare = (prop: string, navigation: boolean) => {
      const known = v1Type?.properties.get(prop);
      const betaOnly = BETA_ONLY_PROPERTY_TYPES[`${name}.${prop}`];
      if (known) properties.set(prop, { ...known, navigation });
      else if (betaOnly) properties.set(prop, { ...betaOnly, navigation });
      else properties.set(prop, { type: null, collection: false, nullable: true, navigation });
    };
    for (const p of names.properties) declare(p, false);
    for (const p of names.navigationProperties) declare(p, true);
    model.structured.set(name, {
      kind,
      name,
      baseType: v1Type?.baseType ?? BETA_ONLY_BASE_TYPES[name] ?? null,
      abstract: v1Type?.abstract ?? false,
      open: v1Type?.open ?? false,
      properties,
    });
  };
  for (const [namespace, types] of Object.entries(entities)) {
    for (const [short, names] of Object.entries(types)) add("entity", namespace, short, names);
  }
  for (const [namespace, types] of Object.entries(complexes)) {
    for (const [short, names] of Object.entries(types)) add("complex", namespace, short, names);
  }
  for (const [namespace, types] of Object.entries(enums)) {
    for (const [short, members] of Object.entries(types)) {
      const name = `${namespace}.${short}`;
      model.enums.set(name, { name, members: new Set(members), flags: v1.enums.get(name)?.flags ?? false });
    }
  }
  indexDerived(model);
  return model;
}

const models = new Map<CsdlVersion, CsdlModel>();

function modelFor(version: CsdlVersion): CsdlModel {
  let model = models.get(version);
  if (!model) {
    model = version === "v1.0" ? loadV1Model() : loadBetaModel(modelFor("v1.0"));
    models.set(version, model);
  }
  return model;
}

// ─── checking ────────────────────────────────────────────────────────────────

/** `user`, `microsoft.graph.user` and `#microsoft.graph.user` all name `microsoft.graph.user`. */
export function qualifiedTypeName(name: string): string {
  const bare = name.startsWith("#") ? name.slice(1) : name;
  return bare.includes(".") ? bare : `${GRAPH_NS}.${bare}`;
}

function isSameOrDerived(model: CsdlModel, type: string, base: string): boolean {
  let current: string | null = type;
  for (let guard = 0; current && guard < 32; guard++) {
    if (current === base) return true;
    current = model.structured.get(current)?.baseType ?? null;
  }
  return false;
}

/** All properties of a type including inherited ones (derived declarations win). */
function allProperties(model: CsdlModel, type: StructuredTypeDef): Map<string, PropertyDef> {
  const chain: StructuredTypeDef[] = [];
  let current: StructuredTypeDef | undefined = type;
  for (let guard = 0; current && guard < 32; guard++) {
    chain.unshift(current);
    current = current.baseType ? model.structured.get(current.baseType) : undefined;
  }
  const result = new Map<string, PropertyDef>();
  for (const t of chain) for (const [name, def] of t.properties) result.set(name, def);
  return result;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// ISO 8601 / RFC 3339 date-time with an explicit offset, as OData JSON requires for DateTimeOffset.
const DATE_TIME_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_OF_DAY = /^\d{2}:\d{2}(:\d{2}(\.\d{1,12})?)?$/;
const DURATION = /^-?P(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
// OData JSON allows base64url; Graph emits standard base64 (e.g. Autopilot hardwareIdentifier).
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

function checkPrimitive(type: string, value: unknown): string | null {
  const isInt = (min: number, max: number) => typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
  switch (type) {
    case "Edm.String":
      return typeof value === "string" ? null : "expected a string";
    case "Edm.Boolean":
      return typeof value === "boolean" ? null : "expected a boolean";
    case "Edm.Byte":
      return isInt(0, 255) ? null : "expected an Edm.Byte integer";
    case "Edm.SByte":
      return isInt(-128, 127) ? null : "expected an Edm.SByte integer";
    case "Edm.Int16":
      return isInt(-32768, 32767) ? null : "expected an Edm.Int16 integer";
    case "Edm.Int32":
      return isInt(-2147483648, 2147483647) ? null : "expected an Edm.Int32 integer";
    case "Edm.Int64":
      return isInt(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER) ? null : "expected an Edm.Int64 integer";
    case "Edm.Single":
    case "Edm.Double":
    case "Edm.Decimal":
      return typeof value === "number" || value === "INF" || value === "-INF" || value === "NaN" ? null : `expected a number (${type})`;
    case "Edm.Guid":
      return typeof value === "string" && GUID.test(value) ? null : "expected a GUID string";
    case "Edm.DateTimeOffset":
      return typeof value === "string" && DATE_TIME_OFFSET.test(value) && !Number.isNaN(Date.parse(value)) ? null : "expected an ISO 8601 date-time with offset";
    case "Edm.Date":
      return typeof value === "string" && DATE.test(value) ? null : "expected a date YYYY-MM-DD";
    case "Edm.TimeOfDay":
      return typeof value === "string" && TIME_OF_DAY.test(value) ? null : "expected a time of day hh:mm:ss";
    case "Edm.Duration":
      return typeof value === "string" && DURATION.test(value) ? null : "expected an ISO 8601 duration";
    case "Edm.Binary":
      return typeof value === "string" && value.length % 4 !== 1 && BASE64.test(value) ? null : "expected base64 text";
    default:
      // Edm.Stream, Edm.Untyped, Edm.PrimitiveType, geography/geometry: any JSON value.
      return null;
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"` : typeof value;
}

class Checker {
  readonly problems: CsdlProblem[] = [];
  constructor(
    private readonly model: CsdlModel,
    private readonly options: CheckOptions,
  ) {}

  private report(path: string, code: CsdlProblemCode, message: string): void {
    this.problems.push({ path, code, message });
  }

  checkValue(path: string, def: Omit<PropertyDef, "navigation">, value: unknown, depth: number): void {
    if (value === null) {
      if (!def.nullable && !def.collection) this.report(path, "nullNotAllowed", `null is not allowed (Nullable="false")`);
      return;
    }
    if (def.collection) {
      if (!Array.isArray(value)) {
        this.report(path, "wrongType", `expected a collection, got ${describe(value)}`);
        return;
      }
      value.forEach((item, i) => {
        const at = `${path}[${i}]`;
        if (item === null) {
          if (!def.nullable) this.report(at, "nullNotAllowed", "null element in a non-nullable collection");
          return;
        }
        this.checkSingle(at, def.type, item, depth);
      });
      return;
    }
    this.checkSingle(path, def.type, value, depth);
  }

  private checkSingle(path: string, type: string | null, value: unknown, depth: number): void {
    if (type === null) {
      // Beta-only property with no known type: check nested objects that name their type.
      if (value && typeof value === "object" && !Array.isArray(value) && typeof (value as Record<string, unknown>)["@odata.type"] === "string") {
        this.checkObject(path, qualifiedTypeName((value as Record<string, string>)["@odata.type"]!), value as Record<string, unknown>, depth);
      }
      return;
    }
    if (type.startsWith("Edm.")) {
      const problem = checkPrimitive(type, value);
      if (problem) this.report(path, "wrongType", `${problem} (${type}), got ${describe(value)}`);
      return;
    }
    const enumDef = this.model.enums.get(type);
    if (enumDef) {
      if (typeof value !== "string") {
        this.report(path, "wrongType", `expected a member name of ${type}, got ${describe(value)}`);
        return;
      }
      const names = enumDef.flags ? value.split(",").map((s) => s.trim()) : [value];
      for (const name of names) {
        if (!enumDef.members.has(name)) {
          this.report(path, "badEnumValue", `"${name}" is not a member of ${type} (${[...enumDef.members].join(", ")})`);
        }
      }
      return;
    }
    if (this.model.structured.has(type)) {
      if (!value || typeof value !== "object" || Array.isArray(value)) {
        this.report(path, "wrongType", `expected an object of ${type}, got ${describe(value)}`);
        return;
      }
      this.checkObject(path, type, value as Record<string, unknown>, depth);
      return;
    }
    this.report(path, "unknownType", `type ${type} is not in the ${this.model.version} schema`);
  }

  checkObject(path: string, declared: string, json: Record<string, unknown>, depth: number): void {
    if (depth > 16) return;
    const declaredDef = this.model.structured.get(declared);
    if (!declaredDef) {
      this.report(path, "unknownType", `type ${declared} is not in the ${this.model.version} schema`);
      return;
    }
    let actual = declaredDef;
    const odataType = json["@odata.type"];
    if (typeof odataType === "string") {
      const named = qualifiedTypeName(odataType);
      const namedDef = this.model.structured.get(named);
      if (!namedDef) {
        this.report(`${path}["@odata.type"]`, "unknownType", `@odata.type ${odataType} is not in the ${this.model.version} schema`);
        return;
      }
      if (!isSameOrDerived(this.model, named, declared)) {
        this.report(`${path}["@odata.type"]`, "notDerivedType", `${named} is not ${declared} or derived from it`);
        return;
      }
      actual = namedDef;
    } else if (odataType !== undefined) {
      this.report(`${path}["@odata.type"]`, "wrongType", "@odata.type must be a string");
    }
    if (actual.abstract && typeof odataType !== "string") {
      this.report(path, "abstractWithoutODataType", `${actual.name} is abstract: the value needs an @odata.type naming a concrete type`);
    }
    const properties = allProperties(this.model, actual);
    for (const [key, value] of Object.entries(json)) {
      // Instance and property annotations (`@odata.context`, `members@odata.bind`, …) are not properties.
      if (key.includes("@")) continue;
      const def = properties.get(key);
      if (!def) {
        this.report(`${path}.${key}`, "unknownProperty", `${actual.name} has no property "${key}" in ${this.model.version}`);
        continue;
      }
      this.checkValue(`${path}.${key}`, def, value, depth + 1);
    }
    if (!this.options.partial) {
      for (const [name, def] of properties) {
        if (def.navigation || def.nullable || def.collection) continue;
        if (this.options.ignoreMissing?.includes(name)) continue;
        if (!(name in json)) this.report(`${path}.${name}`, "missingRequired", `required (Nullable="false") property "${name}" of ${actual.name} is missing`);
      }
    }
  }
}

/**
 * Checks one JSON entity (or complex value) against the schema of `version`. `typeName` is the
 * declared type (`managedDevice`, `microsoft.graph.deviceConfiguration`); an `@odata.type` in
 * the JSON may name a derived type. Returns every problem found (empty = conforms).
 */
export function checkEntity(typeName: string, json: unknown, version: CsdlVersion, options: CheckOptions = {}): CsdlProblem[] {
  const model = modelFor(version);
  const checker = new Checker(model, options);
  const type = qualifiedTypeName(typeName);
  if (!json || typeof json !== "object" || Array.isArray(json)) {
    return [{ path: "$", code: "wrongType", message: `expected an object of ${type}, got ${describe(json)}` }];
  }
  checker.checkObject("$", type, json as Record<string, unknown>, 0);
  return checker.problems;
}

/** Checks every element of a collection response's `value` array (or a plain array). */
export function checkEntities(typeName: string, items: unknown, version: CsdlVersion, options: CheckOptions = {}): CsdlProblem[] {
  const list = Array.isArray(items) ? items : (items as { value?: unknown } | null)?.value;
  if (!Array.isArray(list)) return [{ path: "$", code: "wrongType", message: "expected a collection" }];
  return list.flatMap((item, i) =>
    checkEntity(typeName, item, version, options).map((p) => ({ ...p, path: p.path.replace(/^\$/, `$[${i}]`) })),
  );
}

/** Formats problems one per line, for test failure messages. */
export function formatProblems(problems: CsdlProblem[]): string {
  return problems.map((p) => `${p.path}  ${p.code}  ${p.message}`).join("\n");
}

/** Member names of an enum type (for tests and for the tenant's own validation in tests). */
export function enumMembers(typeName: string, version: CsdlVersion): string[] | undefined {
  const def = modelFor(version).enums.get(qualifiedTypeName(typeName));
  return def ? [...def.members] : undefined;
}

/** A property as the schema declares it (type fully qualified; null = beta-only with no known type). */
export interface SchemaProperty {
  type: string | null;
  collection: boolean;
  nullable: boolean;
  navigation: boolean;
}

/**
 * Every property of a structured type, inherited ones included, as declared in `version` — for
 * tests that hold the tenant's own property tables against the schema. Undefined for an unknown type.
 */
export function typeProperties(typeName: string, version: CsdlVersion): Map<string, SchemaProperty> | undefined {
  const model = modelFor(version);
  const def = model.structured.get(qualifiedTypeName(typeName));
  return def ? new Map([...allProperties(model, def)].map(([name, p]) => [name, { ...p }])) : undefined;
}

/** Whether an enum type is a flags enum (values combine as "a, b"). */
export function enumIsFlags(typeName: string, version: CsdlVersion): boolean | undefined {
  return modelFor(version).enums.get(qualifiedTypeName(typeName))?.flags;
}

/**
 * Every type derived from `typeName` in `version`, directly or through other derived types, sorted
 * (for the generator of the tenant's property tables). Empty for a type nothing derives from.
 */
export function derivedTypeNames(typeName: string, version: CsdlVersion): string[] {
  const model = modelFor(version);
  const found = new Set<string>();
  const pending = [qualifiedTypeName(typeName)];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const child of model.derived.get(next) ?? []) {
      if (found.has(child)) continue;
      found.add(child);
      pending.push(child);
    }
  }
  return [...found].sort();
}

/** Whether a structured type is open (`OpenType="true"`; beta borrows the flag from v1.0). Undefined for an unknown type. */
export function isOpenType(typeName: string, version: CsdlVersion): boolean | undefined {
  return modelFor(version).structured.get(qualifiedTypeName(typeName))?.open;
}

/**
 * The parameters (binding parameter left out) of action `actionName` bound to `bindingType`, as
 * the schema declares them — the properties its request body may carry. Undefined when there is
 * no such bound action. Beta reads the v1.0 declaration (the type mappings list no actions).
 */
export function boundActionParameters(bindingType: string, actionName: string, version: CsdlVersion): Map<string, SchemaProperty> | undefined {
  const model = modelFor(version);
  const binding = qualifiedTypeName(bindingType);
  const action = model.actions.get(qualifiedTypeName(actionName))?.find((a) => a.bindingType === binding);
  return action ? new Map([...action.parameters].map(([name, p]) => [name, { ...p }])) : undefined;
}

/**
 * Loads both schemas (when the reference is there). Parsing the CSDL blocks the event loop for
 * seconds on a busy machine; a test that did it between two requests to an in-process tenant had
 * the second reuse a keep-alive connection the server closed meanwhile (ECONNRESET). Loading when
 * this module is imported — before any test starts its tenant — keeps the pause out of every test.
 */
function preloadCsdl(): void {
  if (!hasCsdlReference()) return;
  modelFor("v1.0");
  modelFor("beta");
}

preloadCsdl();
