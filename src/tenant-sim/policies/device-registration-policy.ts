/**
 * The tenant's device registration policy (`/policies/deviceRegistrationPolicy`, v1.0 and beta): who
 * may Microsoft Entra join and register devices, the device quota, MFA for joining, local
 * administrators and LAPS. Seeded as a new tenant with Intune has it (everyone may join; registration
 * is Intune's and not admin-configurable). An update is a full replace (`PUT` with every updatable
 * property, docs `deviceregistrationpolicy-update.md`); the permissions map also lists `PATCH`, which
 * the tenant takes as a partial update with the same checks.
 */
import { GraphHttpError } from "../framework.ts";
import { undeclaredPropertyError } from "../directory/request-body.ts";

export const DEVICE_REGISTRATION_POLICY_KIND = "deviceRegistrationPolicy";
export const DEVICE_REGISTRATION_POLICY_ID = "deviceRegistrationPolicy";

const MEMBERSHIP_TYPES = ["allDeviceRegistrationMembership", "noDeviceRegistrationMembership", "enumeratedDeviceRegistrationMembership"] as const;
/** v1.0 CSDL enum `multiFactorAuthConfiguration`. */
const MFA_VALUES = ["notRequired", "required", "unknownFutureValue"];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Membership =
  | { "@odata.type": "#microsoft.graph.allDeviceRegistrationMembership" }
  | { "@odata.type": "#microsoft.graph.noDeviceRegistrationMembership" }
  | { "@odata.type": "#microsoft.graph.enumeratedDeviceRegistrationMembership"; users: string[]; groups: string[] };

export interface DeviceRegistrationPolicyDoc {
  id: string;
  displayName: string;
  description: string;
  userDeviceQuota: number;
  multiFactorAuthConfiguration: string;
  azureADRegistration: { isAdminConfigurable: boolean; allowedToRegister: Membership };
  azureADJoin: { isAdminConfigurable: boolean; allowedToJoin: Membership; localAdmins: { enableGlobalAdmins: boolean; registeringUsers: Membership } };
  localAdminPassword: { isEnabled: boolean };
  [key: string]: unknown;
}

/**
 * Entra's defaults for a new tenant: any user may join (all), at most 50 devices per user, no MFA to
 * join, the joining user and Global Administrators become local admins, LAPS off; with Intune enabled,
 * registration is managed by Intune and cannot be changed here (deviceregistrationpolicy-update.md).
 */
export function defaultDeviceRegistrationPolicy(): DeviceRegistrationPolicyDoc {
  return {
    id: DEVICE_REGISTRATION_POLICY_ID,
    displayName: "Device Registration Policy",
    description: "Tenant-wide policy that manages initial provisioning controls using quota restrictions, additional authentication and authorization checks",
    userDeviceQuota: 50,
    multiFactorAuthConfiguration: "notRequired",
    azureADRegistration: { isAdminConfigurable: false, allowedToRegister: { "@odata.type": "#microsoft.graph.allDeviceRegistrationMembership" } },
    azureADJoin: {
      isAdminConfigurable: true,
      allowedToJoin: { "@odata.type": "#microsoft.graph.allDeviceRegistrationMembership" },
      localAdmins: { enableGlobalAdmins: true, registeringUsers: { "@odata.type": "#microsoft.graph.allDeviceRegistrationMembership" } },
    },
    localAdminPassword: { isEnabled: false },
  };
}

function bad(message: string): GraphHttpError {
  return new GraphHttpError(400, "Request_BadRequest", message);
}

function asObject(value: unknown, name: string): Record<string, unknown> {
  if (!value || typeof value !== "object" || Array.isArray(value)) throw bad(`Invalid value specified for property '${name}' of resource 'DeviceRegistrationPolicy'.`);
  return value as Record<string, unknown>;
}

function onlyKeys(value: Record<string, unknown>, keys: readonly string[]): void {
  for (const key of Object.keys(value)) if (key !== "@odata.type" && !keys.includes(key)) throw undeclaredPropertyError(key);
}

function parseBoolean(value: unknown, name: string): boolean {
  if (typeof value !== "boolean") throw bad(`Invalid value specified for property '${name}' of resource 'DeviceRegistrationPolicy'.`);
  return value;
}

/** `deviceRegistrationMembership` is abstract: its `@odata.type` says which of the three it is. */
export function parseMembership(value: unknown, name: string): Membership {
  const v = asObject(value, name);
  const type = typeof v["@odata.type"] === "string" ? (v["@odata.type"] as string).replace(/^#?microsoft\.graph\./, "") : "";
  if (!(MEMBERSHIP_TYPES as readonly string[]).includes(type)) throw bad(`'${name}' needs an @odata.type of ${MEMBERSHIP_TYPES.map((t) => `#microsoft.graph.${t}`).join(", ")}.`);
  if (type !== "enumeratedDeviceRegistrationMembership") {
    onlyKeys(v, []);
    return { "@odata.type": `#microsoft.graph.${type}` } as Membership;
  }
  onlyKeys(v, ["users", "groups"]);
  const ids = (key: "users" | "groups") => {
    const list = v[key] ?? [];
    if (!Array.isArray(list) || !list.every((id) => typeof id === "string" && GUID.test(id))) throw bad(`'${name}.${key}' must be a collection of object ids.`);
    return [...(list as string[])];
  };
  return { "@odata.type": "#microsoft.graph.enumeratedDeviceRegistrationMembership", users: ids("users"), groups: ids("groups") };
}

const UPDATABLE = ["userDeviceQuota", "multiFactorAuthConfiguration", "azureADRegistration", "azureADJoin", "localAdminPassword"] as const;
/** Read-only properties a GET-modify-PUT sends back; they are not changed. */
const READ_ONLY = new Set(["id", "displayName", "description"]);

/**
 * Applies a PUT (`replace`: every updatable property required) or PATCH body to a copy of `current`.
 * Registration cannot change while Intune manages it (`azureADRegistration.isAdminConfigurable` false).
 */
export function updateDeviceRegistrationPolicy(current: DeviceRegistrationPolicyDoc, bodyIn: unknown, replace: boolean): DeviceRegistrationPolicyDoc {
  const body = asObject(bodyIn, "body");
  for (const key of Object.keys(body)) {
    if (key.startsWith("@odata.") || READ_ONLY.has(key)) continue;
    if (!(UPDATABLE as readonly string[]).includes(key)) throw undeclaredPropertyError(key);
  }
  if (replace) for (const key of UPDATABLE) if (body[key] === undefined || body[key] === null) throw bad(`The property '${key}' is required when the policy is replaced.`);
  const next = structuredClone(current);
  if (body.userDeviceQuota !== undefined) {
    const quota = body.userDeviceQuota;
    if (typeof quota !== "number" || !Number.isInteger(quota) || quota < 1 || quota > 2147483647) throw bad("Invalid value specified for property 'userDeviceQuota' of resource 'DeviceRegistrationPolicy'.");
    next.userDeviceQuota = quota;
  }
  if (body.multiFactorAuthConfiguration !== undefined) {
    const mfa = body.multiFactorAuthConfiguration;
    if (typeof mfa !== "string" || !MFA_VALUES.includes(mfa)) throw bad(`'multiFactorAuthConfiguration' must be one of ${MFA_VALUES.join(", ")}.`);
    next.multiFactorAuthConfiguration = mfa;
  }
  if (body.azureADRegistration !== undefined) {
    const reg = asObject(body.azureADRegistration, "azureADRegistration");
    onlyKeys(reg, ["isAdminConfigurable", "allowedToRegister"]);
    const allowed = reg.allowedToRegister === undefined ? current.azureADRegistration.allowedToRegister : parseMembership(reg.allowedToRegister, "azureADRegistration.allowedToRegister");
    if (!current.azureADRegistration.isAdminConfigurable && JSON.stringify(allowed) !== JSON.stringify(current.azureADRegistration.allowedToRegister))
      throw bad("'azureADRegistration' cannot be modified while Intune manages device registration (isAdminConfigurable is false).");
    next.azureADRegistration = { ...current.azureADRegistration, allowedToRegister: allowed };
  }
  if (body.azureADJoin !== undefined) {
    const join = asObject(body.azureADJoin, "azureADJoin");
    onlyKeys(join, ["isAdminConfigurable", "allowedToJoin", "localAdmins"]);
    if (join.allowedToJoin !== undefined) next.azureADJoin.allowedToJoin = parseMembership(join.allowedToJoin, "azureADJoin.allowedToJoin");
    if (join.localAdmins !== undefined) {
      const admins = asObject(join.localAdmins, "azureADJoin.localAdmins");
      onlyKeys(admins, ["enableGlobalAdmins", "registeringUsers"]);
      if (admins.enableGlobalAdmins !== undefined) next.azureADJoin.localAdmins.enableGlobalAdmins = parseBoolean(admins.enableGlobalAdmins, "azureADJoin.localAdmins.enableGlobalAdmins");
      if (admins.registeringUsers !== undefined) next.azureADJoin.localAdmins.registeringUsers = parseMembership(admins.registeringUsers, "azureADJoin.localAdmins.registeringUsers");
    }
  }
  if (body.localAdminPassword !== undefined) {
    const laps = asObject(body.localAdminPassword, "localAdminPassword");
    onlyKeys(laps, ["isEnabled"]);
    next.localAdminPassword = { isEnabled: parseBoolean(laps.isEnabled, "localAdminPassword.isEnabled") };
  }
  return next;
}
