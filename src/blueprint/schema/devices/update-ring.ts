/**
 * `devices.updateRing`: a Windows Update for Business ring (guide §GR-10, hololens-updates.md). Defaults
 * follow the CSP defaults (install every day at 3, active hours 8–17) and keep users from pausing updates.
 */
import { z } from "zod";
import { displayName, documented, hourOfDay } from "../common.ts";

const DAYS = ["everyday", "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;
const MODES = [
  "userDefined",
  "notifyDownload",
  "autoInstallAtMaintenanceTime",
  "autoInstallAndRebootAtMaintenanceTime",
  "autoInstallAndRebootAtScheduledTime",
  "autoInstallAndRebootWithoutEndUserControl",
] as const;

/** Update/ActiveHoursMaxRange allows at most 18 hours (hololens-facts §12). */
const MAX_ACTIVE_HOURS = 18;

export const updateRingSchema = documented(
  z
    .strictObject({
      enabled: documented(z.boolean().default(true), { description: "Deploy the update ring.", guide: "§GR-10" }),
      name: documented(displayName(100, "Intune (the update ring name)").default("HoloLens update ring"), {
        description: "Update ring display name (holofleet adds tenant.namingPrefix).",
        guide: "§GR-10",
      }),
      qualityDeferralDays: documented(z.number().int().min(0).max(30).default(0), {
        description: "Days to defer quality updates (Update/DeferQualityUpdatesPeriodInDays, 0–30).",
        guide: "§GR-10",
      }),
      featureDeferralDays: documented(z.number().int().min(0).max(365).default(0), {
        description:
          "Days to defer feature updates (Update/DeferFeatureUpdatesPeriodInDays, 0–365). Default 0: stay on the latest release (§GR-1).",
        guide: "§GR-10",
      }),
      automaticUpdateMode: documented(z.enum(MODES).default("autoInstallAtMaintenanceTime"), {
        description:
          "Intune automatic update behaviour (Update/AllowAutoUpdate). `autoInstallAndRebootAtScheduledTime` installs at installDay/installTime; every other behaviour uses active hours.",
        guide: "§GR-10",
      }),
      installDay: documented(z.enum(DAYS).default("everyday"), {
        description: "Scheduled install day (Update/ScheduledInstallDay; CSP default every day). Only with autoInstallAndRebootAtScheduledTime (HF2031).",
        guide: "§GR-10",
      }),
      installTime: documented(hourOfDay.default(3), {
        description: "Scheduled install hour 0–23 (Update/ScheduledInstallTime; CSP default 3). Only with autoInstallAndRebootAtScheduledTime (HF2031).",
        guide: "§GR-10",
      }),
      activeHoursStart: documented(hourOfDay.default(8), {
        description: "Start of active hours, no restarts (Update/ActiveHoursStart, 20H2+; CSP default 8). Not with autoInstallAndRebootAtScheduledTime (HF2031).",
        guide: "§GR-10",
      }),
      activeHoursEnd: documented(hourOfDay.default(17), {
        description: "End of active hours (Update/ActiveHoursEnd, 20H2+; CSP default 17). Not with autoInstallAndRebootAtScheduledTime (HF2031).",
        guide: "§GR-10",
      }),
      allowPause: documented(z.boolean().default(false), {
        description: "Let users pause updates; false sets Update/SetDisablePauseUXAccess = 1 (20H2+).",
        guide: "§GR-10",
      }),
    })
    .superRefine((ring, ctx) => {
      const span = (ring.activeHoursEnd - ring.activeHoursStart + 24) % 24;
      if (span === 0 || span > MAX_ACTIVE_HOURS) {
        ctx.addIssue({
          code: "custom",
          path: ["activeHoursEnd"],
          message: `active hours ${ring.activeHoursStart}–${ring.activeHoursEnd} span ${span} hours; HoloLens accepts 1 to ${MAX_ACTIVE_HOURS} (Update/ActiveHoursMaxRange)`,
          params: { hf: "HF1014", fix: "Move activeHoursEnd closer to activeHoursStart." },
        });
      }
    }),
  { description: "Windows Update for Business ring for the devices.", guide: "§GR-10" },
);
