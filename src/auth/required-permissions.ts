/**
 * The least Microsoft Graph permissions holofleet needs, as data: one entry per permission with the
 * Graph calls that need it and why. docs/permissions.md is generated from it, the local tenant grants
 * holofleet's app exactly `REQUIRED_APP_ROLES` (unless `HOLOFLEET_APP_ROLES` says otherwise), and
 * tests check every call against the permissions map the local tenant enforces.
 */

/** What a holofleet command does with Graph; `plan` covers `plan`, `apply` and `drift` and their preflight. */
export type HolofleetOperation = "plan" | "audit" | "fleet";

export interface GraphCall {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  api: "v1.0" | "beta";
  /** Path template as Microsoft's documentation writes it (`{id}` for a key). */
  path: string;
  /** What holofleet uses the call for. */
  why: string;
  operations: readonly HolofleetOperation[];
}

export interface RequiredPermission {
  name: string;
  /** Why this permission and not a smaller one. */
  why: string;
  /** The calls holofleet relies on this permission for. */
  calls: readonly GraphCall[];
}

const call = (method: GraphCall["method"], api: GraphCall["api"], path: string, why: string, ...operations: HolofleetOperation[]): GraphCall => ({ method, api, path, why, operations });

const CONFIGS = "/deviceManagement/deviceConfigurations";
const AUTOPILOT_PROFILES = "/deviceManagement/windowsAutopilotDeploymentProfiles";

/** Application permissions (app-only: automation with a secret, certificate or federated token). */
export const REQUIRED_APPLICATION_PERMISSIONS: readonly RequiredPermission[] = [
  {
    name: "Device.Read.All",
    why: "Entra device objects are only read; the least permission that reads them with their owners.",
    calls: [call("GET", "v1.0", "/devices", "the audit's devices with `registeredOwners`", "audit")],
  },
  {
    name: "DeviceManagementConfiguration.ReadWrite.All",
    why: "The custom OMA-URI profiles (kiosk, restrictions, App Control, settings pages) and the update ring are Intune device configurations; the map's least permission that writes them.",
    calls: [
      call("GET", "v1.0", CONFIGS, "read the profiles holofleet owns (marker in the description)", "plan", "audit"),
      call("POST", "v1.0", CONFIGS, "create a profile or the update ring", "plan"),
      call("PATCH", "v1.0", `${CONFIGS}/{id}`, "update a profile's settings", "plan"),
      call("DELETE", "v1.0", `${CONFIGS}/{id}`, "delete a profile holofleet owns that the blueprint dropped", "plan"),
      call("POST", "v1.0", `${CONFIGS}/{id}/assign`, "set a profile's assignments (the whole set)", "plan"),
      call("GET", "v1.0", `${CONFIGS}/{id}/assignments`, "read a profile's assignments", "plan", "audit"),
      call("GET", "v1.0", `${CONFIGS}/{id}/getOmaSettingPlainTextValue(secretReferenceValueId='{secretReferenceValueId}')`, "compare string OMA values, which read back as `****`", "plan", "audit"),
      call("GET", "v1.0", "/organization", "preflight: the tenant is the one the blueprint names (the map grants it to this permission)", "plan"),
    ],
  },
  {
    name: "DeviceManagementManagedDevices.ReadWrite.All",
    why: "Wiping a returned device is a write on managed devices; the map's least permission for `wipe` (PrivilegedOperations.All also allows it but reads nothing).",
    calls: [
      call("GET", "v1.0", "/deviceManagement/managedDevices", "the audit's and the fleet's managed devices and their profile states", "audit", "fleet"),
      call("POST", "v1.0", "/deviceManagement/managedDevices/{id}/wipe", "reset a device returned by a client", "fleet"),
    ],
  },
  {
    name: "DeviceManagementServiceConfig.ReadWrite.All",
    why: "The HoloLens Autopilot profile, its assignments and device imports are Intune service configuration; the least permission that writes them.",
    calls: [
      call("GET", "beta", AUTOPILOT_PROFILES, "read the Autopilot profile holofleet owns", "plan", "audit"),
      call("POST", "beta", AUTOPILOT_PROFILES, "create the Autopilot profile (beta only)", "plan"),
      call("PATCH", "beta", `${AUTOPILOT_PROFILES}/{id}`, "update the Autopilot profile", "plan"),
      call("DELETE", "beta", `${AUTOPILOT_PROFILES}/{id}`, "delete an Autopilot profile holofleet owns", "plan"),
      call("GET", "beta", `${AUTOPILOT_PROFILES}/{id}/assignments`, "read the profile's assignments", "plan", "audit"),
      call("POST", "beta", `${AUTOPILOT_PROFILES}/{id}/assignments`, "assign the profile (one assignment per POST)", "plan"),
      call("DELETE", "beta", `${AUTOPILOT_PROFILES}/{id}/assignments/{id}`, "remove an assignment", "plan"),
      call("GET", "beta", "/deviceManagement/deviceEnrollmentConfigurations", "precondition: Windows enrollment not blocked; the Enrollment Status Page holofleet owns", "plan", "audit"),
      call("POST", "beta", "/deviceManagement/deviceEnrollmentConfigurations", "create the Enrollment Status Page", "plan"),
      call("PATCH", "beta", "/deviceManagement/deviceEnrollmentConfigurations/{id}", "update the Enrollment Status Page", "plan"),
      call("DELETE", "beta", "/deviceManagement/deviceEnrollmentConfigurations/{id}", "delete an Enrollment Status Page holofleet owns", "plan"),
      call("POST", "beta", "/deviceManagement/deviceEnrollmentConfigurations/{id}/assign", "assign the Enrollment Status Page to the device group (the whole set)", "plan"),
      call("POST", "v1.0", "/deviceManagement/importedWindowsAutopilotDeviceIdentities", "register devices from a hardware-hash CSV", "fleet"),
      call("GET", "beta", "/deviceManagement/windowsAutopilotDeviceIdentities", "registered devices and their profile", "audit", "fleet"),
    ],
  },
  {
    name: "Domain.ReadWrite.All",
    why: "`passwords.policy: extended` sets a domain's password validity; the only permission that updates a domain.",
    calls: [
      call("GET", "v1.0", "/domains", "preflight: `tenant.domain` is verified; the audit's password validity", "plan", "audit"),
      call("PATCH", "v1.0", "/domains/{id}", "set `passwordValidityPeriodInDays`", "plan"),
    ],
  },
  {
    name: "Group.ReadWrite.All",
    why: "Deleting a group holofleet owns and the `uniqueName` upsert need it; it also grants creating groups, members and group licences, so Group.Create, GroupMember.ReadWrite.All and LicenseAssignment.ReadWrite.All would add nothing.",
    calls: [
      call("GET", "v1.0", "/groups", "find the groups holofleet owns (marker, `uniqueName`)", "plan", "audit"),
      call("POST", "v1.0", "/groups", "create a group", "plan"),
      call("PATCH", "v1.0", "/groups(uniqueName='{uniqueName}')", "create or update a group by `uniqueName` (safe to retry)", "plan"),
      call("PATCH", "v1.0", "/groups/{id}", "update a group, add members past the 20 a create takes", "plan"),
      call("DELETE", "v1.0", "/groups/{id}", "delete a group holofleet owns (or replace the experts group)", "plan"),
      call("GET", "v1.0", "/groups/{id}/members", "read a group's members", "plan", "audit"),
      call("POST", "v1.0", "/groups/{id}/members/$ref", "add a member", "plan", "fleet"),
      call("DELETE", "v1.0", "/groups/{id}/members/{id}/$ref", "remove a member", "plan", "fleet"),
      call("POST", "v1.0", "/groups/{id}/assignLicense", "licence the all-clients group", "plan"),
      call("GET", "v1.0", "/groups/{id}/membersWithLicenseErrors", "wait for group licensing and report its errors", "plan"),
    ],
  },
  {
    name: "LicenseAssignment.Read.All",
    why: "The tenant's subscriptions are only read; none of the other permissions grants `GET /subscribedSkus`.",
    calls: [call("GET", "v1.0", "/subscribedSkus", "resolve each SKU's id and the plans to disable from the tenant's subscriptions", "plan", "audit")],
  },
  {
    name: "Policy.Read.DeviceConfiguration",
    why: "Who may join devices to Entra ID is only read; the least permission for it.",
    calls: [call("GET", "v1.0", "/policies/deviceRegistrationPolicy", "precondition: Entra join allowed for the program's accounts", "plan", "audit")],
  },
  {
    name: "User.ReadWrite.All",
    why: "Creating client accounts and setting their passwords, and inviting experts as guests (it includes User.Invite.All); the map's least permission for creating users. Setting another user's password also needs an Entra role (User Administrator) on the app.",
    calls: [
      call("GET", "v1.0", "/users", "find accounts by UPN; the audit's licences and password state", "plan", "audit"),
      call("POST", "v1.0", "/users", "create a client account", "plan"),
      call("PATCH", "v1.0", "/users/{id}", "update an account; set a new password (`passwordProfile`)", "plan", "fleet"),
      call("DELETE", "v1.0", "/users/{id}", "delete an account holofleet owns that the blueprint dropped", "plan"),
      call("POST", "v1.0", "/invitations", "service tenant with `experts.access: guests`: invite each expert as a guest", "plan"),
    ],
  },
];

/** The application permissions holofleet's app registration needs (the local tenant's default). */
export const REQUIRED_APP_ROLES: readonly string[] = REQUIRED_APPLICATION_PERMISSIONS.map((p) => p.name).sort();

/**
 * Reads Graph offers no application permission for: an app-only run cannot make them, so what they
 * check needs a person (`holofleet login`) or the admin's own check.
 */
export const DELEGATED_ONLY_CALLS: readonly (GraphCall & { scope: string })[] = [
  { ...call("GET", "beta", "/policies/mobileDeviceManagementPolicies", "precondition: the MDM user scope includes the program's accounts", "plan", "audit"), scope: "Policy.Read.All" },
];

/**
 * Delegated permissions (a person signed in with `holofleet login`): the same calls, with the work
 * account permissions the map lists. Policy.Read.All replaces Policy.Read.DeviceConfiguration because
 * the MDM user scope can only be read with it. The person also needs an Entra or Intune role that allows each write.
 */
export const REQUIRED_DELEGATED_SCOPES: readonly string[] = [
  "Device.Read.All",
  "DeviceManagementConfiguration.ReadWrite.All",
  "DeviceManagementManagedDevices.ReadWrite.All",
  "DeviceManagementServiceConfig.ReadWrite.All",
  "Domain.ReadWrite.All",
  "Group.ReadWrite.All",
  "LicenseAssignment.Read.All",
  "Policy.Read.All",
  "User.ReadWrite.All",
];

/** Every call holofleet makes with application permissions, with the permission it relies on. */
export function requiredCalls(): { permission: string; call: GraphCall }[] {
  return REQUIRED_APPLICATION_PERMISSIONS.flatMap((p) => p.calls.map((c) => ({ permission: p.name, call: c })));
}
