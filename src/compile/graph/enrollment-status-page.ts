/**
 * hololens2-autopilot.md step 7: the Enrollment Status Page, assigned to the device group. The guide
 * shows its settings only as a screenshot, so every value is chosen here, each with its reason, for
 * devices set up by Autopilot and then used by external clients. Beta only: v1.0's
 * `windows10EnrollmentCompletionPageConfiguration` has just `allowNonBlockingAppInstallation` (v1.0
 * CSDL), the rest are beta properties (BETA-MAP). Property meanings: Graph's resource page
 * `intune-onboarding-windows10enrollmentcompletionpageconfiguration`.
 */
import type { Blueprint } from "../../blueprint/types.ts";
import type { DesiredResource } from "../types.ts";
import { addresses } from "./addresses.ts";
import { ownedDescription, prefixedName } from "./naming.ts";

export function compileEnrollmentStatusPage(bp: Blueprint): DesiredResource[] {
  const esp = bp.devices.enrollmentStatusPage;
  if (!esp.enabled) return [];
  return [
    {
      kind: "enrollmentStatusPage",
      address: addresses.enrollmentStatusPage,
      api: "beta",
      collection: "/deviceManagement/deviceEnrollmentConfigurations",
      body: {
        "@odata.type": "#microsoft.graph.windows10EnrollmentCompletionPageConfiguration",
        displayName: prefixedName(bp, esp.name),
        description: ownedDescription(bp, "Enrollment Status Page of the HoloLens device group (hololens2-autopilot.md step 7)."),
        // The page is the point of step 7: without it the ESP is not shown and a client could reach
        // the sign-in screen before the kiosk, app control and restrictions are applied.
        showInstallationProgress: true,
        // …and the device stays blocked when setup fails: an unconfigured device would give an external
        // client the full shell and the browser (guide §GR-5, §GR-7, §CC-chat-history).
        allowDeviceUseOnInstallFailure: false,
        installProgressTimeoutInMinutes: esp.installTimeoutMinutes,
        // A client cannot fix a failed setup; the message says whom to call.
        customErrorMessage: esp.errorMessage,
        // 23H1+: a Reset device button restarts Autopilot without a reflash (hololens-release-notes.md),
        // which a client site has no way to do.
        allowDeviceResetOnInstallFailure: esp.allowResetOnFailure,
        allowLogCollectionOnInstallFailure: esp.allowLogCollection,
        // Retrying is the cheapest recovery at a client site (Graph default: retry allowed).
        blockDeviceSetupRetryByUser: false,
        // Show the page for every enrollment of a device in the group, not only Autopilot ones: with
        // Autopilot off the device group is assigned by hand and the page still guards first use.
        trackInstallProgressForAutopilotOnly: false,
        // Only the first user after enrollment waits on the page: every profile holofleet assigns targets
        // the device group, so later client accounts on a loaned device have nothing left to track.
        disableUserStatusTrackingAfterFirstUser: true,
        // holofleet deploys no apps through Intune (Remote Assist and Guides come from the Store and update
        // themselves after Entra join, 23H1 release notes): nothing to select, nothing non-blocking.
        selectedMobileAppIds: [],
        allowNonBlockingAppInstallation: false,
        // OS updates follow the update ring (guide §GR-10), not the setup screen.
        installQualityUpdates: false,
        roleScopeTagIds: ["0"],
      },
      dependsOn: [],
    },
  ];
}
