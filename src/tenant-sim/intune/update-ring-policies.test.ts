import { describe, expect, it } from "vitest";
import { createConfigurationDoc } from "./device-configuration-body.ts";
import { ringPolicySettings, UPDATE_RING_POLICY_NODES } from "./update-ring-policies.ts";
import { HOLOLENS2_POLICY_CSP } from "./hololens-policies.ts";

const NOW = new Date("2026-11-29T10:00:00Z");
const UPDATE = "./Device/Vendor/MSFT/Policy/Config/Update";
const ring = (body: Record<string, unknown>) =>
  createConfigurationDoc({ "@odata.type": "#microsoft.graph.windowsUpdateForBusinessConfiguration", displayName: "ring", ...body }, { version: "v1.0", id: "r", now: NOW });

describe("ringPolicySettings", () => {
  it("maps what the ring configures to Update Policy CSP nodes; not-configured enums send nothing", () => {
    const settings = ringPolicySettings(
      ring({
        automaticUpdateMode: "autoInstallAtMaintenanceTime",
        qualityUpdatesDeferralPeriodInDays: 0,
        featureUpdatesDeferralPeriodInDays: 30,
        userPauseAccess: "disabled",
        updateNotificationLevel: "notConfigured",
        installationSchedule: { "@odata.type": "#microsoft.graph.windowsUpdateActiveHoursInstall", activeHoursStart: "08:00:00.0000000", activeHoursEnd: "17:00:00.0000000" },
      }),
      "10.0.22621.1266",
    );
    expect(Object.fromEntries(settings.map((s) => [s.omaUri, [s.state, s.value]]))).toEqual({
      [`${UPDATE}/AllowAutoUpdate`]: ["applied", "autoInstallAtMaintenanceTime"],
      [`${UPDATE}/DeferQualityUpdatesPeriodInDays`]: ["applied", 0],
      [`${UPDATE}/DeferFeatureUpdatesPeriodInDays`]: ["applied", 30],
      [`${UPDATE}/SetDisablePauseUXAccess`]: ["applied", "disabled"],
      [`${UPDATE}/ActiveHoursStart`]: ["applied", "08:00:00.0000000"],
      [`${UPDATE}/ActiveHoursEnd`]: ["applied", "17:00:00.0000000"],
    });
  });

  it("a node newer than the device's build is unsupported (21H2 deadline policies on 20H2)", () => {
    const settings = ringPolicySettings(ring({ deadlineForQualityUpdatesInDays: 3 }), "10.0.19041.1128");
    expect(settings.find((s) => s.property === "deadlineForQualityUpdatesInDays")).toMatchObject({ state: "unsupported", omaUri: `${UPDATE}/ConfigureDeadlineForQualityUpdates` });
    expect(ringPolicySettings(ring({ deadlineForQualityUpdatesInDays: 3 }), "10.0.20348.1432").find((s) => s.property === "deadlineForQualityUpdatesInDays")?.state).toBe("applied");
  });

  it("a configured setting HoloLens has no node for is not applicable", () => {
    const settings = ringPolicySettings(ring({ driversExcluded: true, deliveryOptimizationMode: "httpOnly" }), "10.0.22621.1266");
    expect(settings.filter((s) => s.state === "notApplicable").map((s) => s.property).sort()).toEqual(["deliveryOptimizationMode", "driversExcluded"]);
  });

  it("every node it maps to is in the HoloLens 2 Policy CSP list", () => {
    for (const node of [...Object.values(UPDATE_RING_POLICY_NODES), "ActiveHoursStart", "ActiveHoursEnd", "ScheduledInstallDay", "ScheduledInstallTime"]) {
      expect(`Update/${node}` in HOLOLENS2_POLICY_CSP, node).toBe(true);
    }
  });
});
