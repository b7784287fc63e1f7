import { describe, expect, it } from "vitest";
import { checkEntity, enumMembers, formatProblems, hasCsdlReference } from "../conformance/csdl.ts";
import { stripInternal } from "../odata/collection.ts";
import { statusOf } from "./graph-error-of.ts";
import { createConfigurationDoc, patchConfigurationDoc, UPDATE_RING_ENUMS } from "./device-configuration-body.ts";
import { renderOmaSettings } from "./oma-settings.ts";

const T0 = new Date("2026-11-29T10:00:00Z");
const T1 = new Date("2026-11-29T11:00:00Z");
const w = { version: "v1.0" as const, id: "cfg-1", now: T0 };

const ring = {
  "@odata.type": "#microsoft.graph.windowsUpdateForBusinessConfiguration",
  displayName: "HL2 ring",
  qualityUpdatesDeferralPeriodInDays: 7,
  featureUpdatesDeferralPeriodInDays: 30,
  automaticUpdateMode: "autoInstallAtMaintenanceTime",
  deadlineForQualityUpdatesInDays: 3,
  scheduleRestartWarningInHours: 4,
  updateWeeks: "firstWeek, thirdWeek",
  installationSchedule: { "@odata.type": "#microsoft.graph.windowsUpdateActiveHoursInstall", activeHoursStart: "08:00:00", activeHoursEnd: "17:00:00" },
};


describe("createConfigurationDoc", () => {
  it("builds an update ring with EDM defaults for omitted non-nullable properties", () => {
    const doc = createConfigurationDoc(ring, w);
    expect(doc).toMatchObject({
      id: "cfg-1",
      "@odata.type": "#microsoft.graph.windowsUpdateForBusinessConfiguration",
      version: 1,
      createdDateTime: T0.toISOString(),
      qualityUpdatesDeferralPeriodInDays: 7,
      driversExcluded: false,
      businessReadyUpdatesOnly: "userDefined",
      userPauseAccess: "notConfigured",
      qualityUpdatesPauseExpiryDateTime: "0001-01-01T00:00:00Z",
      deadlineGracePeriodInDays: null,
    });
  });

  it("rejects documented out-of-range values, bad enums, abstract schedules and unknown properties", () => {
    expect(statusOf(() => createConfigurationDoc({ ...ring, scheduleRestartWarningInHours: 13 }, w))).toBe(400);
    expect(statusOf(() => createConfigurationDoc({ ...ring, deadlineGracePeriodInDays: 8 }, w))).toBe(400);
    expect(statusOf(() => createConfigurationDoc({ ...ring, automaticUpdateMode: "always" }, w))).toBe(400);
    expect(statusOf(() => createConfigurationDoc({ ...ring, installationSchedule: { activeHoursStart: "08:00:00" } }, w))).toBe(400);
    expect(statusOf(() => createConfigurationDoc({ ...ring, omaSettings: [] }, w))).toBe(400);
    expect(statusOf(() => createConfigurationDoc({ ...ring, "@odata.type": undefined }, w))).toBe(400);
    expect(statusOf(() => createConfigurationDoc({ ...ring, "@odata.type": "#microsoft.graph.windows10GeneralConfiguration" }, w))).toBe(400);
    expect(statusOf(() => createConfigurationDoc({ ...ring, displayName: "" }, w))).toBe(400);
    expect(statusOf(() => createConfigurationDoc({ ...ring, roleScopeTagIds: ["0"] }, w))).toBe(400);
    expect(statusOf(() => createConfigurationDoc({ ...ring, roleScopeTagIds: ["0"] }, { ...w, version: "beta" }))).toBeUndefined();
  });

  it("accepts the @odata.type without '#' (doc samples write it so)", () => {
    const doc = createConfigurationDoc({ "@odata.type": "microsoft.graph.windows10CustomConfiguration", displayName: "c", omaSettings: [] }, w);
    expect(doc["@odata.type"]).toBe("#microsoft.graph.windows10CustomConfiguration");
  });
});

describe("patchConfigurationDoc", () => {
  it("bumps version and lastModifiedDateTime, keeps createdDateTime, ignores computed fields", () => {
    const doc = createConfigurationDoc(ring, w);
    const patched = patchConfigurationDoc(doc, { displayName: "renamed", version: 99, id: "other" }, { ...w, now: T1 });
    expect(patched).toMatchObject({ id: "cfg-1", displayName: "renamed", version: 2, createdDateTime: T0.toISOString(), lastModifiedDateTime: T1.toISOString() });
    expect(doc.version).toBe(1);
  });

  it("refuses to change the type", () => {
    const doc = createConfigurationDoc(ring, w);
    expect(statusOf(() => patchConfigurationDoc(doc, { "@odata.type": "#microsoft.graph.windows10CustomConfiguration" }, w))).toBe(400);
  });
});

describe.skipIf(!hasCsdlReference())("conformance of stored configurations", () => {
  it("embedded update-ring enums match the v1.0 CSDL, value 0 first", () => {
    for (const [name, members] of Object.entries(UPDATE_RING_ENUMS)) {
      expect(enumMembers(name, "v1.0")?.slice(0, members.length), name).toEqual([...members]);
    }
  });

  it("a stored ring and custom profile, as answered, conform to the v1.0 CSDL", () => {
    const ringDoc = stripInternal(createConfigurationDoc(ring, w));
    expect(formatProblems(checkEntity("deviceConfiguration", ringDoc, "v1.0"))).toBe("");
    const custom = createConfigurationDoc({
      "@odata.type": "#microsoft.graph.windows10CustomConfiguration",
      displayName: "c",
      omaSettings: [{ "@odata.type": "#microsoft.graph.omaSettingString", displayName: "s", omaUri: "./Vendor/MSFT/X", value: "v" }],
    }, w);
    const answered = { ...stripInternal(custom), omaSettings: renderOmaSettings(custom.omaSettings ?? [], "v1.0") };
    expect(formatProblems(checkEntity("deviceConfiguration", answered, "v1.0"))).toBe("");
  });
});
