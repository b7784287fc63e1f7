/**
 * What an update ring (`windowsUpdateForBusinessConfiguration`) sets on a HoloLens 2: the Update
 * Policy CSP nodes behind each ring property, per `hololens-updates.md` (Automatic Update Behavior →
 * Update/AllowAutoUpdate; active hours, install schedule, deferrals, pauses, the 21H2 deadline and
 * restart-warning policies) and the compiler's note that user pause access is
 * Update/SetDisablePauseUXAccess. Whether the device's build has a node comes from the HoloLens 2
 * Policy CSP list (hololens-policies.ts). A ring property HoloLens has no node for is reported as not
 * applicable when the ring configures it (simulated: which WUfB settings HoloLens honours is
 * graph-facts §14's open point).
 */
import { updateRingSettingNames, type DeviceConfigurationDoc } from "./device-configuration-body.ts";
import { holoLensOmaUriSupport } from "./hololens-policies.ts";

const UPDATE = "./Device/Vendor/MSFT/Policy/Config/Update";

/** Ring property → the Update Policy CSP node it sets. */
export const UPDATE_RING_POLICY_NODES: Readonly<Record<string, string>> = {
  automaticUpdateMode: "AllowAutoUpdate",
  qualityUpdatesDeferralPeriodInDays: "DeferQualityUpdatesPeriodInDays",
  featureUpdatesDeferralPeriodInDays: "DeferFeatureUpdatesPeriodInDays",
  qualityUpdatesPaused: "PauseQualityUpdates",
  featureUpdatesPaused: "PauseFeatureUpdates",
  deadlineForQualityUpdatesInDays: "ConfigureDeadlineForQualityUpdates",
  deadlineForFeatureUpdatesInDays: "ConfigureDeadlineForFeatureUpdates",
  deadlineGracePeriodInDays: "ConfigureDeadlineGracePeriod",
  postponeRebootUntilAfterDeadline: "ConfigureDeadlineNoAutoReboot",
  scheduleRestartWarningInHours: "ScheduleRestartWarning",
  scheduleImminentRestartWarningInMinutes: "ScheduleImminentRestartWarning",
  updateNotificationLevel: "UpdateNotificationLevel",
  autoRestartNotificationDismissal: "AutoRestartRequiredNotificationDismissal",
  userPauseAccess: "SetDisablePauseUXAccess",
};

/** Install schedule subtype property → node. */
const SCHEDULE_NODES: Readonly<Record<string, string>> = {
  activeHoursStart: "ActiveHoursStart",
  activeHoursEnd: "ActiveHoursEnd",
  scheduledInstallDay: "ScheduledInstallDay",
  scheduledInstallTime: "ScheduledInstallTime",
};

/** Enum values that mean "not configured" (value 0 of the CSDL enums), so nothing is sent. */
const NOT_CONFIGURED = new Set(["userDefined", "notConfigured"]);
/** Non-nullable deferrals Intune always sends, 0 included. */
const ALWAYS_SENT = new Set(["qualityUpdatesDeferralPeriodInDays", "featureUpdatesDeferralPeriodInDays"]);

export interface RingPolicySetting {
  /** The ring property (`installationSchedule.activeHoursStart` for the schedule's parts). */
  property: string;
  /** The Policy CSP node it sets, or null when HoloLens has none. */
  omaUri: string | null;
  value: unknown;
  state: "applied" | "unsupported" | "notApplicable";
  reason: string | null;
}

function configured(name: string, value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (ALWAYS_SENT.has(name)) return true;
  if (typeof value === "string") return !NOT_CONFIGURED.has(value);
  return value !== false;
}

/** The settings a ring configures and how a HoloLens 2 on `osVersion` takes each one. */
export function ringPolicySettings(ring: DeviceConfigurationDoc, osVersion: string): RingPolicySetting[] {
  const out: RingPolicySetting[] = [];
  const node = (property: string, name: string, value: unknown) => {
    const omaUri = `${UPDATE}/${name}`;
    const support = holoLensOmaUriSupport(omaUri, osVersion);
    out.push({ property, omaUri, value, state: support.supported ? "applied" : "unsupported", reason: support.supported ? null : support.reason });
  };
  for (const name of updateRingSettingNames()) {
    const value = ring[name];
    if (!configured(name, value)) continue;
    if (name === "installationSchedule") {
      for (const [part, partValue] of Object.entries(value as Record<string, unknown>)) {
        const partNode = SCHEDULE_NODES[part];
        if (partNode) node(`installationSchedule.${part}`, partNode, partValue);
      }
      continue;
    }
    const policy = UPDATE_RING_POLICY_NODES[name];
    if (policy) node(name, policy, value);
    else out.push({ property: name, omaUri: null, value, state: "notApplicable", reason: "HoloLens 2 has no Policy CSP node for this setting" });
  }
  return out;
}
