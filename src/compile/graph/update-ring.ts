/**
 * Guide §GR-10: the Windows Update for Business ring (`#microsoft.graph.windowsUpdateForBusinessConfiguration`,
 * graph-facts §4.3). Only what HoloLens 2 honours is sent (`hololens-updates.md`): automatic update
 * behaviour, quality and feature deferrals, the install schedule or active hours, and whether users may
 * pause. Intune's feature-update policy type is not supported on HoloLens, so none is emitted.
 */
import type { Blueprint, UpdateRingSettings } from "../../blueprint/types.ts";
import type { DesiredResource } from "../types.ts";
import { addresses } from "./addresses.ts";
import { ownedDescription, prefixedName } from "./naming.ts";

/** Edm.TimeOfDay as Graph writes it in responses (`08:00:00.0000000`), so reads compare equal. */
export function timeOfDay(hour: number): string {
  return `${String(hour).padStart(2, "0")}:00:00.0000000`;
}

/**
 * `installationSchedule` is either a scheduled install (day + time) or active hours. Intune asks for the
 * day and time only with "Auto install and restart at a scheduled time"; every other behaviour uses
 * active hours (20H2+ on HoloLens 2).
 */
export function installationSchedule(ring: UpdateRingSettings): Record<string, unknown> {
  if (ring.automaticUpdateMode === "autoInstallAndRebootAtScheduledTime") {
    return {
      "@odata.type": "#microsoft.graph.windowsUpdateScheduledInstall",
      scheduledInstallDay: ring.installDay,
      scheduledInstallTime: timeOfDay(ring.installTime),
    };
  }
  return {
    "@odata.type": "#microsoft.graph.windowsUpdateActiveHoursInstall",
    activeHoursEnd: timeOfDay(ring.activeHoursEnd),
    activeHoursStart: timeOfDay(ring.activeHoursStart),
  };
}

export function compileUpdateRing(bp: Blueprint): DesiredResource[] {
  const ring = bp.devices.updateRing;
  if (!ring.enabled) return [];
  return [
    {
      kind: "updateRing",
      address: addresses.updateRing,
      api: "v1.0",
      collection: "/deviceManagement/deviceConfigurations",
      body: {
        "@odata.type": "#microsoft.graph.windowsUpdateForBusinessConfiguration",
        automaticUpdateMode: ring.automaticUpdateMode,
        description: ownedDescription(bp, "Windows Update for Business ring for HoloLens 2 (guide §GR-10)."),
        displayName: prefixedName(bp, ring.name),
        featureUpdatesDeferralPeriodInDays: ring.featureDeferralDays,
        installationSchedule: installationSchedule(ring),
        qualityUpdatesDeferralPeriodInDays: ring.qualityDeferralDays,
        // Update/SetDisablePauseUXAccess on the device (20H2+).
        userPauseAccess: ring.allowPause ? "enabled" : "disabled",
      },
      dependsOn: [],
    },
  ];
}
