/**
 * Request bodies of the settings catalog, `/deviceManagement/configurationPolicies` (beta only):
 * `name`, `description`, `platforms` and `technologies` (flags enums, members from BETA-MAP),
 * `roleScopeTagIds`, `templateReference` and `settings` — each a `deviceManagementConfigurationSetting`
 * whose `settingInstance` names a concrete instance type and a `settingDefinitionId`. The catalog
 * of setting definitions is not in the reference, so a definition id and the values under it are
 * taken as sent (structure checked, meaning not). Settings get ordinal ids ("0", "1", …).
 */
import { GraphHttpError } from "../framework.ts";
import { unknownPropertyError } from "./intune-error.ts";

/** BETA-MAP enum members (`configuration-policy-body.test.ts` holds them against the mappings). */
export const CONFIGURATION_POLICY_ENUMS = {
  deviceManagementConfigurationPlatforms: ["none", "android", "iOS", "macOS", "windows10X", "windows10", "linux", "unknownFutureValue", "androidEnterprise", "aosp", "visionOS", "tvOS"],
  deviceManagementConfigurationTechnologies: [
    "none", "mdm", "windows10XManagement", "configManager", "intuneManagementExtension", "thirdParty", "documentGateway", "appleRemoteManagement", "microsoftSense",
    "exchangeOnline", "mobileApplicationManagement", "linuxMdm", "enrollment", "endpointPrivilegeManagement", "unknownFutureValue", "windowsOsRecovery", "android",
  ],
  deviceManagementConfigurationTemplateFamily: [
    "none", "endpointSecurityAntivirus", "endpointSecurityDiskEncryption", "endpointSecurityFirewall", "endpointSecurityEndpointDetectionAndResponse",
    "endpointSecurityAttackSurfaceReduction", "endpointSecurityAccountProtection", "endpointSecurityApplicationControl", "endpointSecurityEndpointPrivilegeManagement",
    "enrollmentConfiguration", "appQuietTime", "baseline", "unknownFutureValue", "deviceConfigurationScripts", "deviceConfigurationPolicies", "windowsOsRecoveryPolicies",
    "companyPortal", "windowsRecoveryAndRemediationConfiguration",
  ],
} as const;

/** Concrete `deviceManagementConfigurationSettingInstance` types (BETA-MAP complex types). */
export const SETTING_INSTANCE_TYPES = [
  "microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
  "microsoft.graph.deviceManagementConfigurationChoiceSettingCollectionInstance",
  "microsoft.graph.deviceManagementConfigurationSimpleSettingInstance",
  "microsoft.graph.deviceManagementConfigurationSimpleSettingCollectionInstance",
  "microsoft.graph.deviceManagementConfigurationGroupSettingInstance",
  "microsoft.graph.deviceManagementConfigurationGroupSettingCollectionInstance",
  "microsoft.graph.deviceManagementConfigurationSettingGroupInstance",
  "microsoft.graph.deviceManagementConfigurationSettingGroupCollectionInstance",
] as const;

const SETTING_TYPE = "microsoft.graph.deviceManagementConfigurationSetting";
const POLICY_TYPE = "microsoft.graph.deviceManagementConfigurationPolicy";

export interface ConfigurationSettingDoc {
  id: string;
  settingInstance: Record<string, unknown>;
}

export interface TemplateReference {
  templateId: string;
  templateFamily: string;
  templateDisplayName: string | null;
  templateDisplayVersion: string | null;
}

export interface ConfigurationPolicyDoc {
  id: string;
  name: string;
  description: string;
  platforms: string;
  technologies: string;
  roleScopeTagIds: string[];
  templateReference: TemplateReference;
  createdDateTime: string;
  lastModifiedDateTime: string;
  /** The `settings` navigation (a list route and `$expand=settings` show it). */
  _settings: ConfigurationSettingDoc[];
}

function invalid(name: string, message: string): GraphHttpError {
  return new GraphHttpError(400, "BadRequest", `Invalid value for property '${name}': ${message}`);
}

function asObject(value: unknown, what: string): Record<string, unknown> {
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new GraphHttpError(400, "BadRequest", `${what} must be a JSON object.`);
  return value as Record<string, unknown>;
}

function flags(name: string, enumType: keyof typeof CONFIGURATION_POLICY_ENUMS, value: unknown): string {
  const members: readonly string[] = CONFIGURATION_POLICY_ENUMS[enumType];
  if (typeof value !== "string") throw invalid(name, `expected members of ${enumType}.`);
  for (const part of value.split(",").map((s) => s.trim())) if (!members.includes(part)) throw invalid(name, `'${part}' is not one of ${members.join(", ")}.`);
  return value;
}

const bareType = (v: unknown) => (typeof v === "string" ? v.replace(/^#/, "") : "");

function parseSetting(raw: unknown, index: number): ConfigurationSettingDoc {
  const setting = asObject(raw, "A setting");
  const type = bareType(setting["@odata.type"]);
  if (type && type !== SETTING_TYPE) throw new GraphHttpError(400, "BadRequest", `A type named '${type}' could not be resolved by the model. When a model is available, each type name must resolve to a valid type.`);
  for (const key of Object.keys(setting)) if (!key.includes("@") && key !== "id" && key !== "settingInstance") throw unknownPropertyError(key, SETTING_TYPE);
  const instance = asObject(setting.settingInstance, "A setting's 'settingInstance'");
  const instanceType = bareType(instance["@odata.type"]);
  // deviceManagementConfigurationSettingInstance is abstract: the instance must name its type.
  if (!(SETTING_INSTANCE_TYPES as readonly string[]).includes(instanceType))
    throw new GraphHttpError(400, "BadRequest", `settings[${index}].settingInstance needs an @odata.type naming one of ${SETTING_INSTANCE_TYPES.join(", ")}.`);
  if (typeof instance.settingDefinitionId !== "string" || instance.settingDefinitionId.trim() === "")
    throw new GraphHttpError(400, "BadRequest", `settings[${index}].settingInstance needs a 'settingDefinitionId'.`);
  return { id: String(index), settingInstance: { ...instance, "@odata.type": `#${instanceType}` } };
}

export function parseSettings(value: unknown): ConfigurationSettingDoc[] {
  if (!Array.isArray(value)) throw invalid("settings", "expected a collection.");
  return value.map(parseSetting);
}

function parseTemplateReference(value: unknown): TemplateReference {
  const ref = value === null || value === undefined ? {} : asObject(value, "'templateReference'");
  const allowed = ["templateId", "templateFamily", "templateDisplayName", "templateDisplayVersion"];
  for (const key of Object.keys(ref)) if (!key.includes("@") && !allowed.includes(key)) throw unknownPropertyError(key, "microsoft.graph.deviceManagementConfigurationPolicyTemplateReference");
  if (ref.templateId !== undefined && typeof ref.templateId !== "string") throw invalid("templateReference.templateId", "expected Edm.String.");
  // Without a template the policy is a plain settings catalog policy (family none), as Intune answers it.
  return {
    templateId: (ref.templateId as string | undefined) ?? "",
    templateFamily: ref.templateFamily === undefined ? "none" : flags("templateReference.templateFamily", "deviceManagementConfigurationTemplateFamily", ref.templateFamily),
    templateDisplayName: null,
    templateDisplayVersion: null,
  };
}

function roleScopeTags(value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) throw invalid("roleScopeTagIds", "expected a collection of Edm.String.");
  return value as string[];
}

/** Server-computed; clients that send them back (a GET-modify-PATCH) are not refused. */
const COMPUTED = new Set(["id", "createdDateTime", "lastModifiedDateTime", "settingCount", "isAssigned", "creationSource", "priorityMetaData"]);

/** Validates a create body and builds the stored document. */
export function createConfigurationPolicyDoc(bodyIn: unknown, w: { id: string; now: Date }): ConfigurationPolicyDoc {
  const body = asObject(bodyIn, "The request body");
  const known = new Set(["name", "description", "platforms", "technologies", "roleScopeTagIds", "templateReference", "settings"]);
  for (const key of Object.keys(body)) if (!key.includes("@") && !known.has(key) && !COMPUTED.has(key)) throw unknownPropertyError(key, POLICY_TYPE);
  if (typeof body.name !== "string" || body.name.trim() === "") throw new GraphHttpError(400, "BadRequest", "The property 'name' is required and cannot be empty.");
  if (body.description !== undefined && body.description !== null && typeof body.description !== "string") throw invalid("description", "expected Edm.String.");
  const now = w.now.toISOString();
  return {
    id: w.id,
    name: body.name,
    description: (body.description as string | null | undefined) ?? "",
    platforms: flags("platforms", "deviceManagementConfigurationPlatforms", body.platforms ?? "none"),
    technologies: flags("technologies", "deviceManagementConfigurationTechnologies", body.technologies ?? "none"),
    roleScopeTagIds: body.roleScopeTagIds === undefined ? ["0"] : roleScopeTags(body.roleScopeTagIds),
    templateReference: parseTemplateReference(body.templateReference),
    createdDateTime: now,
    lastModifiedDateTime: now,
    _settings: body.settings === undefined ? [] : parseSettings(body.settings),
  };
}

/**
 * Applies a PATCH body: `name`, `description` and `roleScopeTagIds` change; the platform, the
 * technologies and the template stay what the policy was created with (a different value is a 400),
 * and the settings are replaced with `PUT` in Intune, which the local tenant does not model.
 */
export function patchConfigurationPolicyDoc(existing: ConfigurationPolicyDoc, bodyIn: unknown, now: Date): ConfigurationPolicyDoc {
  const body = asObject(bodyIn, "The request body");
  const doc = structuredClone(existing);
  for (const [key, value] of Object.entries(body)) {
    if (key.includes("@") || COMPUTED.has(key)) continue;
    if (key === "name") {
      if (typeof value !== "string" || value.trim() === "") throw new GraphHttpError(400, "BadRequest", "The property 'name' cannot be empty.");
      doc.name = value;
    } else if (key === "description") {
      if (value !== null && typeof value !== "string") throw invalid("description", "expected Edm.String.");
      doc.description = (value as string | null) ?? "";
    } else if (key === "roleScopeTagIds") {
      doc.roleScopeTagIds = roleScopeTags(value);
    } else if (key === "platforms" || key === "technologies") {
      if (value !== existing[key]) throw new GraphHttpError(400, "BadRequest", `The property '${key}' of a settings catalog policy cannot be changed.`);
    } else if (key === "templateReference") {
      if (parseTemplateReference(value).templateId !== existing.templateReference.templateId) throw new GraphHttpError(400, "BadRequest", "The template of a settings catalog policy cannot be changed.");
    } else if (key === "settings") {
      throw new GraphHttpError(400, "BadRequest", "The settings of a settings catalog policy are not updated with PATCH.");
    } else {
      throw unknownPropertyError(key, POLICY_TYPE);
    }
  }
  doc.lastModifiedDateTime = now.toISOString();
  return doc;
}
