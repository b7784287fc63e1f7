/**
 * HF2031 (warning): the file gives the update ring a schedule its automatic update mode ignores. Intune's
 * ring takes either a scheduled install (day and time, only with `autoInstallAndRebootAtScheduledTime`)
 * or active hours (every other behaviour) — `installationSchedule` is one or the other (graph-facts §4.3),
 * and the compiler sends only the one the mode uses (`compile/graph/update-ring.ts`). Only keys written
 * in the file count (the source map's `has`): the schema fills both pairs with defaults, which must never
 * warn. A disabled ring sends nothing, so nothing in it is reported.
 */
import type { Diagnostic } from "../../diag/diagnostic.ts";
import type { BlueprintSourceMap, UpdateRingSettings } from "../types.ts";
import { defineCheck, finding } from "./finding.ts";

const SCHEDULED = "autoInstallAndRebootAtScheduledTime";
const RING = ["devices", "updateRing"] as const;
const SCHEDULE_KEYS = ["installDay", "installTime"] as const;
const ACTIVE_HOURS_KEYS = ["activeHoursStart", "activeHoursEnd"] as const;

type RingKey = keyof UpdateRingSettings;

/** The keys among `keys` that the file itself writes (never those a default filled in). */
function written(src: BlueprintSourceMap, keys: readonly RingKey[]): RingKey[] {
  return keys.filter((key) => src.has?.([...RING, key]) === true);
}

const listed = (keys: readonly string[]) => keys.map((k) => `\`${k}\``).join(" and ");

export const updateRingScheduleIgnored = defineCheck(["devices.updateRing"], ["HF2031"], (bp, src) => {
  const ring = bp.devices.updateRing;
  if (!ring.enabled) return [];
  const mode = `automaticUpdateMode \`${ring.automaticUpdateMode}\`${src.has?.([...RING, "automaticUpdateMode"]) === true ? "" : " (the default)"}`;
  const found: Diagnostic[] = [];
  if (ring.automaticUpdateMode === SCHEDULED) {
    const keys = written(src, ACTIVE_HOURS_KEYS);
    if (keys.length) {
      found.push(
        finding(src, [...RING, keys[0]!], "HF2031", "warning", {
          message: `devices.updateRing sets ${listed(keys)}, but ${mode} installs at installDay/installTime and ignores active hours`,
          why: "Intune takes active hours only with the behaviours that install outside them; a scheduled install uses the day and time instead, so these hours never reach the devices (graph-facts §4.3).",
          fix: `Remove ${listed(keys)}, or choose a behaviour that respects active hours (such as autoInstallAtMaintenanceTime) and drop installDay/installTime.`,
        }),
      );
    }
  } else {
    const keys = written(src, SCHEDULE_KEYS);
    if (keys.length) {
      found.push(
        finding(src, [...RING, keys[0]!], "HF2031", "warning", {
          message: `devices.updateRing sets ${listed(keys)}, but ${mode} ignores the install schedule`,
          why: `Intune uses the scheduled install day and time only with ${SCHEDULED}; every other behaviour installs outside active hours, so this schedule never reaches the devices (graph-facts §4.3).`,
          fix: `Set automaticUpdateMode: ${SCHEDULED} to install at that day and time, or remove ${listed(keys)}.`,
        }),
      );
    }
  }
  return found;
});
