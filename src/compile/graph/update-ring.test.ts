import { describe, expect, it } from "vitest";
import { secureBlueprint } from "../testing/blueprint-fixture.ts";
import { graphSchemas, unknownKeys } from "../testing/graph-schema.ts";
import { compileUpdateRing, timeOfDay } from "./update-ring.ts";

describe("compileUpdateRing", () => {
  it("a windowsUpdateForBusinessConfiguration with deferrals, behaviour and pause access", () => {
    const [ring, ...rest] = compileUpdateRing(secureBlueprint({ devices: { updateRing: { qualityDeferralDays: 7, featureDeferralDays: 60 } } }));
    expect(rest).toEqual([]);
    expect(ring).toMatchObject({ kind: "updateRing", address: "updateRing.hololens", api: "v1.0", collection: "/deviceManagement/deviceConfigurations" });
    expect(ring!.body).toMatchObject({
      "@odata.type": "#microsoft.graph.windowsUpdateForBusinessConfiguration",
      displayName: "HF HoloLens 2 updates",
      automaticUpdateMode: "autoInstallAtMaintenanceTime",
      qualityUpdatesDeferralPeriodInDays: 7,
      featureUpdatesDeferralPeriodInDays: 60,
      userPauseAccess: "disabled",
    });
  });

  it("maintenance-time behaviour → active hours install window", () => {
    const ring = compileUpdateRing(secureBlueprint({ devices: { updateRing: { activeHoursStart: 7, activeHoursEnd: 19 } } }))[0]!;
    expect(ring.body.installationSchedule).toEqual({
      "@odata.type": "#microsoft.graph.windowsUpdateActiveHoursInstall",
      activeHoursStart: "07:00:00.0000000",
      activeHoursEnd: "19:00:00.0000000",
    });
  });

  it("scheduled-time behaviour → scheduled install day and time", () => {
    const ring = compileUpdateRing(
      secureBlueprint({ devices: { updateRing: { automaticUpdateMode: "autoInstallAndRebootAtScheduledTime", installDay: "sunday", installTime: 2 } } }),
    )[0]!;
    expect(ring.body.installationSchedule).toEqual({
      "@odata.type": "#microsoft.graph.windowsUpdateScheduledInstall",
      scheduledInstallDay: "sunday",
      scheduledInstallTime: "02:00:00.0000000",
    });
  });

  it("allowPause → userPauseAccess enabled; disabled ring → nothing", () => {
    expect(compileUpdateRing(secureBlueprint({ devices: { updateRing: { allowPause: true } } }))[0]!.body.userPauseAccess).toBe("enabled");
    expect(compileUpdateRing(secureBlueprint({ devices: { updateRing: { enabled: false } } }))).toEqual([]);
  });

  it("no feature-update policy fields (not supported on HoloLens)", () => {
    const body = compileUpdateRing(secureBlueprint())[0]!.body;
    expect(Object.keys(body).filter((k) => /featureUpdatesPause|Rollback|allowWindows11Upgrade/.test(k))).toEqual([]);
    expect(timeOfDay(0)).toBe("00:00:00.0000000");
  });

  it.skipIf(graphSchemas() === null)("every body key exists on windowsUpdateForBusinessConfiguration and its schedule type (CSDL)", () => {
    for (const mode of ["autoInstallAtMaintenanceTime", "autoInstallAndRebootAtScheduledTime"] as const) {
      const body = compileUpdateRing(secureBlueprint({ devices: { updateRing: { automaticUpdateMode: mode } } }))[0]!.body;
      expect(unknownKeys(graphSchemas()!.v1, "windowsUpdateForBusinessConfiguration", body)).toEqual([]);
    }
  });
});
