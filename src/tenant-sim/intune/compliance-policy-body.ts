/**
 * Request bodies of `/deviceManagement/deviceCompliancePolicies` for the one type the local tenant
 * models, `windows10CompliancePolicy` (HoloLens 2 takes Windows compliance policies): its v1.0 CSDL
 * properties with their EDM types, Intune's rule that a new policy carries exactly one `block`
 * scheduled action ("Compliance policy must have one and only one block scheduled action", as
 * Graph answers a create without one: microsoft-graph-docs #7746, ugurkocde/TenuVault #25), and the
 * stored document. Non-nullable properties a client leaves out get their EDM default (false, the
 * enum member with value 0), as OData deserialisation gives. Other compliance types are not modelled.
 */
import { randomUUID } from "node:crypto";
import { GraphHttpError, type GraphVersion } from "../framework.ts";
import { unknownPropertyError } from "./intune-error.ts";
import { notModelledError } from "./not-modelled.ts";

export const WINDOWS_COMPLIANCE = "microsoft.graph.windows10CompliancePolicy";

/** v1.0 CSDL enum members, first = value 0 (`compliance-policy-body.test.ts` holds them against the CSDL). */
export const COMPLIANCE_ENUMS = {
  requiredPasswordType: ["deviceDefault", "alphanumeric", "numeric"],
  deviceComplianceActionType: ["noAction", "notification", "block", "retire", "wipe", "removeResourceAccessProfiles", "pushNotification"],
} as const;

type Spec = { kind: "boolean" | "int32" | "string"; nullable: boolean } | { kind: "enum"; enumType: keyof typeof COMPLIANCE_ENUMS; nullable: false };

/** The v1.0 CSDL properties of `windows10CompliancePolicy` (beyond the base type's). */
export const WINDOWS_COMPLIANCE_PROPERTIES: Readonly<Record<string, Spec>> = {
  bitLockerEnabled: { kind: "boolean", nullable: false },
  codeIntegrityEnabled: { kind: "boolean", nullable: false },
  earlyLaunchAntiMalwareDriverEnabled: { kind: "boolean", nullable: false },
  mobileOsMaximumVersion: { kind: "string", nullable: true },
  mobileOsMinimumVersion: { kind: "string", nullable: true },
  osMaximumVersion: { kind: "string", nullable: true },
  osMinimumVersion: { kind: "string", nullable: true },
  passwordBlockSimple: { kind: "boolean", nullable: false },
  passwordExpirationDays: { kind: "int32", nullable: true },
  passwordMinimumCharacterSetCount: { kind: "int32", nullable: true },
  passwordMinimumLength: { kind: "int32", nullable: true },
  passwordMinutesOfInactivityBeforeLock: { kind: "int32", nullable: true },
  passwordPreviousPasswordBlockCount: { kind: "int32", nullable: true },
  passwordRequired: { kind: "boolean", nullable: false },
  passwordRequiredToUnlockFromIdle: { kind: "boolean", nullable: false },
  passwordRequiredType: { kind: "enum", enumType: "requiredPasswordType", nullable: false },
  requireHealthyDeviceReport: { kind: "boolean", nullable: false },
  secureBootEnabled: { kind: "boolean", nullable: false },
  storageRequireEncryption: { kind: "boolean", nullable: false },
};

/** Intune's "no notification template" (IntuneCD skips templates with this id). */
export const NO_NOTIFICATION_TEMPLATE = "00000000-0000-0000-0000-000000000000";

export interface ComplianceActionItemDoc {
  id: string;
  actionType: string;
  gracePeriodHours: number;
  notificationTemplateId: string;
  notificationMessageCCList: string[];
}

export interface ScheduledActionForRuleDoc {
  id: string;
  ruleName: string | null;
  scheduledActionConfigurations: ComplianceActionItemDoc[];
}

export interface CompliancePolicyDoc {
  id: string;
  "@odata.type": string;
  displayName: string;
  description: string | null;
  createdDateTime: string;
  lastModifiedDateTime: string;
  version: number;
  /** The `scheduledActionsForRule` navigation (shown only through `$expand`). */
  _scheduledActionsForRule: ScheduledActionForRuleDoc[];
  /** Beta's `roleScopeTagIds`. */
  _roleScopeTagIds: string[];
  [property: string]: unknown;
}

function invalid(name: string, message: string): GraphHttpError {
  return new GraphHttpError(400, "BadRequest", `Invalid value for property '${name}': ${message}`);
}

function parseValue(name: string, spec: Spec, value: unknown): unknown {
  if (value === null) {
    if (!spec.nullable) throw invalid(name, "null is not allowed.");
    return null;
  }
  switch (spec.kind) {
    case "boolean":
      if (typeof value !== "boolean") throw invalid(name, "expected Edm.Boolean.");
      return value;
    case "int32":
      if (typeof value !== "number" || !Number.isInteger(value) || value < -2147483648 || value > 2147483647) throw invalid(name, "expected Edm.Int32.");
      return value;
    case "string":
      if (typeof value !== "string") throw invalid(name, "expected Edm.String.");
      return value;
    case "enum": {
      const members: readonly string[] = COMPLIANCE_ENUMS[spec.enumType];
      if (typeof value !== "string" || !members.includes(value)) throw invalid(name, `expected one of ${members.join(", ")}.`);
      return value;
    }
  }
}

function defaultOf(spec: Spec): unknown {
  if (spec.nullable) return null;
  if (spec.kind === "boolean") return false;
  if (spec.kind === "enum") return COMPLIANCE_ENUMS[spec.enumType][0];
  return 0;
}

function asObject(body: unknown, what = "The request body"): Record<string, unknown> {
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new GraphHttpError(400, "BadRequest", `${what} must be a JSON object.`);
  return body as Record<string, unknown>;
}

const ACTION_ITEM_PROPERTIES = ["id", "actionType", "gracePeriodHours", "notificationTemplateId", "notificationMessageCCList"];
const RULE_PROPERTIES = ["id", "ruleName", "scheduledActionConfigurations"];

function parseActionItem(raw: unknown): ComplianceActionItemDoc {
  const item = asObject(raw, "A scheduled action configuration");
  for (const key of Object.keys(item)) if (!key.includes("@") && !ACTION_ITEM_PROPERTIES.includes(key)) throw unknownPropertyError(key, "microsoft.graph.deviceComplianceActionItem");
  const actionType = parseValue("actionType", { kind: "enum", enumType: "deviceComplianceActionType", nullable: false }, item.actionType ?? "noAction") as string;
  const grace = item.gracePeriodHours === undefined ? 0 : (parseValue("gracePeriodHours", { kind: "int32", nullable: false }, item.gracePeriodHours) as number);
  const template = item.notificationTemplateId;
  if (template !== undefined && template !== null && typeof template !== "string") throw invalid("notificationTemplateId", "expected Edm.String.");
  const cc = item.notificationMessageCCList ?? [];
  if (!Array.isArray(cc) || !cc.every((c) => typeof c === "string")) throw invalid("notificationMessageCCList", "expected a collection of Edm.String.");
  // An empty template id (what Microsoft's samples send) means none.
  return { id: randomUUID(), actionType, gracePeriodHours: grace, notificationTemplateId: template ? template : NO_NOTIFICATION_TEMPLATE, notificationMessageCCList: cc as string[] };
}

/** `scheduledActionsForRule` of a create body: one rule holding exactly one `block` action. */
export function parseScheduledActions(raw: unknown): ScheduledActionForRuleDoc[] {
  const rules = Array.isArray(raw) ? raw : [];
  const parsed = rules.map((r) => {
    const rule = asObject(r, "A scheduled action for rule");
    for (const key of Object.keys(rule)) if (!key.includes("@") && !RULE_PROPERTIES.includes(key)) throw unknownPropertyError(key, "microsoft.graph.deviceComplianceScheduledActionForRule");
    if (rule.ruleName !== undefined && rule.ruleName !== null && typeof rule.ruleName !== "string") throw invalid("ruleName", "expected Edm.String.");
    const configurations = rule.scheduledActionConfigurations ?? [];
    if (!Array.isArray(configurations)) throw invalid("scheduledActionConfigurations", "expected a collection.");
    return { id: randomUUID(), ruleName: (rule.ruleName as string | null | undefined) ?? null, scheduledActionConfigurations: configurations.map(parseActionItem) };
  });
  const blocks = parsed.flatMap((r) => r.scheduledActionConfigurations).filter((a) => a.actionType === "block").length;
  if (blocks !== 1) throw new GraphHttpError(400, "BadRequest", "Compliance policy must have one and only one block scheduled action");
  return parsed;
}

const BASE_COMPUTED = new Set(["id", "createdDateTime", "lastModifiedDateTime", "version"]);
const NAVIGATIONS = new Set(["assignments", "deviceSettingStateSummaries", "deviceStatuses", "deviceStatusOverview", "userStatuses", "userStatusOverview"]);

/** The type a create body names; only `windows10CompliancePolicy` is modelled. */
function complianceTypeOf(body: Record<string, unknown>): string {
  const raw = body["@odata.type"];
  // deviceCompliancePolicy is abstract (CSDL): the create must say which type.
  if (typeof raw !== "string") throw new GraphHttpError(400, "BadRequest", "Cannot create an abstract class. '@odata.type' is required for 'microsoft.graph.deviceCompliancePolicy'.");
  const name = raw.replace(/^#/, "");
  if (name !== WINDOWS_COMPLIANCE) throw notModelledError(`compliance policies of type '${name}' (only ${WINDOWS_COMPLIANCE})`);
  return name;
}

function applyFields(doc: CompliancePolicyDoc, body: Record<string, unknown>, version: GraphVersion, creating: boolean): void {
  for (const [key, value] of Object.entries(body)) {
    if (key.includes("@") || BASE_COMPUTED.has(key)) continue;
    if (key === "displayName") {
      if (typeof value !== "string" || value.trim() === "") throw new GraphHttpError(400, "BadRequest", "The property 'displayName' is required and cannot be empty.");
      doc.displayName = value;
    } else if (key === "description") {
      if (value !== null && typeof value !== "string") throw invalid("description", "expected Edm.String.");
      doc.description = value as string | null;
    } else if (key === "scheduledActionsForRule") {
      // Set with the policy; later changes go through the scheduleActionsForRules action (not modelled).
      if (!creating) throw new GraphHttpError(400, "BadRequest", "The navigation property 'scheduledActionsForRule' cannot be updated with PATCH.");
      doc._scheduledActionsForRule = parseScheduledActions(value);
    } else if (key === "roleScopeTagIds" && version === "beta") {
      if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) throw invalid("roleScopeTagIds", "expected a collection of Edm.String.");
      doc._roleScopeTagIds = value as string[];
    } else if (key in WINDOWS_COMPLIANCE_PROPERTIES) {
      doc[key] = parseValue(key, WINDOWS_COMPLIANCE_PROPERTIES[key]!, value);
    } else if (NAVIGATIONS.has(key)) {
      throw new GraphHttpError(400, "BadRequest", `The navigation property '${key}' cannot be written with the policy.`);
    } else {
      throw unknownPropertyError(key, doc["@odata.type"].replace(/^#/, ""));
    }
  }
}

/** Validates a create body and builds the stored document (version 1). */
export function createCompliancePolicyDoc(bodyIn: unknown, w: { version: GraphVersion; id: string; now: Date }): CompliancePolicyDoc {
  const body = asObject(bodyIn);
  const type = complianceTypeOf(body);
  if (!("scheduledActionsForRule" in body)) throw new GraphHttpError(400, "BadRequest", "Compliance policy must have one and only one block scheduled action");
  const now = w.now.toISOString();
  const doc: CompliancePolicyDoc = {
    id: w.id,
    "@odata.type": `#${type}`,
    displayName: "",
    description: null,
    createdDateTime: now,
    lastModifiedDateTime: now,
    version: 1,
    _scheduledActionsForRule: [],
    _roleScopeTagIds: ["0"],
  };
  for (const [name, spec] of Object.entries(WINDOWS_COMPLIANCE_PROPERTIES)) doc[name] = defaultOf(spec);
  applyFields(doc, body, w.version, true);
  if (doc.displayName === "") throw new GraphHttpError(400, "BadRequest", "The property 'displayName' is required and cannot be empty.");
  return doc;
}

/** Applies a PATCH body to a copy; bumps `version` and `lastModifiedDateTime`. */
export function patchCompliancePolicyDoc(existing: CompliancePolicyDoc, bodyIn: unknown, w: { version: GraphVersion; now: Date }): CompliancePolicyDoc {
  const body = asObject(bodyIn);
  const type = existing["@odata.type"].replace(/^#/, "");
  if (body["@odata.type"] !== undefined && String(body["@odata.type"]).replace(/^#/, "") !== type)
    throw new GraphHttpError(400, "BadRequest", `The @odata.type '${String(body["@odata.type"])}' does not match the entity's type '${type}'.`);
  const doc: CompliancePolicyDoc = structuredClone(existing);
  applyFields(doc, body, w.version, false);
  doc.version = existing.version + 1;
  doc.lastModifiedDateTime = w.now.toISOString();
  return doc;
}
