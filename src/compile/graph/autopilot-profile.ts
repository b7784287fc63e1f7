/**
 * Guide §GR-3: the Autopilot deployment profile for HoloLens 2 — beta only
 * (`#microsoft.graph.azureADWindowsAutopilotDeploymentProfile` with `deviceType: "holoLens"`, graph-facts
 * §5.1). HoloLens supports self-deploying mode only, which Graph expresses as a shared device. The new
 * beta property names are sent (`locale`, `outOfBoxExperienceSetting`, …), not the deprecated ones.
 */
import type { Blueprint } from "../../blueprint/types.ts";
import type { DesiredResource } from "../types.ts";
import { addresses } from "./addresses.ts";
import { ownedDescription, prefixedName } from "./naming.ts";

export function compileAutopilotProfile(bp: Blueprint): DesiredResource[] {
  const ap = bp.devices.autopilot;
  if (!ap.enabled) return [];
  return [
    {
      kind: "autopilotProfile",
      address: addresses.autopilotProfile,
      api: "beta",
      collection: "/deviceManagement/windowsAutopilotDeploymentProfiles",
      body: {
        "@odata.type": "#microsoft.graph.azureADWindowsAutopilotDeploymentProfile",
        description: ownedDescription(bp, "Self-deploying HoloLens 2 profile (guide §GR-3)."),
        // Empty = "Apply device name template: No" (the device keeps its name).
        deviceNameTemplate: ap.deviceNameTemplate ?? "",
        deviceType: "holoLens",
        displayName: prefixedName(bp, ap.profileName),
        hardwareHashExtractionEnabled: false,
        locale: ap.language,
        outOfBoxExperienceSetting: {
          deviceUsageType: "shared",
          escapeLinkHidden: true,
          eulaHidden: true,
          keyboardSelectionPageSkipped: ap.autoConfigureKeyboard,
          privacySettingsHidden: true,
          userType: "standard",
        },
        preprovisioningAllowed: false,
        roleScopeTagIds: ["0"],
      },
      dependsOn: [],
    },
  ];
}
