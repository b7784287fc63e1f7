import { describe, expect, it } from "vitest";
import { checkEntity, enumIsFlags, enumMembers, formatProblems, hasCsdlReference, typeProperties } from "../conformance/csdl.ts";
import { stripInternal } from "../odata/collection.ts";
import { statusOf } from "./graph-error-of.ts";
import {
  BETA_APPLICABILITY_RULES,
  BETA_ONLY_ENUM_MEMBERS,
  createConfigurationDoc,
  patchConfigurationDoc,
  UPDATE_RING_ENUMS,
  UPDATE_RING_PROPERTIES,
  type PropertySpec,
} from "./device-configuration-body.ts";
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

  it("checks Edm.TimeOfDay ranges, Int32 bounds and the schedule's own properties", () => {
    const activeHours = (start: string, end: string) => ({ "@odata.type": "#microsoft.graph.windowsUpdateActiveHoursInstall", activeHoursStart: start, activeHoursEnd: end });
    expect(statusOf(() => createConfigurationDoc({ ...ring, installationSchedule: activeHours("08:00:00.0000000", "17:00:00.0000000") }, w))).toBeUndefined();
    expect(statusOf(() => createConfigurationDoc({ ...ring, installationSchedule: activeHours("24:00:00", "17:00:00") }, w))).toBe(400);
    expect(statusOf(() => createConfigurationDoc({ ...ring, installationSchedule: activeHours("08:60:00", "17:00:00") }, w))).toBe(400);
    expect(statusOf(() => createConfigurationDoc({ ...ring, installationSchedule: { ...activeHours("08:00:00", "17:00:00"), scheduledInstallDay: "monday" } }, w))).toBe(400);
    expect(statusOf(() => createConfigurationDoc({ ...ring, qualityUpdatesDeferralPeriodInDays: 2 ** 31 }, w))).toBe(400);
  });

  it("takes the beta applicability rules on beta only, null or with their own properties", () => {
    const rule = { "@odata.type": "#microsoft.graph.deviceManagementApplicabilityRuleOsVersion", minOSVersion: "10.0.20348.1528", maxOSVersion: null, name: "HL2 22H2+", ruleType: "include" };
    const beta = { ...w, version: "beta" as const };
    const doc = createConfigurationDoc({ ...ring, deviceManagementApplicabilityRuleOsVersion: rule, deviceManagementApplicabilityRuleDeviceMode: null }, beta);
    expect(doc._beta.applicabilityRules).toEqual({ deviceManagementApplicabilityRuleOsVersion: rule, deviceManagementApplicabilityRuleDeviceMode: null });
    expect(statusOf(() => createConfigurationDoc({ ...ring, deviceManagementApplicabilityRuleOsVersion: rule }, w))).toBe(400);
    expect(statusOf(() => createConfigurationDoc({ ...ring, deviceManagementApplicabilityRuleOsVersion: { ...rule, osEditionTypes: [] } }, beta))).toBe(400);
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

/** The EDM type a tenant property spec stands for. */
function edmTypeOf(spec: PropertySpec): string {
  switch (spec.kind) {
    case "boolean":
      return "Edm.Boolean";
    case "int32":
      return "Edm.Int32";
    case "date":
      return "Edm.Date";
    case "dateTimeOffset":
      return "Edm.DateTimeOffset";
    case "schedule":
      return "microsoft.graph.windowsUpdateInstallScheduleType";
    case "enum":
      return `microsoft.graph.${spec.enumType}`;
  }
}

describe.skipIf(!hasCsdlReference())("conformance of stored configurations", () => {
  it("embedded update-ring enums are exactly the v1.0 CSDL members, value 0 first", () => {
    for (const [name, members] of Object.entries(UPDATE_RING_ENUMS)) {
      expect(enumMembers(name, "v1.0"), name).toEqual([...members]);
    }
  });

  it("beta adds exactly the members BETA_ONLY_ENUM_MEMBERS lists", () => {
    for (const name of Object.keys(UPDATE_RING_ENUMS) as (keyof typeof UPDATE_RING_ENUMS)[]) {
      const extra = (enumMembers(name, "beta") ?? []).filter((m) => !(UPDATE_RING_ENUMS[name] as readonly string[]).includes(m));
      expect(extra.sort(), name).toEqual([...(BETA_ONLY_ENUM_MEMBERS[name] ?? [])].sort());
    }
  });

  it("the update-ring property table is the CSDL type: same names, EDM types, nullability and flags", () => {
    const schema = typeProperties("windowsUpdateForBusinessConfiguration", "v1.0")!;
    const own = [...schema].filter(([name, p]) => !p.navigation && !typeProperties("deviceConfiguration", "v1.0")!.has(name));
    expect(own.map(([name]) => name).sort()).toEqual(Object.keys(UPDATE_RING_PROPERTIES).sort());
    for (const [name, p] of own) {
      const spec = UPDATE_RING_PROPERTIES[name]!;
      expect({ name, type: p.type, nullable: p.nullable, collection: p.collection }).toEqual({ name, type: edmTypeOf(spec), nullable: spec.nullable, collection: false });
      if (spec.kind === "enum") expect(!!spec.flags, name).toBe(enumIsFlags(spec.enumType, "v1.0"));
    }
    const beta = typeProperties("windowsUpdateForBusinessConfiguration", "beta")!;
    expect(Object.keys(UPDATE_RING_PROPERTIES).every((name) => beta.has(name))).toBe(true);
  });

  it("the beta applicability rules are the beta deviceConfiguration's, with their complex types' properties", () => {
    const beta = typeProperties("deviceConfiguration", "beta")!;
    const v1 = typeProperties("deviceConfiguration", "v1.0")!;
    const betaOnly = [...beta].filter(([name, p]) => !p.navigation && !v1.has(name)).map(([name]) => name);
    expect(betaOnly.sort()).toEqual(["roleScopeTagIds", "supportsScopeTags", ...Object.keys(BETA_APPLICABILITY_RULES)].sort());
    for (const [rule, names] of Object.entries(BETA_APPLICABILITY_RULES)) {
      expect([...typeProperties(rule, "beta")!.keys()].sort(), rule).toEqual([...names].sort());
    }
  });

  it("accepts every value the CSDL allows for each enum property and rejects one it does not", () => {
    for (const [name, spec] of Object.entries(UPDATE_RING_PROPERTIES)) {
      if (spec.kind !== "enum") continue;
      for (const member of enumMembers(spec.enumType, "v1.0")!) {
        expect(statusOf(() => createConfigurationDoc({ ...ring, [name]: member }, w)), `${name}=${member}`).toBeUndefined();
      }
      expect(statusOf(() => createConfigurationDoc({ ...ring, [name]: "notAMember" }, w)), name).toBe(400);
    }
    // windowsDefault is a beta-only automaticUpdateMode.
    expect(statusOf(() => createConfigurationDoc({ ...ring, automaticUpdateMode: "windowsDefault" }, { ...w, version: "beta" }))).toBeUndefined();
    expect(statusOf(() => createConfigurationDoc({ ...ring, automaticUpdateMode: "windowsDefault" }, w))).toBe(400);
    const scheduled = (day: string) => ({ ...ring, installationSchedule: { "@odata.type": "#microsoft.graph.windowsUpdateScheduledInstall", scheduledInstallDay: day, scheduledInstallTime: "03:00:00" } });
    for (const day of enumMembers("weeklySchedule", "v1.0")!) expect(statusOf(() => createConfigurationDoc(scheduled(day), w)), day).toBeUndefined();
    expect(statusOf(() => createConfigurationDoc(scheduled("noScheduledScan"), w))).toBe(400);
    expect(statusOf(() => createConfigurationDoc(scheduled("noScheduledScan"), { ...w, version: "beta" }))).toBeUndefined();
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
