/**
 * The Policy CSP policies HoloLens 2 accepts, with the first Windows Holographic build that has each
 * one. A simulated device reports an OMA-URI under `./Vendor/MSFT/Policy/Config/` that is not here
 * (or is newer than its build) as an error, as a real device answers a node it does not have.
 * Source: windows-itpro-docs `policies-in-policy-csp-supported-by-hololens2.md` (ms.date 2022-08-01);
 * its footnotes name releases, mapped to builds with `hololens-release-notes.md`:
 * 8 = 2004 (19041.1103), 9 = 20H2 (19041.1128), 10 = 21H1 (20346.1002), 11 = 21H2 (20348.1432),
 * 12 = 22H2 (20348.1528). "Feb. 2022 servicing release" of 21H2 has no build number in the reference,
 * so 21H2's first build is its lower bound. "Insider" = not in any released build.
 * `hololens-policies.test.ts` checks this table against the reference page when it is present.
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
  "MixedReality/AADGroupMembershipCacheValidityInDays": null,
  "MixedReality/AllowCaptivePortalBeforeLogon": "20348.1528",
  "MixedReality/AllowLaunchUriInSingleAppKiosk": "20346.1002",
  "MixedReality/AutoLogonUser": "20348.1432",
  "MixedReality/BrightnessButtonDisabled": "19041.1128",
  "MixedReality/ConfigureMovingPlatform": "20348.1432",
  "MixedReality/ConfigureNtpClient": "20348.1528",
  "MixedReality/DisallowNetworkConnectivityPassivePolling": "20348.1528",
  "MixedReality/FallbackDiagnostics": "19041.1128",
  "MixedReality/HeadTrackingMode": "19041.1128",
  "MixedReality/ManualDownDirectionDisabled": "20348.1432",
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
  "RemoteLock/Lock": "19041.1128",
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

export type OmaUriSupport = { supported: true } | { supported: false; reason: string };

const POLICY_CONFIG = /^\.\/(?:(?:Device|User)\/)?Vendor\/MSFT\/Policy\/Config\/([^/]+)\/([^/]+)$/;
const ANY_CSP_NODE = /^\.\/(?:(?:Device|User)\/)?Vendor\/MSFT\/[^/]+(?:\/[^/]+)*$/;

/** `10.0.20348.1528` (as Intune reports it) or `20348.1528` → [20348, 1528]; null if malformed. */
export function parseHolographicBuild(osVersion: string): [number, number] | null {
  const match = /^(?:10\.0\.)?(\d{5})\.(\d+)$/.exec(osVersion.trim());
  return match ? [Number(match[1]), Number(match[2])] : null;
}

function buildAtLeast(device: [number, number], minimum: string): boolean {
  const min = parseHolographicBuild(minimum);
  if (!min) return false;
  return device[0] > min[0] || (device[0] === min[0] && device[1] >= min[1]);
}

/**
 * Whether a HoloLens 2 on `osVersion` has the CSP node an OMA-URI names. Only Policy CSP nodes are
 * checked against the list; other CSPs (AssignedAccess, TenantLockdown, ApplicationControl, …) are
 * accepted when the URI is well formed, since the reference has no node list for them.
 */
export function holoLensOmaUriSupport(omaUri: string, osVersion: string): OmaUriSupport {
  if (!ANY_CSP_NODE.test(omaUri)) {
    return { supported: false, reason: `"${omaUri}" is not an OMA-URI of a CSP node (./Vendor/MSFT/…)` };
  }
  const policy = POLICY_CONFIG.exec(omaUri);
  if (!policy) return { supported: true };
  const key = `${policy[1]}/${policy[2]}`;
  if (!(key in HOLOLENS2_POLICY_CSP)) {
    return { supported: false, reason: `Policy CSP ${key} is not supported by HoloLens 2` };
  }
  const minimum = HOLOLENS2_POLICY_CSP[key];
  if (minimum === null || minimum === undefined) return { supported: true };
  const build = parseHolographicBuild(osVersion);
  if (minimum === "insider" || !build || !buildAtLeast(build, minimum)) {
    return { supported: false, reason: `Policy CSP ${key} needs build ${minimum} or later; the device runs ${osVersion}` };
  }
  return { supported: true };
}
