/**
 * Automatic MDM enrollment: the beta `mobileDeviceManagementPolicies` (type `mobilityManagementPolicy`,
 * derived `mobileDeviceManagementPolicy`), one per MDM application — here Microsoft Intune's, whose id
 * is Intune's application id. `appliesTo` is the MDM user scope (`none | all | selected`); with
 * `selected`, `includedGroups` says who. Rules from `mobiledevicemanagementpolicies-update.md`:
 * `appliesTo` cannot be patched together with other properties, `selected` cannot be patched (groups are
 * added through `includedGroups/$ref`, which makes the scope `selected`), and `all` removes every group.
 * Seeded with scope `all`, so the program's accounts are in scope.
 */
import { GraphHttpError } from "../framework.ts";
import { undeclaredPropertyError } from "../directory/request-body.ts";

export const MDM_POLICIES_KIND = "mobileDeviceManagementPolicies";
/** Microsoft Intune's application id, which is the id of its MDM policy. */
export const INTUNE_MDM_POLICY_ID = "0000000a-0000-0000-c000-000000000000";

/** Beta enum `policyScope`. */
export const POLICY_SCOPES = ["none", "all", "selected", "unknownFutureValue"] as const;

export interface MdmPolicyDoc {
  id: string;
  "@odata.type": string;
  displayName: string;
  description: string | null;
  appliesTo: string;
  complianceUrl: string | null;
  discoveryUrl: string | null;
  termsOfUseUrl: string | null;
  isValid: boolean;
  isMdmEnrollmentDuringRegistrationDisabled: boolean;
  /** Group object ids of `includedGroups`. */
  _includedGroups: string[];
  [key: string]: unknown;
}

/** Intune's MDM application as Entra lists it under Mobility (MDM and MAM), scope All. */
export function defaultIntuneMdmPolicy(): MdmPolicyDoc {
  return {
    id: INTUNE_MDM_POLICY_ID,
    "@odata.type": "#microsoft.graph.mobileDeviceManagementPolicy",
    displayName: "Microsoft Intune",
    description: "Microsoft Intune",
    appliesTo: "all",
    complianceUrl: "https://portal.manage.microsoft.com/?portalAction=Compliance",
    discoveryUrl: "https://enrollment.manage.microsoft.com/enrollmentserver/discovery.svc",
    termsOfUseUrl: "https://portal.manage.microsoft.com/TermsofUse.aspx",
    isValid: true,
    isMdmEnrollmentDuringRegistrationDisabled: false,
    _includedGroups: [],
  };
}

const URLS = ["complianceUrl", "discoveryUrl", "termsOfUseUrl"];
/** Read-only; a GET-modify-PATCH may send them back unchanged. */
const READ_ONLY = new Set(["id", "displayName", "description", "isValid", "includedGroups"]);

function bad(message: string): GraphHttpError {
  return new GraphHttpError(400, "Request_BadRequest", message);
}

/** Applies a PATCH body to a copy of the policy. */
export function patchMdmPolicy(current: MdmPolicyDoc, bodyIn: unknown): MdmPolicyDoc {
  if (!bodyIn || typeof bodyIn !== "object" || Array.isArray(bodyIn)) throw bad("The request body must be a JSON object.");
  const body = bodyIn as Record<string, unknown>;
  const keys = Object.keys(body).filter((k) => !k.startsWith("@odata.") && !READ_ONLY.has(k));
  for (const key of keys) if (key !== "appliesTo" && key !== "isMdmEnrollmentDuringRegistrationDisabled" && !URLS.includes(key)) throw undeclaredPropertyError(key);
  const next = structuredClone(current);
  if ("appliesTo" in body) {
    if (keys.length > 1) throw bad("'appliesTo' cannot be updated together with other properties.");
    const scope = body.appliesTo;
    if (typeof scope !== "string" || !(POLICY_SCOPES as readonly string[]).includes(scope)) throw bad(`'appliesTo' must be one of ${POLICY_SCOPES.join(", ")}.`);
    if (scope === "selected") throw bad("'appliesTo' cannot be set to 'selected'; add groups through includedGroups instead.");
    next.appliesTo = scope;
    if (scope === "all") next._includedGroups = [];
    return next;
  }
  for (const key of URLS) {
    if (!(key in body)) continue;
    const value = body[key];
    if (value !== null && (typeof value !== "string" || !/^https:\/\/\S+$/.test(value))) throw bad(`Invalid value specified for property '${key}': expected an https URL.`);
    next[key] = value;
  }
  if ("isMdmEnrollmentDuringRegistrationDisabled" in body) {
    if (typeof body.isMdmEnrollmentDuringRegistrationDisabled !== "boolean") throw bad("Invalid value specified for property 'isMdmEnrollmentDuringRegistrationDisabled'.");
    next.isMdmEnrollmentDuringRegistrationDisabled = body.isMdmEnrollmentDuringRegistrationDisabled;
  }
  return next;
}

/** Adds a group to the scope: the scope becomes `selected` (only those groups). */
export function includeGroup(current: MdmPolicyDoc, groupId: string): MdmPolicyDoc {
  if (current._includedGroups.includes(groupId)) throw bad("One or more added object references already exist for the following modified properties: 'includedGroups'.");
  return { ...current, appliesTo: "selected", _includedGroups: [...current._includedGroups, groupId] };
}

/** Removes a group from the scope; the scope stays `selected` (an empty selection enrolls no one). */
export function excludeGroup(current: MdmPolicyDoc, groupId: string): MdmPolicyDoc | undefined {
  if (!current._includedGroups.includes(groupId)) return undefined;
  return { ...current, _includedGroups: current._includedGroups.filter((id) => id !== groupId) };
}
