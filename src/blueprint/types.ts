/**
 * The normalized blueprint: what `loadBlueprint` returns after parsing, schema checks and defaults.
 * Every field is filled in; the compiler never applies a default of its own. The YAML surface
 * (optional keys, shorthands) is described by the zod schema in `schema/`; this is the contract
 * between the loader and the compiler.
 *
 * Guide = "Deploy cloud connected HoloLens 2 to external clients"; §GR-n = step n of
 * "General deployment recommendations", §CC-x = a "Common external client deployment concern".
 */

export type TenantModel = "same-tenant" | "service-tenant";
export type IsolationMode = "baseline" | "scoped-directory-search" | "information-barriers";
export type PasswordPolicyKind = "never-expire" | "extended" | "rotate-on-return" | "reset-before-ship";
export type UsbMode = "off" | "off-allow-provisioning-packages" | "on";
export type CallingApp = "remote-assist" | "dynamics-365-guides";
export type KioskExclusion = "device-owners";
export type SettingsPagesMode = "showonly" | "hide";
/** Intune's automatic update behaviour names (Graph `automaticUpdateMode`). */
export type AutomaticUpdateMode =
  | "userDefined"
  | "notifyDownload"
  | "autoInstallAtMaintenanceTime"
  | "autoInstallAndRebootAtMaintenanceTime"
  | "autoInstallAndRebootAtScheduledTime"
  | "autoInstallAndRebootWithoutEndUserControl";
/** Graph `weeklySchedule` names. */
export type InstallDay =
  | "everyday"
  | "sunday"
  | "monday"
  | "tuesday"
  | "wednesday"
  | "thursday"
  | "friday"
  | "saturday";

export interface Blueprint {
  apiVersion: "holofleet/v1";
  metadata: { name: string; description: string };
  tenant: TenantSection;
  licensing: LicensingSection;
  devices: DevicesSection;
  isolation: IsolationSection;
  experts: ExpertsSection;
  clients: Client[];
  passwords: PasswordSection;
  /** What happens to a device that comes back from a client; absent in blueprints built before it existed (then `wipe`). */
  loans?: LoansSection;
  /** Who may sign in to the web console, and how; absent in blueprints built before it existed (local accounts only). */
  console?: ConsoleSection;
  /**
   * Risks accepted on purpose (e.g. `browser-allowed`); each silences one semantic check. Added by the
   * blueprint loader; the compiler may ignore it.
   */
  acknowledge: string[];
}

/**
 * What the loader could validate of a blueprint that has errors: the sections (and the `devices`
 * subsections) that passed their schema, normalized with their defaults; the rest are absent. A semantic
 * check runs only when everything it declares is present.
 */
export type PartialBlueprint = Partial<Omit<Blueprint, "devices">> & { devices?: Partial<DevicesSection> };

export interface TenantSection {
  /** Tenant id (GUID) when known; the domain is enough for compile. */
  id: string | null;
  /** Default verified domain; client account UPNs use it when `clientDomain` is null. */
  domain: string;
  /**
   * Verified domain that holds only client accounts (guide §CC passwords: expiry is per domain), or null:
   * bare aliases then get `@domain`. `passwords.policy: extended` patches this domain.
   */
  clientDomain: string | null;
  /** Guide §CC "company resources", option 2 (Image 1.1): a separate tenant that hosts clients. */
  model: TenantModel;
  /** Prefix for every object holofleet names (groups, profiles), e.g. `HF`. Also the ownership marker. */
  namingPrefix: string;
  /** Default usage location (ISO 3166 alpha-2) for client accounts; licences need one. */
  usageLocation: string;
}

export interface LicensingSection {
  /** SKUs by `skuPartNumber`, assigned to the clients group (guide §GR-2). Default: MICROSOFT_REMOTE_ASSIST, INTUNE_A, AAD_PREMIUM (guide §CC company resources). */
  skus: string[];
  /**
   * Service plans (by `Service_Plan_Name`) kept on beyond the allow-list of what the program needs (the
   * catalog's `licenceNeeds`); every other plan of an assigned SKU is disabled. Default: none.
   */
  enabledServicePlans: string[];
  /** Plans the allow-list would keep on that stay off anyway (e.g. `MFA_PREMIUM`). Default: none. */
  disabledServicePlans: string[];
}

export interface DevicesSection {
  /** Guide §GR-1: the OS build devices must run, e.g. `22621.1266`. `latest-known` resolves to the catalog's newest. */
  osBaseline: { build: string; requested: string };
  autopilot: AutopilotSettings;
  /** hololens2-autopilot.md step 7: the Enrollment Status Page assigned to the device group. */
  enrollmentStatusPage: EnrollmentStatusPageSettings;
  /** Guide §GR-4: TenantLockdown/RequireNetworkInOOBE. */
  tenantLockdown: boolean;
  kiosk: KioskSettings;
  /** Guide §GR-6.1: false ⇒ AllowDeveloperUnlock = 0. */
  developerMode: boolean;
  /** Guide §GR-6.2 and its note. */
  usb: UsbMode;
  appControl: AppControlSettings;
  /** Guide §GR-8: ApplicationManagement/AllowAppStoreAutoUpdate = 1. */
  storeAutoUpdate: boolean;
  /** Guide §GR-9: Settings/PageVisibilityList. */
  settingsPages: { mode: SettingsPagesMode; pages: string[] };
  /** Guide §GR-10: Windows Update for Business ring. */
  updateRing: UpdateRingSettings;
  /** Guide §GR-11: common device restrictions. */
  restrictions: RestrictionSettings;
}

export interface AutopilotSettings {
  enabled: boolean;
  /** Profile display name (prefixed by the compiler). */
  profileName: string;
  /** Group tag written at import; the dynamic device group matches `[OrderID]:<groupTag>`. */
  groupTag: string;
  /** Device name template, e.g. `HL-%RAND:4%`; null = keep the device's name. */
  deviceNameTemplate: string | null;
  /** OOBE language (`os-default` or a locale such as `en-US`). */
  language: string;
  autoConfigureKeyboard: boolean;
}

export interface EnrollmentStatusPageSettings {
  enabled: boolean;
  /** Display name (prefixed by the compiler). */
  name: string;
  /** Graph installProgressTimeoutInMinutes. */
  installTimeoutMinutes: number;
  /** Graph customErrorMessage. */
  errorMessage: string;
  /** Graph allowDeviceResetOnInstallFailure (the 23H1 Reset device button). */
  allowResetOnFailure: boolean;
  /** Graph allowLogCollectionOnInstallFailure. */
  allowLogCollection: boolean;
}

export interface KioskSettings {
  enabled: boolean;
  /** Guide §GR-5: global assigned access (every user who signs in gets the kiosk). */
  mode: "global";
  /** Apps by catalog id (`remote-assist`, `settings`, …). */
  apps: string[];
  /** Catalog id of the app launched at sign-in, or null. */
  autoLaunch: string | null;
  /** The app clients call experts with. */
  callingApp: CallingApp;
  /** Who keeps the full shell (v5:Exclusions). */
  exclusions: KioskExclusion[];
  /** Profile GUID, braces and upper case: `{8739C257-184F-45DD-8657-C235819172A3}`. */
  profileId: string;
  showTaskbar: boolean;
}

export interface AppControlSettings {
  enabled: boolean;
  /** Policy GUID, braces and upper case; also the OMA-URI segment. */
  policyId: string;
  policyName: string;
  /** Policy version, four-part (`10.0.0.0`). */
  policyVersion: string;
  /** Apps to deny by catalog id. The browser is in the list unless the blueprint allowed it. */
  blockApps: string[];
  /** Guide §CC chat history: deny the new Edge (`msedge.exe` file rule + PFN). */
  blockBrowser: boolean;
}

export interface UpdateRingSettings {
  enabled: boolean;
  name: string;
  qualityDeferralDays: number;
  featureDeferralDays: number;
  automaticUpdateMode: AutomaticUpdateMode;
  installDay: InstallDay;
  /** Hour 0–23. */
  installTime: number;
  activeHoursStart: number;
  activeHoursEnd: number;
  /** False ⇒ users cannot pause updates (Update/SetDisablePauseUXAccess = 1). */
  allowPause: boolean;
}

export interface RestrictionSettings {
  /** Experience/AllowManualMDMUnenrollment. */
  allowManualMdmUnenrollment: boolean;
  /** Accounts/AllowMicrosoftAccountConnection. */
  allowMicrosoftAccount: boolean;
  /** Connectivity/AllowBluetooth (RA works with Bluetooth headsets; default allowed). */
  allowBluetooth: boolean;
  /** Settings/AllowVPN. */
  allowVpn: boolean;
  /** Wifi/AllowManualWiFiConfiguration — must stay true so clients can join guest Wi‑Fi. */
  allowManualWifiConfiguration: boolean;
  /** Settings/AllowDateTime. */
  allowDateTimeChange: boolean;
  /** ApplicationManagement/RequirePrivateStoreOnly (21H2+); null = not configured. */
  requirePrivateStoreOnly: boolean | null;
  /** MixedReality/AllowCaptivePortalBeforeLogon (22H2+); null = not configured. */
  captivePortalBeforeLogon: boolean | null;
  /** Security/AllowRemoveProvisioningPackage. */
  allowRemoveProvisioningPackage: boolean;
  /** Wifi/AllowWiFi (20H2+): the radio the device reaches the tenant with. */
  allowWifi: boolean;
  /** Privacy/LetAppsAccessCamera; null = not configured. The calling app needs the camera. */
  letAppsAccessCamera: AppAccess | null;
  /** Privacy/LetAppsAccessMicrophone; null = not configured. The calling app needs the microphone. */
  letAppsAccessMicrophone: AppAccess | null;
  /** Power/DisplayOffTimeoutOnBattery (and StandbyTimeoutOnBattery), seconds; null = not configured. */
  displayOffTimeoutOnBattery: number | null;
  /** Power/DisplayOffTimeoutPluggedIn (and StandbyTimeoutPluggedIn), seconds; null = not configured. */
  displayOffTimeoutPluggedIn: number | null;
  /** System/AllowStorageCard: false also disables USB drives, and with them provisioning packages on USB. */
  allowStorageCard: boolean;
}

/** Privacy/LetAppsAccess* values: 0 user in control, 1 force allow, 2 force deny (Privacy DDF). */
export type AppAccess = "user-in-control" | "force-allow" | "force-deny";

export interface IsolationSection {
  /**
   * Guide §CC-isolation: the baseline ("clients can search for, but can't communicate with each other"),
   * or one of the two stricter options the guide names: Teams scoped directory search (Exchange address
   * book policies) or information barriers.
   */
  mode: IsolationMode;
}

/**
 * How experts in the organisation's tenant reach clients in a service tenant (cross-tenant-overview.md):
 * Teams federation (an external-access allow-list on both sides) or guests (experts invited into the
 * service tenant).
 */
export type ExpertsAccess = "federation" | "guests";

export interface ExpertsSection {
  /** Display name of the group holding the organisation's experts (the people clients call). */
  groupName: string;
  /** IB segment name for experts. */
  segmentName: string;
  /** Service tenant only: federation or guests; null in the same-tenant model (experts are members there). */
  access: ExpertsAccess | null;
  /** Service tenant only: the experts' addresses in the organisation's tenant (lower case). */
  addresses: string[];
  /** Where an invited expert lands after accepting the invitation (guests only). */
  guestRedirectUrl: string;
}

export interface Client {
  /** Stable slug, `[a-z0-9-]+`; used in group names, addresses and segment names. */
  id: string;
  displayName: string;
  usageLocation: string;
  /** Planned loan length in days (for the password check); null = open-ended. */
  loanDays: number | null;
  accounts: ClientAccount[];
}

export interface ClientAccount {
  /** Full UPN (the loader expands a bare alias with `tenant.domain`). */
  userPrincipalName: string;
  displayName: string;
  /** Device serial numbers this account signs in on (several accounts per device are allowed). */
  devices: string[];
}

export interface PasswordSection {
  /** Guide §CC passwords, options 1–4. */
  policy: PasswordPolicyKind;
  /** Maximum password age in days; ignored for `never-expire`. */
  maxAgeDays: number;
  /** Length of generated passwords. */
  length: number;
}

export interface LoansSection {
  /** `wipe`: reset a returned device through Intune before it is back in stock; `none`: leave it as it is. */
  onReturn: "wipe" | "none";
  /** Printed on the handoff sheet; null: none given. */
  supportContact: string | null;
}

export interface ConsoleSection {
  /** Entra ID sign-in: the groups (a console group key or an Entra object id) of each role; null: local accounts only. */
  entraSignIn: { roles: Record<"admin" | "operator" | "viewer", string[]> } | null;
}

/** Source location of each key path, kept beside the blueprint for semantic diagnostics. */
export interface BlueprintSourceMap {
  file: string;
  /** Position of a key path (e.g. `devices.kiosk.apps[1]`), or of the nearest present parent. */
  locate(path: readonly (string | number)[]): { line: number; col: number };
  /** Whether the key path is written in the file (false when a default filled it in). Optional. */
  has?(path: readonly (string | number)[]): boolean;
}
