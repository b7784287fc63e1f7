/**
 * Which CSP nodes a HoloLens 2 has, and from which Windows Holographic build. A simulated device
 * reports an OMA-URI it does not have (or that is newer than its build) as an error, as a real device
 * answers a node it does not have.
 * - Policy CSP (`./Vendor/MSFT/Policy/Config/…`): windows-itpro-docs
 *   `policies-in-policy-csp-supported-by-hololens2.md` (ms.date 2022-08-01); its footnotes name
 *   releases, mapped to builds with `hololens-release-notes*.md`: 8 = 2004 (19041.1103),
 *   9 = 20H2 (19041.1128), 10 = 21H1 (20346.1002), 11 = 21H2 (20348.1432), 12 = 22H2 (20348.1528);
 *   "Feb. 2022 servicing release" = 21H2 February 2022 Update, build 20348.1447
 *   (hololens-release-notes.md). "Insider" = not in any released build. Where the release notes say
 *   a policy was introduced later than the page's footnote, the release notes win (noted per entry).
 * - Other CSPs the HoloLens docs give a minimum build for (TenantLockdown, RemoteLock): below.
 * `hololens-policies.test.ts` checks the tables against the reference pages when they are present.
 */

/** `Area/Policy` → minimum build `major.minor`, null = every HoloLens 2 build, "insider" = none. */
export const HOLOLENS2_POLICY_CSP: Readonly<Record<string, string | null>> = {
  "Accounts/AllowMicrosoftAccountConnection": null,
  "ApplicationManagement/AllowAllTrustedApps": null,
  "ApplicationManagement/AllowAppStoreAutoUpdate": null,
  "ApplicationManagement/AllowDeveloperUnlock": null,
  "ApplicationManagement/RequirePrivateStoreOnly": "20348.1432",
  "Authentication/AllowFastReconnect": null,
  "Authentication/PreferredAadTenantDomainName": null,
  "Bluetooth/AllowDiscoverableMode": null,
  "Bluetooth/LocalDeviceName": null,
  "Browser/AllowAutofill": null,
  "Browser/AllowCookies": null,
  "Browser/AllowDoNotTrack": null,
  "Browser/AllowPasswordManager": null,
  "Browser/AllowPopups": null,
  "Browser/AllowSearchSuggestionsinAddressBar": null,
  "Browser/AllowSmartScreen": null,
  "Connectivity/AllowBluetooth": null,
  "Connectivity/AllowUSBConnection": null,
  "DeviceLock/AllowIdleReturnWithoutPassword": null,
  "DeviceLock/AllowSimpleDevicePassword": null,
  "DeviceLock/AlphanumericDevicePasswordRequired": null,
  "DeviceLock/DevicePasswordEnabled": null,
  "DeviceLock/DevicePasswordExpiration": null,
  "DeviceLock/DevicePasswordHistory": null,
  "DeviceLock/MaxDevicePasswordFailedAttempts": null,
  "DeviceLock/MaxInactivityTimeDeviceLock": null,
  "DeviceLock/MinDevicePasswordComplexCharacters": null,
  "DeviceLock/MinDevicePasswordLength": null,
  "Experience/AllowCortana": null,
  "Experience/AllowManualMDMUnenrollment": null,
  // Listed twice on the page, once without a footnote and once with 9; hololens-release-notes-2004.md
  // ("HoloLens Policies") names it among the policies new in 20H2.
  "MixedReality/AADGroupMembershipCacheValidityInDays": "19041.1128",
  "MixedReality/AllowCaptivePortalBeforeLogon": "20348.1528",
  // Footnote 10 (21H1), but hololens-release-notes.md ("Single app kiosk policy for launching other
  // apps") and hololens-kiosk.md introduce it in 22H1 (20348.1501).
  "MixedReality/AllowLaunchUriInSingleAppKiosk": "20348.1501",
  "MixedReality/AutoLogonUser": "20348.1432",
  "MixedReality/BrightnessButtonDisabled": "19041.1128",
  "MixedReality/ConfigureMovingPlatform": "20348.1447",
  "MixedReality/ConfigureNtpClient": "20348.1528",
  "MixedReality/DisallowNetworkConnectivityPassivePolling": "20348.1528",
  "MixedReality/FallbackDiagnostics": "19041.1128",
  "MixedReality/HeadTrackingMode": "19041.1128",
  "MixedReality/ManualDownDirectionDisabled": "20348.1447",
  "MixedReality/MicrophoneDisabled": "19041.1128",
  "MixedReality/NtpClientEnabled": "20348.1528",
  "MixedReality/SkipCalibrationDuringSetup": "20348.1528",
  "MixedReality/SkipTrainingDuringSetup": "20348.1528",
  "MixedReality/VisitorAutoLogon": "20346.1002",
  "MixedReality/VolumeButtonDisabled": "19041.1128",
  "Power/DisplayOffTimeoutOnBattery": "19041.1128",
  "Power/DisplayOffTimeoutPluggedIn": "19041.1128",
  "Power/EnergySaverBatteryThresholdOnBattery": "19041.1128",
  "Power/EnergySaverBatteryThresholdPluggedIn": "19041.1128",
  "Power/StandbyTimeoutOnBattery": "19041.1128",
  "Power/StandbyTimeoutPluggedIn": "19041.1128",
  "Privacy/AllowInputPersonalization": null,
  "Privacy/DisablePrivacyExperience": "insider",
  "Privacy/LetAppsAccessAccountInfo": null,
  "Privacy/LetAppsAccessAccountInfo_ForceAllowTheseApps": null,
  "Privacy/LetAppsAccessAccountInfo_ForceDenyTheseApps": null,
  "Privacy/LetAppsAccessAccountInfo_UserInControlOfTheseApps": null,
  "Privacy/LetAppsAccessBackgroundSpatialPerception": null,
  "Privacy/LetAppsAccessBackgroundSpatialPerception_ForceAllowTheseApps": null,
  "Privacy/LetAppsAccessBackgroundSpatialPerception_ForceDenyTheseApps": null,
  "Privacy/LetAppsAccessBackgroundSpatialPerception_UserInControlOfTheseApps": null,
  "Privacy/LetAppsAccessCamera": null,
  "Privacy/LetAppsAccessCamera_ForceAllowTheseApps": "19041.1103",
  "Privacy/LetAppsAccessCamera_ForceDenyTheseApps": "19041.1103",
  "Privacy/LetAppsAccessCamera_UserInControlOfTheseApps": "19041.1103",
  "Privacy/LetAppsAccessGazeInput": "19041.1103",
  "Privacy/LetAppsAccessGazeInput_ForceAllowTheseApps": "19041.1103",
  "Privacy/LetAppsAccessGazeInput_ForceDenyTheseApps": "19041.1103",
  "Privacy/LetAppsAccessGazeInput_UserInControlOfTheseApps": "19041.1103",
  "Privacy/LetAppsAccessLocation": null,
  "Privacy/LetAppsAccessMicrophone": null,
  "Privacy/LetAppsAccessMicrophone_ForceAllowTheseApps": "19041.1103",
  "Privacy/LetAppsAccessMicrophone_ForceDenyTheseApps": "19041.1103",
  "Privacy/LetAppsAccessMicrophone_UserInControlOfTheseApps": "19041.1103",
  "Search/AllowSearchToUseLocation": null,
  "Security/AllowAddProvisioningPackage": "19041.1128",
  "Security/AllowRemoveProvisioningPackage": "19041.1128",
  "Settings/AllowDateTime": null,
  "Settings/AllowVPN": null,
  "Settings/PageVisibilityList": "19041.1128",
  "Speech/AllowSpeechModelUpdate": null,
  "Storage/AllowStorageSenseGlobal": "20348.1528",
  "Storage/AllowStorageSenseTemporaryFilesCleanup": "20348.1528",
  "Storage/ConfigStorageSenseCloudContentDehydrationThreshold": "20348.1528",
  "Storage/ConfigStorageSenseDownloadsCleanupThreshold": "20348.1528",
  "Storage/ConfigStorageSenseGlobalCadence": "20348.1528",
  "System/AllowCommercialDataPipeline": null,
  "System/AllowLocation": null,
  "System/AllowStorageCard": null,
  "System/AllowTelemetry": null,
  "TimeLanguageSettings/ConfigureTimeZone": "19041.1128",
  "Update/ActiveHoursEnd": "19041.1128",
  "Update/ActiveHoursMaxRange": "19041.1128",
  "Update/ActiveHoursStart": "19041.1128",
  "Update/AllowAutoUpdate": null,
  "Update/AllowUpdateService": null,
  "Update/AutoRestartNotificationSchedule": "20348.1432",
  "Update/AutoRestartRequiredNotificationDismissal": "20348.1432",
  "Update/BranchReadinessLevel": null,
  "Update/ConfigureDeadlineForFeatureUpdates": "20348.1432",
  "Update/ConfigureDeadlineForQualityUpdates": "20348.1432",
  "Update/ConfigureDeadlineGracePeriod": "20348.1432",
  "Update/ConfigureDeadlineNoAutoReboot": "20348.1432",
  "Update/DeferFeatureUpdatesPeriodInDays": null,
  "Update/DeferQualityUpdatesPeriodInDays": null,
  "Update/ManagePreviewBuilds": null,
  "Update/PauseFeatureUpdates": null,
  "Update/PauseQualityUpdates": null,
  "Update/ScheduleImminentRestartWarning": "20348.1432",
  "Update/ScheduleRestartWarning": "20348.1432",
  "Update/ScheduledInstallDay": null,
  "Update/ScheduledInstallTime": null,
  // No footnote on the supported-policies page; hololens-updates.md ("Pause Updates via Device"):
  // "Starting with Windows Holographic, version 20H2, this pause updates function can be managed".
  "Update/SetDisablePauseUXAccess": "19041.1128",
  "Update/UpdateNotificationLevel": "20348.1432",
  "Wifi/AllowManualWiFiConfiguration": null,
  "Wifi/AllowWiFi": "19041.1103",
};

/**
 * CSPs outside the Policy CSP whose HoloLens 2 nodes the docs list, node (under `./Vendor/MSFT/`)
 * → minimum build and whether an Intune custom profile can set it (the DDF access type has Add or
 * Replace; custom-settings-windows-holographic.md: a policy must support Add or Replace to work with
 * Intune). A node of these CSPs that is not listed does not exist on HoloLens 2. CSPs not here
 * (AssignedAccess, ApplicationControl, …) are accepted on every build: the reference gives them no
 * minimum (global assigned access, which needs 20H2, is checked on the value — assigned-access-check.ts).
 */
export const HOLOLENS2_OTHER_CSP_NODES: Readonly<Record<string, Readonly<Record<string, { minimum: string; settable: boolean }>>>> = {
  // hololens2-autopilot.md: "HoloLens 2 devices support TenantLockdown CSP as of Windows Holographic,
  // version 20H2"; hololens-release-notes-2004.md (20H2); DDF TenantLockdownCSP_DDF.xml: Get, Replace.
  TenantLockdown: { RequireNetworkInOOBE: { minimum: "19041.1128", settable: true } },
  // hololens-release-notes-2004.md (20H2, "New device restriction policies"): "HoloLens will only
  // support the ./Vendor/MSFT/RemoteLock/Lock configuration"; the policy page lists RemoteLock/Lock
  // with footnote 9 (20H2). DDF RemoteLock.xml: Lock is Exec, Get — a device action, not a setting.
  RemoteLock: { Lock: { minimum: "19041.1128", settable: false } },
};

/** Why a node is missing: SyncML 404 (no such node on this build) or 405 (the node cannot be set). */
export type OmaUriSupport = { supported: true } | { supported: false; reason: string; syncMlStatus: 404 | 405 };

const POLICY_CONFIG = /^\.\/(?:(?:Device|User)\/)?Vendor\/MSFT\/Policy\/Config\/([^/]+)\/([^/]+)$/;
const ANY_CSP_NODE = /^\.\/(?:(?:Device|User)\/)?Vendor\/MSFT\/[^/]+(?:\/[^/]+)*$/;
const CSP_NODE = /^\.\/(?:(Device|User)\/)?Vendor\/MSFT\/([^/]+)\/(.+)$/;

/** `10.0.20348.1528` (as Intune reports it) or `20348.1528` → [20348, 1528]; null if malformed. */
export function parseHolographicBuild(osVersion: string): [number, number] | null {
  const match = /^(?:10\.0\.)?(\d{5})\.(\d+)$/.exec(osVersion.trim());
  return match ? [Number(match[1]), Number(match[2])] : null;
}

/** Whether `osVersion` is `minimum` (`major.minor`) or later; false when either does not parse. */
export function holographicBuildAtLeast(osVersion: string, minimum: string): boolean {
  const device = parseHolographicBuild(osVersion);
  const min = parseHolographicBuild(minimum);
  if (!device || !min) return false;
  return device[0] > min[0] || (device[0] === min[0] && device[1] >= min[1]);
}

function notFound(reason: string): OmaUriSupport {
  return { supported: false, reason, syncMlStatus: 404 };
}

/**
 * Whether a HoloLens 2 on `osVersion` has the CSP node an OMA-URI names and an Intune custom profile
 * can set it. Policy CSP nodes are checked against the supported-policies list, the CSPs of
 * `HOLOLENS2_OTHER_CSP_NODES` against their nodes; other CSPs are accepted when the URI is well formed.
 */
export function holoLensOmaUriSupport(omaUri: string, osVersion: string): OmaUriSupport {
  if (!ANY_CSP_NODE.test(omaUri)) {
    return notFound(`"${omaUri}" is not an OMA-URI of a CSP node (./Vendor/MSFT/…)`);
  }
  const policy = POLICY_CONFIG.exec(omaUri);
  if (policy) {
    const key = `${policy[1]}/${policy[2]}`;
    if (!(key in HOLOLENS2_POLICY_CSP)) return notFound(`Policy CSP ${key} is not supported by HoloLens 2`);
    const minimum = HOLOLENS2_POLICY_CSP[key];
    if (minimum === null || minimum === undefined) return { supported: true };
    if (minimum === "insider" || !holographicBuildAtLeast(osVersion, minimum)) {
      return notFound(`Policy CSP ${key} needs build ${minimum} or later; the device runs ${osVersion}`);
    }
    return { supported: true };
  }
  const other = CSP_NODE.exec(omaUri);
  const csp = other?.[2] ?? "";
  const nodes = HOLOLENS2_OTHER_CSP_NODES[csp];
  if (!other || !nodes) return { supported: true };
  const path = other[3]!;
  const node = nodes[path];
  // Both CSPs are device-scope only (their DDFs have no ./User root).
  if (!node || other[1] === "User") return notFound(`${csp} CSP node ${other[1] === "User" ? "./User/… " : ""}${path} is not supported by HoloLens 2`);
  if (!holographicBuildAtLeast(osVersion, node.minimum)) {
    return notFound(`${csp}/${path} needs build ${node.minimum} or later; the device runs ${osVersion}`);
  }
  if (!node.settable) {
    return { supported: false, reason: `${csp}/${path} is an Exec node; a configuration profile cannot set it`, syncMlStatus: 405 };
  }
  return { supported: true };
}
