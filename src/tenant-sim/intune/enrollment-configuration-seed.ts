/**
 * The default enrollment configurations every Intune tenant has (`<tenantId>_Default…`, priority 0,
 * "All users and all devices", created 0001-01-01, no scope tags), with the values an untouched tenant
 * reads back on beta: a device limit of 5, no platform blocked except Windows Mobile, Windows Hello not
 * configured, an Enrollment Status Page that is off, Windows restore not configured. Seeded so that
 * the program works (Windows enrollment is allowed); tests change them through Graph.
 */
import type { SimStore } from "../framework.ts";
import type { SeedContext } from "../seed/context.ts";
import {
  defaultRestriction,
  ESP_TYPE,
  HELLO_TYPE,
  LIMIT_TYPE,
  PLATFORM_RESTRICTIONS_TYPE,
  RESTORE_TYPE,
  type EnrollmentConfigurationDoc,
} from "./enrollment-configuration.ts";

export const ENROLLMENT_CONFIGURATIONS_KIND = "deviceEnrollmentConfigurations";

/** Intune's "never" for a date-time it has no value for. */
const NEVER = "0001-01-01T00:00:00Z";

function restriction(blocked: boolean, versions: "" | null): Record<string, unknown> {
  return { ...defaultRestriction(), platformBlocked: blocked, osMinimumVersion: versions, osMaximumVersion: versions };
}

/** The id suffixes Intune gives its defaults, with what each one holds. */
function defaults(ctx: SeedContext): EnrollmentConfigurationDoc[] {
  const modified = ctx.now().toISOString().replace(/\.\d{3}Z$/, "Z");
  const base = (suffix: string, type: string, description: string): EnrollmentConfigurationDoc => ({
    id: `${ctx.tenantId}_${suffix}`,
    "@odata.type": `#${type}`,
    displayName: "All users and all devices",
    description,
    priority: 0,
    version: 0,
    createdDateTime: NEVER,
    lastModifiedDateTime: modified,
    roleScopeTagIds: [],
    _default: true,
  });
  return [
    { ...base("DefaultLimit", LIMIT_TYPE, "This is the default Device Limit Restriction applied with the lowest priority to all users regardless of group membership."), limit: 5 },
    {
      ...base("DefaultPlatformRestrictions", PLATFORM_RESTRICTIONS_TYPE, "This is the default Device Type Restriction applied with the lowest priority to all users regardless of group membership."),
      androidRestriction: restriction(false, ""),
      androidForWorkRestriction: restriction(false, ""),
      iosRestriction: restriction(false, ""),
      macOSRestriction: restriction(false, null),
      macRestriction: restriction(false, null),
      tvosRestriction: restriction(false, null),
      visionOSRestriction: restriction(false, null),
      windowsHomeSkuRestriction: restriction(false, null),
      windowsMobileRestriction: restriction(true, ""),
      windowsRestriction: restriction(false, ""),
    },
    {
      ...base("DefaultWindowsHelloForBusiness", HELLO_TYPE, "This is the default Windows Hello for Business configuration applied with the lowest priority to all users regardless of group membership."),
      enhancedBiometricsState: "notConfigured",
      enhancedSignInSecurity: 0,
      pinExpirationInDays: 0,
      pinLowercaseCharactersUsage: "disallowed",
      pinMaximumLength: 127,
      pinMinimumLength: 6,
      pinPreviousBlockCount: 0,
      pinSpecialCharactersUsage: "disallowed",
      pinUppercaseCharactersUsage: "disallowed",
      remotePassportEnabled: true,
      securityDeviceRequired: false,
      securityKeyForSignIn: "notConfigured",
      state: "notConfigured",
      unlockWithBiometricsEnabled: true,
    },
    {
      ...base(
        "DefaultWindows10EnrollmentCompletionPageConfiguration",
        ESP_TYPE,
        "This is the default enrollment status screen configuration applied with the lowest priority to all users and all devices regardless of group membership.",
      ),
      allowDeviceResetOnInstallFailure: false,
      allowDeviceUseOnInstallFailure: false,
      allowLogCollectionOnInstallFailure: false,
      allowNonBlockingAppInstallation: false,
      blockDeviceSetupRetryByUser: true,
      customErrorMessage: "",
      disableUserStatusTrackingAfterFirstUser: false,
      installProgressTimeoutInMinutes: 0,
      installQualityUpdates: false,
      selectedMobileAppIds: [],
      showInstallationProgress: false,
      trackInstallProgressForAutopilotOnly: false,
    },
    {
      ...base("WindowsRestore", RESTORE_TYPE, "This is the default Windows Restore configuration applied with the lowest priority to all users and all devices regardless of group membership."),
      state: "notConfigured",
    },
  ];
}

export function seedEnrollmentConfigurations(store: SimStore, ctx: SeedContext): void {
  for (const doc of defaults(ctx)) if (!store.get(ENROLLMENT_CONFIGURATIONS_KIND, doc.id)) store.put(ENROLLMENT_CONFIGURATIONS_KIND, doc);
}
