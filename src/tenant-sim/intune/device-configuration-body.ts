/**
 * Request bodies of `/deviceManagement/deviceConfigurations`: the two types the local tenant
 * implements (`windows10CustomConfiguration`, `windowsUpdateForBusinessConfiguration`), their
 * property types and value ranges, and the stored document. Non-nullable properties a client
 * leaves out get their EDM type's default, as OData deserialisation gives (false, 0, the enum
 * member with value 0). Ranges: docs `intune-deviceconfig-windowsupdateforbusinessconfiguration-create.md`.
 */
import { GraphHttpError, type GraphVersion } from "../framework.ts";
import { unknownPropertyError } from "./intune-error.ts";
import { parseOmaSettings, type StoredOmaSetting } from "./oma-settings.ts";

export const CUSTOM_CONFIGURATION = "microsoft.graph.windows10CustomConfiguration";
export const UPDATE_RING = "microsoft.graph.windowsUpdateForBusinessConfiguration";
export const SUPPORTED_CONFIGURATION_TYPES = [CUSTOM_CONFIGURATION, UPDATE_RING] as const;

/** The stored `deviceConfigurations` document. */
export interface DeviceConfigurationDoc {
  id: string;
  "@odata.type": string;
  displayName: string;
  description: string | null;
  createdDateTime: string;
  lastModifiedDateTime: string;
  version: number;
  omaSettings?: StoredOmaSetting[];
  /** Beta-only base properties (`roleScopeTagIds`, the applicability rules). */
  _beta: { roleScopeTagIds: string[]; applicabilityRules?: Record<string, Record<string, unknown> | null> };
  [property: string]: unknown;
}


/** v1.0 CSDL enum members, first = value 0; `device-configuration-body.test.ts` checks them against the CSDL. */
export const UPDATE_RING_ENUMS = {
  automaticUpdateMode: ["userDefined", "notifyDownload", "autoInstallAtMaintenanceTime", "autoInstallAndRebootAtMaintenanceTime", "autoInstallAndRebootAtScheduledTime", "autoInstallAndRebootWithoutEndUserControl"],
  autoRestartNotificationDismissalMethod: ["notConfigured", "automatic", "user", "unknownFutureValue"],
  windowsUpdateType: ["userDefined", "all", "businessReadyOnly", "windowsInsiderBuildFast", "windowsInsiderBuildSlow", "windowsInsiderBuildRelease"],
  windowsDeliveryOptimizationMode: ["userDefined", "httpOnly", "httpWithPeeringNat", "httpWithPeeringPrivateGroup", "httpWithInternetPeering", "simpleDownload", "bypassMode"],
  prereleaseFeatures: ["userDefined", "settingsOnly", "settingsAndExperimentations", "notAllowed"],
  windowsUpdateNotificationDisplayOption: ["notConfigured", "defaultNotifications", "restartWarningsOnly", "disableAllNotifications", "unknownFutureValue"],
  enablement: ["notConfigured", "enabled", "disabled"],
  windowsUpdateForBusinessUpdateWeeks: ["userDefined", "firstWeek", "secondWeek", "thirdWeek", "fourthWeek", "everyWeek", "unknownFutureValue"],
  weeklySchedule: ["userDefined", "everyday", "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"],
} as const;

/** Members beta adds to an enum (BETA-MAP `beta-enum-types.json`; the body test checks them). */
export const BETA_ONLY_ENUM_MEMBERS: Partial<Record<UpdateRingEnum, readonly string[]>> = {
  automaticUpdateMode: ["windowsDefault"],
  weeklySchedule: ["noScheduledScan"],
};

export type UpdateRingEnum = keyof typeof UPDATE_RING_ENUMS;

export type PropertySpec =
  | { kind: "boolean" | "int32" | "date" | "dateTimeOffset" | "schedule"; nullable: boolean; readOnly?: boolean; allowed?: readonly number[]; min?: number; max?: number }
  | { kind: "enum"; enumType: UpdateRingEnum; nullable: boolean; flags?: boolean };

/** The members an enum takes on `version`. */
export function enumMembersOn(enumType: UpdateRingEnum, version: GraphVersion): readonly string[] {
  const members: readonly string[] = UPDATE_RING_ENUMS[enumType];
  return version === "beta" ? [...members, ...(BETA_ONLY_ENUM_MEMBERS[enumType] ?? [])] : members;
}

/** The v1.0 CSDL properties of `windowsUpdateForBusinessConfiguration` (beta has the same names). */
export const UPDATE_RING_PROPERTIES: Readonly<Record<string, PropertySpec>> = {
  allowWindows11Upgrade: { kind: "boolean", nullable: false },
  automaticUpdateMode: { kind: "enum", enumType: "automaticUpdateMode", nullable: false },
  autoRestartNotificationDismissal: { kind: "enum", enumType: "autoRestartNotificationDismissalMethod", nullable: false },
  businessReadyUpdatesOnly: { kind: "enum", enumType: "windowsUpdateType", nullable: false },
  deadlineForFeatureUpdatesInDays: { kind: "int32", nullable: true, min: 0, max: 30 },
  deadlineForQualityUpdatesInDays: { kind: "int32", nullable: true, min: 0, max: 30 },
  deadlineGracePeriodInDays: { kind: "int32", nullable: true, min: 0, max: 7 },
  deliveryOptimizationMode: { kind: "enum", enumType: "windowsDeliveryOptimizationMode", nullable: false },
  driversExcluded: { kind: "boolean", nullable: false },
  engagedRestartDeadlineInDays: { kind: "int32", nullable: true },
  engagedRestartSnoozeScheduleInDays: { kind: "int32", nullable: true },
  engagedRestartTransitionScheduleInDays: { kind: "int32", nullable: true },
  featureUpdatesDeferralPeriodInDays: { kind: "int32", nullable: false },
  featureUpdatesPaused: { kind: "boolean", nullable: false },
  featureUpdatesPauseExpiryDateTime: { kind: "dateTimeOffset", nullable: false, readOnly: true },
  featureUpdatesPauseStartDate: { kind: "date", nullable: true, readOnly: true },
  featureUpdatesRollbackStartDateTime: { kind: "dateTimeOffset", nullable: false, readOnly: true },
  featureUpdatesRollbackWindowInDays: { kind: "int32", nullable: true },
  featureUpdatesWillBeRolledBack: { kind: "boolean", nullable: true, readOnly: true },
  installationSchedule: { kind: "schedule", nullable: true },
  microsoftUpdateServiceAllowed: { kind: "boolean", nullable: false },
  postponeRebootUntilAfterDeadline: { kind: "boolean", nullable: true },
  prereleaseFeatures: { kind: "enum", enumType: "prereleaseFeatures", nullable: false },
  qualityUpdatesDeferralPeriodInDays: { kind: "int32", nullable: false },
  qualityUpdatesPaused: { kind: "boolean", nullable: false },
  qualityUpdatesPauseExpiryDateTime: { kind: "dateTimeOffset", nullable: false, readOnly: true },
  qualityUpdatesPauseStartDate: { kind: "date", nullable: true, readOnly: true },
  qualityUpdatesRollbackStartDateTime: { kind: "dateTimeOffset", nullable: false, readOnly: true },
  qualityUpdatesWillBeRolledBack: { kind: "boolean", nullable: true, readOnly: true },
  scheduleImminentRestartWarningInMinutes: { kind: "int32", nullable: true, allowed: [15, 30, 60] },
  scheduleRestartWarningInHours: { kind: "int32", nullable: true, allowed: [2, 4, 8, 12, 24] },
  skipChecksBeforeRestart: { kind: "boolean", nullable: false },
  updateNotificationLevel: { kind: "enum", enumType: "windowsUpdateNotificationDisplayOption", nullable: false },
  updateWeeks: { kind: "enum", enumType: "windowsUpdateForBusinessUpdateWeeks", nullable: true, flags: true },
  userPauseAccess: { kind: "enum", enumType: "enablement", nullable: false },
  userWindowsUpdateScanAccess: { kind: "enum", enumType: "enablement", nullable: false },
};

/**
 * Beta-only applicability rules of `deviceConfiguration` (BETA-MAP `beta-entity-types.json`) and the
 * properties of their complex types (`beta-complex-types.json`); a beta read answers them (null when
 * unset), so a beta GET-modify-PATCH sends them back. The body test checks both lists.
 */
export const BETA_APPLICABILITY_RULES: Readonly<Record<string, readonly string[]>> = {
  deviceManagementApplicabilityRuleDeviceMode: ["deviceMode", "name", "ruleType"],
  deviceManagementApplicabilityRuleOsEdition: ["name", "osEditionTypes", "ruleType"],
  deviceManagementApplicabilityRuleOsVersion: ["maxOSVersion", "minOSVersion", "name", "ruleType"],
};

function parseApplicabilityRule(name: string, value: unknown): Record<string, unknown> | null {
  if (value === null) return null;
  if (!value || typeof value !== "object" || Array.isArray(value)) throw invalid(name, `expected microsoft.graph.${name}.`);
  const known = BETA_APPLICABILITY_RULES[name] ?? [];
  for (const key of Object.keys(value)) if (key !== "@odata.type" && !known.includes(key)) throw unknownPropertyError(key, `microsoft.graph.${name}`);
  return { ...(value as Record<string, unknown>) };
}

/** Intune's "never" for a date-time value type left unset. */
const NEVER = "0001-01-01T00:00:00Z";
/** Edm.TimeOfDay: hh:mm[:ss[.fffffff]], hours 00–23, minutes and seconds 00–59 (OData ABNF `timeOfDayValue`). */
const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,7})?)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;

function defaultFor(spec: PropertySpec): unknown {
  if (spec.nullable) return null;
  switch (spec.kind) {
    case "boolean":
      return false;
    case "int32":
      return 0;
    case "dateTimeOffset":
      return NEVER;
    case "enum":
      return UPDATE_RING_ENUMS[spec.enumType][0];
    default:
      return null;
  }
}

function invalid(name: string, message: string): GraphHttpError {
  return new GraphHttpError(400, "BadRequest", `Invalid value for property '${name}': ${message}`);
}

function parseSchedule(value: unknown, version: GraphVersion): Record<string, unknown> {
  if (!value || typeof value !== "object" || Array.isArray(value)) throw invalid("installationSchedule", "expected an object.");
  const v = value as Record<string, unknown>;
  const type = typeof v["@odata.type"] === "string" ? (v["@odata.type"] as string).replace(/^#/, "") : undefined;
  const time = (key: string) => {
    if (typeof v[key] !== "string" || !TIME_OF_DAY.test(v[key] as string)) throw invalid(`installationSchedule.${key}`, "expected Edm.TimeOfDay (hh:mm:ss).");
    return v[key];
  };
  const onlyKnown = (known: string[]) => {
    for (const key of Object.keys(v)) if (key !== "@odata.type" && !known.includes(key)) throw unknownPropertyError(key, type ?? "microsoft.graph.windowsUpdateInstallScheduleType");
  };
  if (type === "microsoft.graph.windowsUpdateActiveHoursInstall") {
    onlyKnown(["activeHoursStart", "activeHoursEnd"]);
    return { "@odata.type": `#${type}`, activeHoursStart: time("activeHoursStart"), activeHoursEnd: time("activeHoursEnd") };
  }
  if (type === "microsoft.graph.windowsUpdateScheduledInstall") {
    onlyKnown(["scheduledInstallDay", "scheduledInstallTime"]);
    const day = v.scheduledInstallDay;
    const days = enumMembersOn("weeklySchedule", version);
    if (typeof day !== "string" || !days.includes(day)) throw invalid("installationSchedule.scheduledInstallDay", `expected one of ${days.join(", ")}.`);
    return { "@odata.type": `#${type}`, scheduledInstallDay: day, scheduledInstallTime: time("scheduledInstallTime") };
  }
  // windowsUpdateInstallScheduleType is abstract (CSDL).
  throw invalid("installationSchedule", "an @odata.type of windowsUpdateActiveHoursInstall or windowsUpdateScheduledInstall is required.");
}

function parseUpdateRingValue(name: string, spec: PropertySpec, value: unknown, version: GraphVersion): unknown {
  if (value === null) {
    if (!spec.nullable) throw invalid(name, "null is not allowed.");
    return null;
  }
  switch (spec.kind) {
    case "boolean":
      if (typeof value !== "boolean") throw invalid(name, "expected Edm.Boolean.");
      return value;
    case "int32": {
      if (typeof value !== "number" || !Number.isInteger(value) || value < -2147483648 || value > 2147483647) throw invalid(name, "expected Edm.Int32.");
      if (spec.allowed && !spec.allowed.includes(value)) throw invalid(name, `allowed values are ${spec.allowed.join(", ")}.`);
      if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) throw invalid(name, `valid values are ${spec.min} to ${spec.max}.`);
      return value;
    }
    case "date":
      if (typeof value !== "string" || !DATE.test(value)) throw invalid(name, "expected Edm.Date.");
      return value;
    case "dateTimeOffset":
      if (typeof value !== "string" || !DATE_TIME_OFFSET.test(value)) throw invalid(name, "expected Edm.DateTimeOffset.");
      return value;
    case "schedule":
      return parseSchedule(value, version);
    case "enum": {
      if (typeof value !== "string") throw invalid(name, "expected an enum member name.");
      const members = enumMembersOn(spec.enumType, version);
      const names = spec.flags ? value.split(",").map((s) => s.trim()) : [value];
      for (const n of names) if (!members.includes(n)) throw invalid(name, `'${n}' is not one of ${members.join(", ")}.`);
      return value;
    }
  }
}

const BASE_WRITABLE = new Set(["displayName", "description"]);
/** Server-computed; clients that send them back (a GET-modify-PATCH) are not rejected. */
const BASE_COMPUTED = new Set(["id", "createdDateTime", "lastModifiedDateTime", "version", "@odata.context"]);
const BETA_BASE = new Set(["roleScopeTagIds", "supportsScopeTags", ...Object.keys(BETA_APPLICABILITY_RULES)]);

/** The type named by a body's `@odata.type` (with or without `#`), or a 400. */
export function configurationTypeOf(body: Record<string, unknown>): string {
  const raw = body["@odata.type"];
  // deviceConfiguration is abstract: the POST must say which type (graph-facts §4).
  if (typeof raw !== "string") throw new GraphHttpError(400, "BadRequest", "Cannot create an abstract class. '@odata.type' is required for 'microsoft.graph.deviceConfiguration'.");
  const name = raw.replace(/^#/, "");
  if (!(SUPPORTED_CONFIGURATION_TYPES as readonly string[]).includes(name)) {
    throw new GraphHttpError(400, "BadRequest", `The local tenant implements only ${SUPPORTED_CONFIGURATION_TYPES.join(" and ")}; '${name}' is not simulated.`);
  }
  return name;
}

export interface ConfigurationWrite {
  version: GraphVersion;
  id: string;
  now: Date;
}

/** Validates a POST body and builds the stored document (version 1). */
export function createConfigurationDoc(bodyIn: unknown, w: ConfigurationWrite): DeviceConfigurationDoc {
  const body = asObject(bodyIn);
  const type = configurationTypeOf(body);
  const now = w.now.toISOString();
  const doc: DeviceConfigurationDoc = {
    id: w.id,
    "@odata.type": `#${type}`,
    displayName: "",
    description: null,
    createdDateTime: now,
    lastModifiedDateTime: now,
    version: 1,
    _beta: { roleScopeTagIds: ["0"] },
  };
  if (type === UPDATE_RING) {
    for (const [name, spec] of Object.entries(UPDATE_RING_PROPERTIES)) doc[name] = defaultFor(spec);
  } else {
    doc.omaSettings = [];
  }
  applyFields(doc, type, body, w);
  if (typeof body.displayName !== "string" || body.displayName.trim() === "") {
    throw new GraphHttpError(400, "BadRequest", "The property 'displayName' is required and cannot be empty.");
  }
  return doc;
}

/** Applies a PATCH body to a copy of the stored document; bumps `version` and `lastModifiedDateTime`. */
export function patchConfigurationDoc(existing: DeviceConfigurationDoc, bodyIn: unknown, w: ConfigurationWrite): DeviceConfigurationDoc {
  const body = asObject(bodyIn);
  const type = existing["@odata.type"].replace(/^#/, "");
  if (body["@odata.type"] !== undefined && String(body["@odata.type"]).replace(/^#/, "") !== type) {
    throw new GraphHttpError(400, "BadRequest", `The @odata.type '${String(body["@odata.type"])}' does not match the entity's type '${type}'.`);
  }
  const doc: DeviceConfigurationDoc = structuredClone(existing);
  applyFields(doc, type, body, w);
  doc.version = existing.version + 1;
  doc.lastModifiedDateTime = w.now.toISOString();
  return doc;
}

function asObject(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new GraphHttpError(400, "BadRequest", "The request body must be a JSON object.");
  return body as Record<string, unknown>;
}

function applyFields(doc: DeviceConfigurationDoc, type: string, body: Record<string, unknown>, w: ConfigurationWrite): void {
  for (const [key, value] of Object.entries(body)) {
    if (key === "@odata.type" || BASE_COMPUTED.has(key)) continue;
    if (key.includes("@")) continue; // other instance annotations
    if (BASE_WRITABLE.has(key)) {
      if (key === "displayName" && (typeof value !== "string" || value.trim() === "")) throw new GraphHttpError(400, "BadRequest", "The property 'displayName' cannot be empty.");
      if (key === "description" && value !== null && typeof value !== "string") throw invalid("description", "expected Edm.String.");
      doc[key] = value;
      continue;
    }
    if (w.version === "beta" && BETA_BASE.has(key)) {
      if (key === "roleScopeTagIds") {
        if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) throw invalid("roleScopeTagIds", "expected a collection of Edm.String.");
        doc._beta = { ...doc._beta, roleScopeTagIds: value as string[] };
      } else if (key in BETA_APPLICABILITY_RULES) {
        doc._beta = { ...doc._beta, applicabilityRules: { ...doc._beta.applicabilityRules, [key]: parseApplicabilityRule(key, value) } };
      }
      continue;
    }
    if (type === CUSTOM_CONFIGURATION && key === "omaSettings") {
      doc.omaSettings = parseOmaSettings(value, w.version, doc.id, doc.omaSettings ?? []);
      continue;
    }
    if (type === UPDATE_RING && key in UPDATE_RING_PROPERTIES) {
      const spec = UPDATE_RING_PROPERTIES[key]!;
      if ("readOnly" in spec && spec.readOnly) continue;
      doc[key] = parseUpdateRingValue(key, spec, value, w.version);
      continue;
    }
    throw unknownPropertyError(key, type);
  }
}

/** Names of the update-ring settings a device applies (everything but computed pause/rollback state). */
export function updateRingSettingNames(): string[] {
  return Object.entries(UPDATE_RING_PROPERTIES).filter(([, s]) => !("readOnly" in s && s.readOnly)).map(([n]) => n);
}
