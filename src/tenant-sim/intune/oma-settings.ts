/**
 * Custom OMA-URI settings (`omaSettings` of `windows10CustomConfiguration`): validation of what a
 * client writes, and how Intune reads them back. String values are kept in plaintext in the store
 * and read back masked as `"****"`; beta adds `isEncrypted: true` and a `secretReferenceValueId`
 * that `getOmaSettingPlainTextValue` resolves (graph-facts §4.1, §13.10). v1.0 has neither property
 * in its schema, so v1.0 reads show `"****"` alone (graph-facts §14 leaves v1.0 masking open; the
 * tenant takes the stricter reading so a client never learns to diff masked values).
 */
import { randomUUID } from "node:crypto";
import { GraphHttpError, type GraphVersion } from "../framework.ts";
import { normaliseHardwareHash } from "./hardware-hash.ts";
import { unknownPropertyError } from "./intune-error.ts";

export const MASKED_VALUE = "****";
/** "maximum of 1000 elements" (CSDL description of `omaSettings`). */
export const MAX_OMA_SETTINGS = 1000;

export type OmaValueKind = "integer" | "string" | "boolean" | "base64" | "stringXml" | "dateTime" | "floatingPoint";

const SUBTYPES: Record<string, OmaValueKind> = {
  "microsoft.graph.omaSettingInteger": "integer",
  "microsoft.graph.omaSettingString": "string",
  "microsoft.graph.omaSettingBoolean": "boolean",
  "microsoft.graph.omaSettingBase64": "base64",
  "microsoft.graph.omaSettingStringXml": "stringXml",
  "microsoft.graph.omaSettingDateTime": "dateTime",
  "microsoft.graph.omaSettingFloatingPoint": "floatingPoint",
};

/** One stored setting: plaintext value; `secretReferenceValueId` only for string values. */
export interface StoredOmaSetting {
  "@odata.type": string;
  displayName: string;
  description: string | null;
  omaUri: string;
  value: unknown;
  fileName?: string | null;
  secretReferenceValueId?: string;
}

export function omaValueKind(setting: Pick<StoredOmaSetting, "@odata.type">): OmaValueKind {
  return SUBTYPES[setting["@odata.type"].replace(/^#/, "")] ?? "string";
}

const DATE_TIME_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;

function badValue(type: string, expected: string): GraphHttpError {
  return new GraphHttpError(400, "BadRequest", `Cannot convert the literal to the expected type '${expected}' for property 'value' of '${type}'.`);
}

function checkValue(kind: OmaValueKind, type: string, value: unknown): unknown {
  switch (kind) {
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value) || value < -2147483648 || value > 2147483647) throw badValue(type, "Edm.Int32");
      return value;
    case "boolean":
      if (typeof value !== "boolean") throw badValue(type, "Edm.Boolean");
      return value;
    case "floatingPoint":
      if (typeof value !== "number") throw badValue(type, "Edm.Single");
      return value;
    case "dateTime":
      if (typeof value !== "string" || !DATE_TIME_OFFSET.test(value)) throw badValue(type, "Edm.DateTimeOffset");
      return value;
    case "stringXml":
      // Edm.Binary: the XML travels base64-encoded (graph-facts §4.1).
      if (typeof value !== "string" || !normaliseHardwareHash(value).ok) throw badValue(type, "Edm.Binary");
      return value;
    case "string":
    case "base64":
      if (typeof value !== "string") throw badValue(type, "Edm.String");
      return value;
  }
}

const COMMON = new Set(["@odata.type", "displayName", "description", "omaUri", "value"]);
const WITH_FILE = new Set(["base64", "stringXml"]);
const BETA_ONLY = new Set(["isEncrypted", "secretReferenceValueId", "isReadOnly"]);

/**
 * Validates the `omaSettings` a client sends. `previous` are the configuration's stored settings:
 * a beta client that writes back a masked value with its `secretReferenceValueId` keeps the secret;
 * an unknown id is rejected, since the tenant cannot know the plaintext.
 */
export function parseOmaSettings(input: unknown, version: GraphVersion, configurationId: string, previous: readonly StoredOmaSetting[] = []): StoredOmaSetting[] {
  if (!Array.isArray(input)) throw new GraphHttpError(400, "BadRequest", "The property 'omaSettings' must be a collection of microsoft.graph.omaSetting.");
  if (input.length > MAX_OMA_SETTINGS) throw new GraphHttpError(400, "BadRequest", `omaSettings has ${input.length} elements; the maximum is ${MAX_OMA_SETTINGS}.`);
  return input.map((raw, i) => {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new GraphHttpError(400, "BadRequest", `omaSettings[${i}] must be an object.`);
    const item = raw as Record<string, unknown>;
    const odataType = item["@odata.type"];
    // omaSetting is abstract: without @odata.type the service cannot pick the subtype (graph-facts §9.10).
    if (typeof odataType !== "string") {
      throw new GraphHttpError(400, "BadRequest", "Cannot create an abstract class. A type named 'microsoft.graph.omaSetting' needs '@odata.type' on each element of 'omaSettings'.");
    }
    const typeName = odataType.replace(/^#/, "");
    const kind = SUBTYPES[typeName];
    if (!kind) throw new GraphHttpError(400, "BadRequest", `A type named '${typeName}' could not be resolved by the model. When a model is available, each type name must resolve to a valid type.`);
    for (const key of Object.keys(item)) {
      if (COMMON.has(key)) continue;
      if (key === "fileName" && WITH_FILE.has(kind)) continue;
      if (version === "beta" && BETA_ONLY.has(key) && (key !== "isReadOnly" || kind === "integer")) continue;
      throw unknownPropertyError(key, typeName);
    }
    if (typeof item.displayName !== "string" || item.displayName === "") throw new GraphHttpError(400, "BadRequest", `omaSettings[${i}].displayName is required.`);
    if (typeof item.omaUri !== "string" || item.omaUri === "") throw new GraphHttpError(400, "BadRequest", `omaSettings[${i}].omaUri is required.`);
    if (item.description !== undefined && item.description !== null && typeof item.description !== "string") {
      throw new GraphHttpError(400, "BadRequest", `omaSettings[${i}].description must be a string.`);
    }
    const setting: StoredOmaSetting = {
      "@odata.type": `#${typeName}`,
      displayName: item.displayName,
      description: (item.description as string | null | undefined) ?? null,
      omaUri: item.omaUri,
      value: undefined,
    };
    if (WITH_FILE.has(kind)) setting.fileName = (item.fileName as string | null | undefined) ?? null;

    const reference = item.secretReferenceValueId;
    if (kind === "string" && item.value === MASKED_VALUE && typeof reference === "string" && reference !== "") {
      const known = previous.find((p) => p.secretReferenceValueId === reference);
      if (!known) throw new GraphHttpError(400, "BadRequest", `secretReferenceValueId '${reference}' does not belong to this configuration; send the plaintext value.`);
      return { ...setting, value: known.value, secretReferenceValueId: reference };
    }
    setting.value = checkValue(kind, typeName, item.value);
    if (kind === "string") {
      const same = previous.find((p) => p.omaUri === setting.omaUri && p.value === setting.value && p.secretReferenceValueId);
      setting.secretReferenceValueId = same?.secretReferenceValueId ?? newSecretReferenceValueId(configurationId);
    }
    return setting;
  });
}

/** Shape seen in the wild: three GUIDs joined by `_` (Microsoft365DSC #3655). */
export function newSecretReferenceValueId(configurationId: string): string {
  return `${configurationId}_${randomUUID()}_${randomUUID()}`;
}

/** The settings as a Graph read returns them (masked strings; beta-only fields on beta). */
export function renderOmaSettings(settings: readonly StoredOmaSetting[], version: GraphVersion): Record<string, unknown>[] {
  return settings.map((s) => {
    const { secretReferenceValueId, ...rest } = s;
    const masked = omaValueKind(s) === "string";
    const out: Record<string, unknown> = { ...rest, value: masked ? MASKED_VALUE : s.value };
    if (version === "beta") {
      out.isEncrypted = masked;
      out.secretReferenceValueId = masked ? (secretReferenceValueId ?? null) : null;
      if (omaValueKind(s) === "integer") out.isReadOnly = false;
    }
    return out;
  });
}

/** The plaintext behind a `secretReferenceValueId`, or undefined. */
export function plainTextValue(settings: readonly StoredOmaSetting[], secretReferenceValueId: string): string | undefined {
  const hit = settings.find((s) => s.secretReferenceValueId === secretReferenceValueId);
  return hit && typeof hit.value === "string" ? hit.value : undefined;
}
