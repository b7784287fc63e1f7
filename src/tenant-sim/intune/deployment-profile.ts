/**
 * Beta Autopilot deployment profiles (`windowsAutopilotDeploymentProfiles`; v1.0 has no such
 * navigation, graph-facts §5.1). HoloLens uses `azureADWindowsAutopilotDeploymentProfile` with
 * `deviceType: "holoLens"`. Beta carries deprecated and current names side by side (`language` /
 * `locale`, `outOfBoxExperienceSettings` / `outOfBoxExperienceSetting`, …): the tenant accepts
 * either and answers both, the current one winning when a body has both.
 */
import { GraphHttpError } from "../framework.ts";
import { unknownPropertyError } from "./intune-error.ts";

export const PROFILE_TYPES = ["microsoft.graph.azureADWindowsAutopilotDeploymentProfile", "microsoft.graph.activeDirectoryWindowsAutopilotDeploymentProfile"] as const;
/** Beta `windowsAutopilotDeviceType` (BETA-MAP). */
export const DEVICE_TYPES = ["windowsPc", "surfaceHub2", "holoLens", "surfaceHub2S", "virtualMachine", "unknownFutureValue"] as const;
const USAGE_TYPES = ["singleUser", "shared", "unknownFutureValue"];
const USER_TYPES = ["administrator", "standard", "unknownFutureValue"];
/** "At most 350 profiles per tenant" (docs.microsoft.com/mem/autopilot/profiles). */
export const MAX_PROFILES = 350;

/** Current OOBE name → deprecated name (graph-facts §5.1 table). */
const OOBE_RENAMES: Record<string, string> = {
  privacySettingsHidden: "hidePrivacySettings",
  eulaHidden: "hideEULA",
  keyboardSelectionPageSkipped: "skipKeyboardSelectionPage",
  escapeLinkHidden: "hideEscapeLink",
  userType: "userType",
  deviceUsageType: "deviceUsageType",
};
/** Current top-level name → deprecated name. */
const RENAMES: Record<string, string> = {
  locale: "language",
  hardwareHashExtractionEnabled: "extractHardwareHash",
  preprovisioningAllowed: "enableWhiteGlove",
};

export interface OobeSetting {
  privacySettingsHidden: boolean;
  eulaHidden: boolean;
  keyboardSelectionPageSkipped: boolean;
  escapeLinkHidden: boolean;
  userType: string;
  deviceUsageType: string;
}

export interface DeploymentProfileDoc {
  id: string;
  "@odata.type": string;
  displayName: string;
  description: string | null;
  deviceNameTemplate: string | null;
  deviceType: string;
  locale: string | null;
  hardwareHashExtractionEnabled: boolean;
  preprovisioningAllowed: boolean;
  roleScopeTagIds: string[];
  managementServiceAppId: string | null;
  enrollmentStatusScreenSettings: Record<string, unknown> | null;
  outOfBoxExperienceSetting: OobeSetting;
  createdDateTime: string;
  lastModifiedDateTime: string;
  /** Only on `activeDirectoryWindowsAutopilotDeploymentProfile` (BETA-MAP). */
  hybridAzureADJoinSkipConnectivityCheck?: boolean;
}

const HYBRID_PROFILE = "#microsoft.graph.activeDirectoryWindowsAutopilotDeploymentProfile";

const DEFAULT_OOBE: OobeSetting = {
  privacySettingsHidden: false,
  eulaHidden: false,
  keyboardSelectionPageSkipped: false,
  escapeLinkHidden: false,
  userType: "standard",
  deviceUsageType: "singleUser",
};

function bad(message: string): GraphHttpError {
  return new GraphHttpError(400, "BadRequest", message);
}

/**
 * `deviceNameTemplate`: at most 15 characters, letters, digits and hyphens, not only digits, macros
 * `%SERIAL%` and `%RAND:n%` (Microsoft's Autopilot troubleshooting doc, via Microsoft365DSC #3892).
 */
export function deviceNameTemplateProblem(template: string): string | null {
  const withoutMacros = template.replace(/%SERIAL%/gi, "").replace(/%RAND:\d+%/gi, "");
  if (/[^A-Za-z0-9-]/.test(withoutMacros)) return "only letters, digits, hyphens and the macros %SERIAL% and %RAND:n% are allowed";
  const literalLength = template.replace(/%SERIAL%/gi, "S").replace(/%RAND:(\d+)%/gi, (_, n: string) => "9".repeat(Number(n))).length;
  if (literalLength > 15) return "the name can be at most 15 characters";
  if (/^\d+$/.test(template)) return "the name cannot be only digits";
  return null;
}

function parseOobe(raw: unknown, current: OobeSetting, deprecated: boolean): OobeSetting {
  if (raw === null) return current;
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw bad("The OOBE settings must be an object.");
  const out = { ...current };
  const names = deprecated ? Object.fromEntries(Object.entries(OOBE_RENAMES).map(([n, o]) => [o, n])) : Object.fromEntries(Object.keys(OOBE_RENAMES).map((n) => [n, n]));
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key === "@odata.type") continue;
    const name = names[key] as keyof OobeSetting | undefined;
    if (!name) throw unknownPropertyError(key, deprecated ? "microsoft.graph.outOfBoxExperienceSettings" : "microsoft.graph.outOfBoxExperienceSetting");
    if (name === "userType" || name === "deviceUsageType") {
      const allowed = name === "userType" ? USER_TYPES : USAGE_TYPES;
      if (typeof value !== "string" || !allowed.includes(value)) throw bad(`'${key}' must be one of ${allowed.join(", ")}.`);
      out[name] = value;
    } else {
      if (typeof value !== "boolean") throw bad(`'${key}' must be Edm.Boolean.`);
      out[name] = value;
    }
  }
  return out;
}

const BOOLEAN_FIELDS = new Set(["hardwareHashExtractionEnabled", "preprovisioningAllowed"]);
const COMPUTED = new Set(["id", "createdDateTime", "lastModifiedDateTime", "@odata.context"]);

/** Applies a POST (with `base` = null) or PATCH body; returns the new stored document. */
export function applyProfileBody(base: DeploymentProfileDoc | null, bodyIn: unknown, id: string, now: Date): DeploymentProfileDoc {
  if (!bodyIn || typeof bodyIn !== "object" || Array.isArray(bodyIn)) throw bad("The request body must be a JSON object.");
  const body = bodyIn as Record<string, unknown>;
  const rawType = typeof body["@odata.type"] === "string" ? (body["@odata.type"] as string).replace(/^#/, "") : undefined;
  if (!base && !rawType) throw bad("Cannot create an abstract class. '@odata.type' is required for 'microsoft.graph.windowsAutopilotDeploymentProfile'.");
  if (rawType && !(PROFILE_TYPES as readonly string[]).includes(rawType)) throw bad(`A type named '${rawType}' could not be resolved by the model. When a model is available, each type name must resolve to a valid type.`);
  if (base && rawType && `#${rawType}` !== base["@odata.type"]) throw bad(`The @odata.type '${rawType}' does not match the profile's type.`);
  const iso = now.toISOString();
  const doc: DeploymentProfileDoc = base
    ? structuredClone(base)
    : {
        id,
        "@odata.type": `#${rawType}`,
        displayName: "",
        description: null,
        deviceNameTemplate: null,
        deviceType: "windowsPc",
        locale: null,
        hardwareHashExtractionEnabled: false,
        preprovisioningAllowed: false,
        roleScopeTagIds: ["0"],
        managementServiceAppId: null,
        enrollmentStatusScreenSettings: null,
        outOfBoxExperienceSetting: { ...DEFAULT_OOBE },
        createdDateTime: iso,
        lastModifiedDateTime: iso,
        ...(`#${rawType}` === HYBRID_PROFILE ? { hybridAzureADJoinSkipConnectivityCheck: false } : {}),
      };
  const deprecatedToCurrent = Object.fromEntries(Object.entries(RENAMES).map(([n, o]) => [o, n]));
  // Deprecated names first, so a current name in the same body wins.
  const isDeprecated = (key: string) => key in deprecatedToCurrent || key === "outOfBoxExperienceSettings";
  const entries = [...Object.entries(body).filter(([k]) => isDeprecated(k)), ...Object.entries(body).filter(([k]) => !isDeprecated(k))];
  for (const [key, value] of entries) {
    if (key === "@odata.type" || COMPUTED.has(key) || key.includes("@")) continue;
    const name = deprecatedToCurrent[key] ?? key;
    switch (name) {
      case "displayName":
        if (typeof value !== "string" || value.trim() === "") throw bad("The property 'displayName' is required and cannot be empty.");
        doc.displayName = value;
        break;
      case "description":
      case "managementServiceAppId":
      case "locale":
        if (value !== null && typeof value !== "string") throw bad(`'${key}' must be Edm.String.`);
        doc[name] = value as string | null;
        break;
      case "deviceNameTemplate": {
        if (value !== null && typeof value !== "string") throw bad("'deviceNameTemplate' must be Edm.String.");
        const problem = value ? deviceNameTemplateProblem(value) : null;
        if (problem) throw bad(`deviceNameTemplate '${value}': ${problem}.`);
        // Stored as sent: "" ("Apply device name template: No") reads back as "", not null, like any Edm.String.
        doc.deviceNameTemplate = value as string | null;
        break;
      }
      case "deviceType":
        if (typeof value !== "string" || !(DEVICE_TYPES as readonly string[]).includes(value)) throw bad(`'deviceType' must be one of ${DEVICE_TYPES.join(", ")}.`);
        doc.deviceType = value;
        break;
      case "roleScopeTagIds":
        if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) throw bad("'roleScopeTagIds' must be a collection of Edm.String.");
        doc.roleScopeTagIds = value as string[];
        break;
      case "enrollmentStatusScreenSettings":
        if (value !== null && (typeof value !== "object" || Array.isArray(value))) throw bad("'enrollmentStatusScreenSettings' must be an object.");
        doc.enrollmentStatusScreenSettings = value as Record<string, unknown> | null;
        break;
      case "outOfBoxExperienceSetting":
        doc.outOfBoxExperienceSetting = parseOobe(value, doc.outOfBoxExperienceSetting, false);
        break;
      case "outOfBoxExperienceSettings":
        doc.outOfBoxExperienceSetting = parseOobe(value, doc.outOfBoxExperienceSetting, true);
        break;
      case "hybridAzureADJoinSkipConnectivityCheck":
        // Declared by the hybrid (Active Directory) profile type only.
        if (doc["@odata.type"] !== HYBRID_PROFILE) throw unknownPropertyError(key, doc["@odata.type"].slice(1));
        if (typeof value !== "boolean") throw bad(`'${key}' must be Edm.Boolean.`);
        doc.hybridAzureADJoinSkipConnectivityCheck = value;
        break;
      default:
        if (BOOLEAN_FIELDS.has(name)) {
          if (typeof value !== "boolean") throw bad(`'${key}' must be Edm.Boolean.`);
          doc[name as "hardwareHashExtractionEnabled" | "preprovisioningAllowed"] = value;
          break;
        }
        throw unknownPropertyError(key, doc["@odata.type"].slice(1));
    }
  }
  if (!doc.displayName) throw bad("The property 'displayName' is required and cannot be empty.");
  doc.lastModifiedDateTime = iso;
  return doc;
}

/** The profile as beta answers it: current and deprecated names both filled. */
export function renderProfile(doc: DeploymentProfileDoc): Record<string, unknown> {
  const oobe = doc.outOfBoxExperienceSetting;
  return {
    ...doc,
    language: doc.locale,
    extractHardwareHash: doc.hardwareHashExtractionEnabled,
    enableWhiteGlove: doc.preprovisioningAllowed,
    outOfBoxExperienceSettings: Object.fromEntries(Object.entries(OOBE_RENAMES).map(([current, old]) => [old, oobe[current as keyof OobeSetting]])),
  };
}
