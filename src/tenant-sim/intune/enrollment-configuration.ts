/**
 * Device enrollment configurations (`/deviceManagement/deviceEnrollmentConfigurations`): the types the
 * local tenant implements, their properties per Graph version (v1.0 CSDL; beta type mappings), value
 * checks, and the stored document. Enrollment limits, platform restrictions (the combined one and
 * beta's single-platform one), Windows Hello for Business, the Enrollment Status Page and beta's
 * Windows restore. A property a body leaves out gets its EDM type's default (false, 0, the first enum
 * member), as OData deserialisation gives; beta-only properties are answered on beta only.
 */
import { GraphHttpError, type GraphVersion } from "../framework.ts";
import { unknownPropertyError } from "./intune-error.ts";

/** Enum members (v1.0 CSDL; beta type mappings for beta-only enums), first = value 0. */
export const ENROLLMENT_ENUMS = {
  enablement: ["notConfigured", "enabled", "disabled"],
  windowsHelloForBusinessPinUsage: ["allowed", "required", "disallowed"],
  enrollmentRestrictionPlatformType: ["allPlatforms", "ios", "windows", "windowsPhone", "android", "androidForWork", "mac", "linux", "unknownFutureValue"],
} as const;

type EnumName = keyof typeof ENROLLMENT_ENUMS;

type PropertySpec =
  | { kind: "boolean"; beta?: true; default?: boolean }
  | { kind: "int32"; beta?: true; min?: number; max?: number; default?: number }
  | { kind: "string"; beta?: true; maxLength?: number; default?: string | null }
  | { kind: "strings"; beta?: true }
  | { kind: "enum"; enumType: EnumName; beta?: true }
  | { kind: "restriction"; beta?: true };

/** `deviceEnrollmentPlatformRestriction`: v1.0 has four properties, beta adds the blocked lists. */
const RESTRICTION_PROPERTIES: Record<string, PropertySpec> = {
  osMaximumVersion: { kind: "string" },
  osMinimumVersion: { kind: "string" },
  personalDeviceEnrollmentBlocked: { kind: "boolean" },
  platformBlocked: { kind: "boolean" },
  blockedManufacturers: { kind: "strings", beta: true },
  blockedSkus: { kind: "strings", beta: true },
};

export interface EnrollmentTypeDef {
  /** Qualified type name. */
  type: string;
  /** What beta's `deviceEnrollmentConfigurationType` says for it (a default configuration reports its plain kind). */
  enrollmentType: string;
  versions: readonly GraphVersion[];
  properties: Readonly<Record<string, PropertySpec>>;
}

const BOTH: readonly GraphVersion[] = ["v1.0", "beta"];
const BETA: readonly GraphVersion[] = ["beta"];

export const ESP_TYPE = "microsoft.graph.windows10EnrollmentCompletionPageConfiguration";
export const PLATFORM_RESTRICTIONS_TYPE = "microsoft.graph.deviceEnrollmentPlatformRestrictionsConfiguration";
export const SINGLE_PLATFORM_RESTRICTION_TYPE = "microsoft.graph.deviceEnrollmentPlatformRestrictionConfiguration";
export const LIMIT_TYPE = "microsoft.graph.deviceEnrollmentLimitConfiguration";
export const HELLO_TYPE = "microsoft.graph.deviceEnrollmentWindowsHelloForBusinessConfiguration";
export const RESTORE_TYPE = "microsoft.graph.windowsRestoreDeviceEnrollmentConfiguration";

/**
 * The implemented types (v1.0 CSDL `deviceEnrollmentConfiguration` subtypes; beta type mappings).
 * Ranges: the device limit is 1–15 (Intune's enrollment restrictions); the ESP's custom message at most
 * 10,000 characters (docs `intune-onboarding-windows10enrollmentcompletionpageconfiguration`).
 */
export const ENROLLMENT_TYPES: readonly EnrollmentTypeDef[] = [
  { type: LIMIT_TYPE, enrollmentType: "limit", versions: BOTH, properties: { limit: { kind: "int32", min: 1, max: 15, default: 5 } } },
  {
    type: PLATFORM_RESTRICTIONS_TYPE,
    enrollmentType: "platformRestrictions",
    versions: BOTH,
    properties: {
      androidRestriction: { kind: "restriction" },
      iosRestriction: { kind: "restriction" },
      macOSRestriction: { kind: "restriction" },
      windowsMobileRestriction: { kind: "restriction" },
      windowsRestriction: { kind: "restriction" },
      androidForWorkRestriction: { kind: "restriction", beta: true },
      macRestriction: { kind: "restriction", beta: true },
      tvosRestriction: { kind: "restriction", beta: true },
      visionOSRestriction: { kind: "restriction", beta: true },
      windowsHomeSkuRestriction: { kind: "restriction", beta: true },
    },
  },
  {
    type: SINGLE_PLATFORM_RESTRICTION_TYPE,
    enrollmentType: "singlePlatformRestriction",
    versions: BETA,
    properties: { platformRestriction: { kind: "restriction", beta: true }, platformType: { kind: "enum", enumType: "enrollmentRestrictionPlatformType", beta: true } },
  },
  {
    type: HELLO_TYPE,
    enrollmentType: "windowsHelloForBusiness",
    versions: BOTH,
    properties: {
      enhancedBiometricsState: { kind: "enum", enumType: "enablement" },
      pinExpirationInDays: { kind: "int32", min: 0, max: 730 },
      pinLowercaseCharactersUsage: { kind: "enum", enumType: "windowsHelloForBusinessPinUsage" },
      pinMaximumLength: { kind: "int32", min: 4, max: 127, default: 127 },
      pinMinimumLength: { kind: "int32", min: 4, max: 127, default: 6 },
      pinPreviousBlockCount: { kind: "int32", min: 0, max: 50 },
      pinSpecialCharactersUsage: { kind: "enum", enumType: "windowsHelloForBusinessPinUsage" },
      pinUppercaseCharactersUsage: { kind: "enum", enumType: "windowsHelloForBusinessPinUsage" },
      remotePassportEnabled: { kind: "boolean" },
      securityDeviceRequired: { kind: "boolean" },
      state: { kind: "enum", enumType: "enablement" },
      unlockWithBiometricsEnabled: { kind: "boolean" },
      enhancedSignInSecurity: { kind: "int32", beta: true },
      securityKeyForSignIn: { kind: "enum", enumType: "enablement", beta: true },
    },
  },
  {
    type: ESP_TYPE,
    enrollmentType: "windows10EnrollmentCompletionPageConfiguration",
    versions: BOTH,
    properties: {
      allowNonBlockingAppInstallation: { kind: "boolean" },
      allowDeviceResetOnInstallFailure: { kind: "boolean", beta: true },
      allowDeviceUseOnInstallFailure: { kind: "boolean", beta: true },
      allowLogCollectionOnInstallFailure: { kind: "boolean", beta: true },
      blockDeviceSetupRetryByUser: { kind: "boolean", beta: true },
      customErrorMessage: { kind: "string", beta: true, maxLength: 10000, default: null },
      disableUserStatusTrackingAfterFirstUser: { kind: "boolean", beta: true },
      installProgressTimeoutInMinutes: { kind: "int32", beta: true, min: 0, default: 60 },
      installQualityUpdates: { kind: "boolean", beta: true },
      selectedMobileAppIds: { kind: "strings", beta: true },
      showInstallationProgress: { kind: "boolean", beta: true },
      trackInstallProgressForAutopilotOnly: { kind: "boolean", beta: true },
    },
  },
  { type: RESTORE_TYPE, enrollmentType: "windowsRestore", versions: BETA, properties: { state: { kind: "enum", enumType: "enablement", beta: true } } },
];

/** The stored document: base properties, the type's properties (all versions), internal fields. */
export interface EnrollmentConfigurationDoc {
  id: string;
  "@odata.type": string;
  displayName: string | null;
  description: string | null;
  priority: number;
  version: number;
  createdDateTime: string;
  lastModifiedDateTime: string;
  roleScopeTagIds: string[];
  /** A tenant's default configuration: priority 0, applies to everyone, cannot be assigned or deleted. */
  _default?: boolean;
  [property: string]: unknown;
}

export function typeDef(type: string): EnrollmentTypeDef | undefined {
  return ENROLLMENT_TYPES.find((t) => t.type === type);
}

function invalid(name: string, message: string): GraphHttpError {
  return new GraphHttpError(400, "BadRequest", `Invalid value for property '${name}': ${message}`);
}

function defaultOf(spec: PropertySpec): unknown {
  switch (spec.kind) {
    case "boolean":
      return spec.default ?? false;
    case "int32":
      return spec.default ?? 0;
    case "string":
      return spec.default === undefined ? null : spec.default;
    case "strings":
      return [];
    case "enum":
      return ENROLLMENT_ENUMS[spec.enumType][0];
    case "restriction":
      return defaultRestriction();
  }
}

/** A platform restriction that blocks nothing (what a new configuration starts from). */
export function defaultRestriction(): Record<string, unknown> {
  return { platformBlocked: false, personalDeviceEnrollmentBlocked: false, osMinimumVersion: null, osMaximumVersion: null, blockedManufacturers: [], blockedSkus: [] };
}

function parseValue(name: string, spec: PropertySpec, value: unknown, version: GraphVersion, current: unknown): unknown {
  if (value === null) {
    if (spec.kind === "string" || spec.kind === "restriction") return spec.kind === "restriction" ? defaultRestriction() : null;
    throw invalid(name, "null is not allowed.");
  }
  switch (spec.kind) {
    case "boolean":
      if (typeof value !== "boolean") throw invalid(name, "expected Edm.Boolean.");
      return value;
    case "int32":
      if (typeof value !== "number" || !Number.isInteger(value) || value < -2147483648 || value > 2147483647) throw invalid(name, "expected Edm.Int32.");
      if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max))
        throw invalid(name, `valid values are ${spec.min ?? "-2147483648"} to ${spec.max ?? "2147483647"}.`);
      return value;
    case "string":
      if (typeof value !== "string") throw invalid(name, "expected Edm.String.");
      if (spec.maxLength !== undefined && value.length > spec.maxLength) throw invalid(name, `at most ${spec.maxLength} characters.`);
      return value;
    case "strings":
      if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) throw invalid(name, "expected a collection of Edm.String.");
      return [...value];
    case "enum": {
      const members: readonly string[] = ENROLLMENT_ENUMS[spec.enumType];
      if (typeof value !== "string" || !members.includes(value)) throw invalid(name, `expected one of ${members.join(", ")}.`);
      return value;
    }
    case "restriction":
      return parseRestriction(name, value, version, current);
  }
}

function parseRestriction(name: string, value: unknown, version: GraphVersion, current: unknown): Record<string, unknown> {
  if (typeof value !== "object" || Array.isArray(value)) throw invalid(name, "expected microsoft.graph.deviceEnrollmentPlatformRestriction.");
  // A nested complex value is replaced as a whole (OData PATCH semantics); beta-only fields a v1.0 body cannot carry are kept.
  const base = current && typeof current === "object" ? (current as Record<string, unknown>) : defaultRestriction();
  const out: Record<string, unknown> = { ...defaultRestriction(), blockedManufacturers: base.blockedManufacturers ?? [], blockedSkus: base.blockedSkus ?? [] };
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (key === "@odata.type") continue;
    const spec = RESTRICTION_PROPERTIES[key];
    if (!spec || (spec.beta && version !== "beta")) throw unknownPropertyError(key, "microsoft.graph.deviceEnrollmentPlatformRestriction");
    out[key] = parseValue(`${name}.${key}`, spec, v, version, undefined);
  }
  return out;
}

/** Server-computed or read-only base properties; a GET-modify-PATCH that sends them back is not refused. */
const COMPUTED = new Set(["id", "createdDateTime", "lastModifiedDateTime", "version", "priority", "@odata.context"]);

export interface EnrollmentWrite {
  version: GraphVersion;
  id: string;
  now: Date;
  priority: number;
}

/** The implemented type a body's `@odata.type` names on `version`, or a 400. */
export function enrollmentTypeOf(body: Record<string, unknown>, version: GraphVersion): EnrollmentTypeDef {
  const raw = body["@odata.type"];
  // deviceEnrollmentConfiguration is abstract (CSDL): a create must say which type.
  if (typeof raw !== "string") throw new GraphHttpError(400, "BadRequest", "Cannot create an abstract class. '@odata.type' is required for 'microsoft.graph.deviceEnrollmentConfiguration'.");
  const name = raw.replace(/^#/, "");
  const def = typeDef(name);
  if (!def || !def.versions.includes(version)) {
    const known = ENROLLMENT_TYPES.filter((t) => t.versions.includes(version)).map((t) => t.type);
    throw new GraphHttpError(400, "BadRequest", `A type named '${name}' could not be resolved by the model; the local tenant implements ${known.join(", ")} on ${version}.`);
  }
  return def;
}

function asObject(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new GraphHttpError(400, "BadRequest", "The request body must be a JSON object.");
  return body as Record<string, unknown>;
}

function applyFields(doc: EnrollmentConfigurationDoc, def: EnrollmentTypeDef, body: Record<string, unknown>, version: GraphVersion): void {
  for (const [key, value] of Object.entries(body)) {
    if (key === "@odata.type" || COMPUTED.has(key) || key.includes("@")) continue;
    if (key === "displayName" || key === "description") {
      if (value !== null && typeof value !== "string") throw invalid(key, "expected Edm.String.");
      doc[key] = value as string | null;
      continue;
    }
    if (version === "beta" && key === "roleScopeTagIds") {
      if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) throw invalid(key, "expected a collection of Edm.String.");
      doc.roleScopeTagIds = [...(value as string[])];
      continue;
    }
    if (version === "beta" && key === "deviceEnrollmentConfigurationType") {
      // Read-only and set by the service from the type; sending the value it already has is harmless.
      if (value !== def.enrollmentType) throw invalid(key, `a ${def.type.slice("microsoft.graph.".length)} is '${def.enrollmentType}'.`);
      continue;
    }
    const spec = def.properties[key];
    if (!spec || (spec.beta && version !== "beta")) throw unknownPropertyError(key, def.type);
    doc[key] = parseValue(key, spec, value, version, doc[key]);
  }
}

/** Validates a POST body and builds the stored document (version 1, the next priority of its kind). */
export function createEnrollmentConfiguration(bodyIn: unknown, w: EnrollmentWrite): EnrollmentConfigurationDoc {
  const body = asObject(bodyIn);
  const def = enrollmentTypeOf(body, w.version);
  const now = w.now.toISOString();
  const doc: EnrollmentConfigurationDoc = {
    id: w.id,
    "@odata.type": `#${def.type}`,
    displayName: null,
    description: null,
    priority: w.priority,
    version: 1,
    createdDateTime: now,
    lastModifiedDateTime: now,
    roleScopeTagIds: ["0"],
  };
  for (const [name, spec] of Object.entries(def.properties)) doc[name] = defaultOf(spec);
  applyFields(doc, def, body, w.version);
  if (typeof doc.displayName !== "string" || doc.displayName.trim() === "") throw new GraphHttpError(400, "BadRequest", "The property 'displayName' is required and cannot be empty.");
  return doc;
}

/** Applies a PATCH body to a copy of the stored document; bumps `version` and `lastModifiedDateTime`. */
export function patchEnrollmentConfiguration(existing: EnrollmentConfigurationDoc, bodyIn: unknown, w: Omit<EnrollmentWrite, "priority" | "id">): EnrollmentConfigurationDoc {
  const body = asObject(bodyIn);
  const type = existing["@odata.type"].replace(/^#/, "");
  if (body["@odata.type"] !== undefined && String(body["@odata.type"]).replace(/^#/, "") !== type)
    throw new GraphHttpError(400, "BadRequest", `The @odata.type '${String(body["@odata.type"])}' does not match the entity's type '${type}'.`);
  const def = typeDef(type);
  if (!def) throw new Error(`stored enrollment configuration ${existing.id} has an unknown type ${type}`);
  if (!def.versions.includes(w.version)) throw new GraphHttpError(400, "BadRequest", `A type named '${type}' could not be resolved by the model.`);
  const doc = structuredClone(existing);
  applyFields(doc, def, body, w.version);
  if (doc.displayName !== null && doc.displayName.trim() === "") throw new GraphHttpError(400, "BadRequest", "The property 'displayName' cannot be empty.");
  doc.version = existing.version + 1;
  doc.lastModifiedDateTime = w.now.toISOString();
  return doc;
}

/** Whether `version` knows the stored document's type (beta-only types are absent from v1.0 lists). */
export function servedOn(doc: EnrollmentConfigurationDoc, version: GraphVersion): boolean {
  return typeDef(doc["@odata.type"].replace(/^#/, ""))?.versions.includes(version) ?? false;
}

/** The configuration as Graph answers it on `version`: beta-only properties (nested ones too) on beta only. */
export function renderEnrollmentConfiguration(doc: EnrollmentConfigurationDoc, version: GraphVersion): Record<string, unknown> {
  const def = typeDef(doc["@odata.type"].replace(/^#/, ""));
  if (!def) throw new Error(`stored enrollment configuration ${doc.id} has an unknown type`);
  const { roleScopeTagIds, ...rest } = doc;
  const out: Record<string, unknown> = { ...rest };
  for (const [name, spec] of Object.entries(def.properties)) {
    if (spec.beta && version !== "beta") {
      delete out[name];
      continue;
    }
    if (spec.kind === "restriction" && version !== "beta" && out[name] && typeof out[name] === "object") {
      const { blockedManufacturers: _m, blockedSkus: _s, ...v1 } = out[name] as Record<string, unknown>;
      out[name] = v1;
    }
  }
  if (version === "beta") Object.assign(out, { roleScopeTagIds, deviceEnrollmentConfigurationType: def.enrollmentType });
  return out;
}
