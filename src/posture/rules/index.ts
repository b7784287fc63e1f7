/**
 * The registry of posture rules, sorted by id (`<concern>/<rule>`, the file path). Explicit, never globbed:
 * the catalog test keeps it in step with the files, their tests, the docs in docs/rules/ and the concerns.
 */
import type { Rule } from "./define-rule.ts";
import appControlRequireEnforcedPolicy from "./app-control/require-enforced-policy.ts";
import appUpdatesRequireStoreAutoUpdate from "./app-updates/require-store-auto-update.ts";
import autopilotNoReenrollmentBlocker from "./autopilot/no-reenrollment-blocker.ts";
import autopilotRequireEnrollmentStatusPage from "./autopilot/require-enrollment-status-page.ts";
import autopilotRequireRegistration from "./autopilot/require-registration.ts";
import chatHistoryNoBrowserWithSso from "./chat-history/no-browser-with-sso.ts";
import clientIsolationNoCrossClientReach from "./client-isolation/no-cross-client-reach.ts";
import clientIsolationNoSharedDeviceAcrossClients from "./client-isolation/no-shared-device-across-clients.ts";
import companyResourcesNoCompanyResourcePlans from "./company-resources/no-company-resource-plans.ts";
import developerModeNoDeveloperUnlock from "./developer-mode/no-developer-unlock.ts";
import deviceOwnerNoClientOwner from "./device-owner/no-client-owner.ts";
import deviceRestrictionsRequireRestrictions from "./device-restrictions/require-restrictions.ts";
import kioskNoBlockedKioskApp from "./kiosk/no-blocked-kiosk-app.ts";
import kioskRequireCallingApp from "./kiosk/require-calling-app.ts";
import kioskRequireGlobalKiosk from "./kiosk/require-global-kiosk.ts";
import licensingNoPlanOutsideAllowList from "./licensing/no-plan-outside-allow-list.ts";
import licensingRequireGroupLicensing from "./licensing/require-group-licensing.ts";
import licensingRequireProgramLicences from "./licensing/require-program-licences.ts";
import mdmTargetingNoConflictingSettings from "./mdm-targeting/no-conflicting-settings.ts";
import mdmTargetingNoProfileErrors from "./mdm-targeting/no-profile-errors.ts";
import mdmTargetingNoProfileWithoutDevices from "./mdm-targeting/no-profile-without-devices.ts";
import osBaselineNoSettingAboveBuild from "./os-baseline/no-setting-above-build.ts";
import osBaselineRequireBaselineBuild from "./os-baseline/require-baseline-build.ts";
import osBaselineRequireLatestRelease from "./os-baseline/require-latest-release.ts";
import osUpdatesRequireUpdateRing from "./os-updates/require-update-ring.ts";
import passwordsNoExpiryDuringLoan from "./passwords/no-expiry-during-loan.ts";
import passwordsRequirePolicyApplied from "./passwords/require-policy-applied.ts";
import restrictedAppsNoUnexpectedKioskApp from "./restricted-apps/no-unexpected-kiosk-app.ts";
import restrictedAppsRequireBlockedApps from "./restricted-apps/require-blocked-apps.ts";
import settingsPagesRequireNetworkPagesOnly from "./settings-pages/require-network-pages-only.ts";
import tenantLockRequireTenantLockdown from "./tenant-lock/require-tenant-lockdown.ts";
import usbNoUsbData from "./usb/no-usb-data.ts";
import usbRequireProvisioningPackagePolicy from "./usb/require-provisioning-package-policy.ts";

export const rules: Readonly<Record<string, Rule>> = {
  "app-control/require-enforced-policy": appControlRequireEnforcedPolicy,
  "app-updates/require-store-auto-update": appUpdatesRequireStoreAutoUpdate,
  "autopilot/no-reenrollment-blocker": autopilotNoReenrollmentBlocker,
  "autopilot/require-enrollment-status-page": autopilotRequireEnrollmentStatusPage,
  "autopilot/require-registration": autopilotRequireRegistration,
  "chat-history/no-browser-with-sso": chatHistoryNoBrowserWithSso,
  "client-isolation/no-cross-client-reach": clientIsolationNoCrossClientReach,
  "client-isolation/no-shared-device-across-clients": clientIsolationNoSharedDeviceAcrossClients,
  "company-resources/no-company-resource-plans": companyResourcesNoCompanyResourcePlans,
  "developer-mode/no-developer-unlock": developerModeNoDeveloperUnlock,
  "device-owner/no-client-owner": deviceOwnerNoClientOwner,
  "device-restrictions/require-restrictions": deviceRestrictionsRequireRestrictions,
  "kiosk/no-blocked-kiosk-app": kioskNoBlockedKioskApp,
  "kiosk/require-calling-app": kioskRequireCallingApp,
  "kiosk/require-global-kiosk": kioskRequireGlobalKiosk,
  "licensing/no-plan-outside-allow-list": licensingNoPlanOutsideAllowList,
  "licensing/require-group-licensing": licensingRequireGroupLicensing,
  "licensing/require-program-licences": licensingRequireProgramLicences,
  "mdm-targeting/no-conflicting-settings": mdmTargetingNoConflictingSettings,
  "mdm-targeting/no-profile-errors": mdmTargetingNoProfileErrors,
  "mdm-targeting/no-profile-without-devices": mdmTargetingNoProfileWithoutDevices,
  "os-baseline/no-setting-above-build": osBaselineNoSettingAboveBuild,
  "os-baseline/require-baseline-build": osBaselineRequireBaselineBuild,
  "os-baseline/require-latest-release": osBaselineRequireLatestRelease,
  "os-updates/require-update-ring": osUpdatesRequireUpdateRing,
  "passwords/no-expiry-during-loan": passwordsNoExpiryDuringLoan,
  "passwords/require-policy-applied": passwordsRequirePolicyApplied,
  "restricted-apps/no-unexpected-kiosk-app": restrictedAppsNoUnexpectedKioskApp,
  "restricted-apps/require-blocked-apps": restrictedAppsRequireBlockedApps,
  "settings-pages/require-network-pages-only": settingsPagesRequireNetworkPagesOnly,
  "tenant-lock/require-tenant-lockdown": tenantLockRequireTenantLockdown,
  "usb/no-usb-data": usbNoUsbData,
  "usb/require-provisioning-package-policy": usbRequireProvisioningPackagePolicy,
};

/** Every rule, in id order. */
export const allRules: readonly Rule[] = Object.values(rules);
