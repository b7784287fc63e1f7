import { describe, expect, it } from "vitest";
import { checkEntities, checkEntity, enumMembers, formatProblems, hasCsdlReference, qualifiedTypeName } from "./csdl.ts";

const NOW = "2026-11-29T10:00:00Z";

function customConfiguration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    "@odata.type": "#microsoft.graph.windows10CustomConfiguration",
    id: "7c1f2a9e-3f0a-4c5e-9d7e-0c8b2c1f5a11",
    displayName: "HL2 ClientA – MixedReality",
    description: null,
    version: 1,
    createdDateTime: NOW,
    lastModifiedDateTime: "2026-11-29T10:00:00.1234567Z",
    omaSettings: [
      {
        "@odata.type": "#microsoft.graph.omaSettingInteger",
        displayName: "Developer unlock",
        description: null,
        omaUri: "./Device/Vendor/MSFT/Policy/Config/ApplicationManagement/AllowDeveloperUnlock",
        value: 0,
      },
    ],
    ...overrides,
  };
}

describe("qualifiedTypeName", () => {
  it("accepts short, qualified and #-prefixed names", () => {
    expect(qualifiedTypeName("user")).toBe("microsoft.graph.user");
    expect(qualifiedTypeName("#microsoft.graph.user")).toBe("microsoft.graph.user");
    expect(qualifiedTypeName("microsoft.graph.callRecords.session")).toBe("microsoft.graph.callRecords.session");
  });
});

describe.skipIf(!hasCsdlReference())("checkEntity against the v1.0 CSDL", () => {
  it("accepts a conforming derived entity, inherited properties included", () => {
    const problems = checkEntity("deviceConfiguration", customConfiguration(), "v1.0");
    expect(formatProblems(problems)).toBe("");
  });

  it("catches an unknown property, a wrong primitive type and a property of another subtype", () => {
    const wrong = customConfiguration({
      displayNam: "typo",
      version: "1",
      omaSettings: [
        { "@odata.type": "#microsoft.graph.omaSettingInteger", displayName: "x", omaUri: "./x", value: 1.5, fileName: "a.xml" },
      ],
    });
    const problems = checkEntity("deviceConfiguration", wrong, "v1.0");
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p.code]));
    expect(byPath).toEqual({
      "$.displayNam": "unknownProperty",
      "$.version": "wrongType",
      "$.omaSettings[0].value": "wrongType",
      // fileName belongs to omaSettingBase64/StringXml, not to omaSettingInteger.
      "$.omaSettings[0].fileName": "unknownProperty",
    });
  });

  it("requires non-nullable properties unless the answer is partial", () => {
    const { displayName: _omit, ...rest } = customConfiguration();
    const problems = checkEntity("deviceConfiguration", rest, "v1.0");
    expect(problems).toEqual([expect.objectContaining({ path: "$.displayName", code: "missingRequired" })]);
    expect(checkEntity("deviceConfiguration", rest, "v1.0", { partial: true })).toEqual([]);
    expect(checkEntity("deviceConfiguration", rest, "v1.0", { ignoreMissing: ["displayName"] })).toEqual([]);
  });

  it("rejects null for a non-nullable property", () => {
    const problems = checkEntity("deviceConfiguration", customConfiguration({ version: null }), "v1.0");
    expect(problems.map((p) => p.code)).toEqual(["nullNotAllowed"]);
  });

  it("needs @odata.type on abstract types, and a derived one", () => {
    const { "@odata.type": _t, ...untyped } = customConfiguration();
    expect(checkEntity("deviceConfiguration", untyped, "v1.0").map((p) => p.code)).toContain("abstractWithoutODataType");
    const unrelated = checkEntity("deviceConfiguration", customConfiguration({ "@odata.type": "#microsoft.graph.user" }), "v1.0");
    expect(unrelated.map((p) => p.code)).toEqual(["notDerivedType"]);
    const unknown = checkEntity("deviceConfiguration", customConfiguration({ "@odata.type": "#microsoft.graph.holoLensConfiguration" }), "v1.0");
    expect(unknown.map((p) => p.code)).toEqual(["unknownType"]);
  });

  it("checks abstract complex elements inside collections (omaSetting needs its subtype)", () => {
    const problems = checkEntity(
      "deviceConfiguration",
      customConfiguration({ omaSettings: [{ displayName: "x", omaUri: "./x", value: 1 }] }),
      "v1.0",
    );
    expect(problems.map((p) => `${p.path} ${p.code}`)).toEqual([
      "$.omaSettings[0] abstractWithoutODataType",
      "$.omaSettings[0].value unknownProperty",
    ]);
  });

  it("checks enum members and flags enums", () => {
    const imported = {
      id: "a",
      serialNumber: "SN1",
      hardwareIdentifier: "AAECAw==",
      state: { deviceImportStatus: "done", deviceErrorCode: 0, deviceErrorName: null, deviceRegistrationId: null },
    };
    const problems = checkEntity("importedWindowsAutopilotDeviceIdentity", imported, "v1.0");
    expect(problems).toEqual([expect.objectContaining({ path: "$.state.deviceImportStatus", code: "badEnumValue" })]);
    expect(enumMembers("importedWindowsAutopilotDeviceIdentityImportStatus", "v1.0")).toEqual([
      "unknown", "pending", "partial", "complete", "error",
    ]);
  });

  it("checks flags enums member by member, and TimeOfDay inside derived complex values", () => {
    const ring = {
      "@odata.type": "#microsoft.graph.windowsUpdateForBusinessConfiguration",
      id: "r",
      displayName: "ring",
      updateWeeks: "firstWeek, thirdWeek",
      installationSchedule: { "@odata.type": "#microsoft.graph.windowsUpdateActiveHoursInstall", activeHoursStart: "08:00:00", activeHoursEnd: "5pm" },
    };
    const problems = checkEntity("deviceConfiguration", ring, "v1.0", { partial: true });
    expect(problems.map((p) => `${p.path} ${p.code}`)).toEqual(["$.installationSchedule.activeHoursEnd wrongType"]);
    const badWeek = checkEntity("deviceConfiguration", { ...ring, updateWeeks: "firstWeek, fifthWeek", installationSchedule: null }, "v1.0", { partial: true });
    expect(badWeek.map((p) => `${p.path} ${p.code}`)).toEqual(["$.updateWeeks badEnumValue"]);
  });

  it("checks Int64 and Date primitives", () => {
    const device = { "@odata.type": "#microsoft.graph.managedDevice", id: "m", freeStorageSpaceInBytes: 1.5 };
    expect(checkEntity("managedDevice", device, "v1.0", { partial: true }).map((p) => p.path)).toEqual(["$.freeStorageSpaceInBytes"]);
    const ring = { "@odata.type": "#microsoft.graph.windowsUpdateForBusinessConfiguration", id: "r", qualityUpdatesPauseStartDate: "2026-11-29T00:00:00Z" };
    expect(checkEntity("deviceConfiguration", ring, "v1.0", { partial: true }).map((p) => p.path)).toEqual(["$.qualityUpdatesPauseStartDate"]);
  });

  it("checks primitive formats: Guid, DateTimeOffset, Binary, collections of primitives", () => {
    const group = {
      id: "not-a-guid",
      displayName: "g",
      groupTypes: "DynamicMembership",
      createdDateTime: "2026-11-29 10:00",
      securityEnabled: true,
      mailEnabled: false,
    };
    const problems = checkEntity("group", group, "v1.0", { partial: true });
    expect(problems.map((p) => `${p.path} ${p.code}`).sort()).toEqual([
      "$.createdDateTime wrongType",
      "$.groupTypes wrongType",
    ]);
    const badBinary = checkEntity("importedWindowsAutopilotDeviceIdentity", { id: "a", hardwareIdentifier: "not base64!" }, "v1.0");
    expect(badBinary.map((p) => p.path)).toEqual(["$.hardwareIdentifier"]);
    const badGuid = checkEntity("assignedLicense", { skuId: "nope", disabledPlans: [] }, "v1.0");
    expect(badGuid.map((p) => p.path)).toEqual(["$.skuId"]);
  });

  it("ignores annotations and reports paths inside collections", () => {
    const problems = checkEntities(
      "deviceConfiguration",
      { value: [customConfiguration({ "@odata.context": "x", "assignments@odata.navigationLink": "y" }), customConfiguration({ extra: 1 })] },
      "v1.0",
    );
    expect(problems.map((p) => p.path)).toEqual(["$[1].extra"]);
  });

  it("accepts expanded navigation properties and checks them as their type", () => {
    const withAssignments = customConfiguration({
      assignments: [{ id: "a", target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: "g" } }],
    });
    expect(checkEntity("deviceConfiguration", withAssignments, "v1.0")).toEqual([]);
    const badTarget = customConfiguration({ assignments: [{ id: "a", target: { groupId: "g" } }] });
    expect(checkEntity("deviceConfiguration", badTarget, "v1.0").map((p) => `${p.path} ${p.code}`)).toEqual([
      "$.assignments[0].target abstractWithoutODataType",
      "$.assignments[0].target.groupId unknownProperty",
    ]);
  });

  it("does not know beta-only properties on v1.0", () => {
    const masked = customConfiguration({
      omaSettings: [{ "@odata.type": "#microsoft.graph.omaSettingString", displayName: "x", omaUri: "./x", value: "****", isEncrypted: true }],
    });
    expect(checkEntity("deviceConfiguration", masked, "v1.0").map((p) => p.path)).toEqual(["$.omaSettings[0].isEncrypted"]);
  });
});

describe.skipIf(!hasCsdlReference())("checkEntity against the beta type mappings", () => {
  const holoLensProfile = {
    "@odata.type": "#microsoft.graph.azureADWindowsAutopilotDeploymentProfile",
    id: "5d2f6a3b-0000-4000-8000-000000000001",
    displayName: "HL2 – ClientA",
    description: "Self-deploying HoloLens 2",
    deviceType: "holoLens",
    locale: "en-US",
    language: "en-US",
    createdDateTime: NOW,
    lastModifiedDateTime: NOW,
    hardwareHashExtractionEnabled: false,
    preprovisioningAllowed: false,
    roleScopeTagIds: ["0"],
    outOfBoxExperienceSetting: {
      deviceUsageType: "shared",
      userType: "standard",
      privacySettingsHidden: true,
      eulaHidden: true,
      keyboardSelectionPageSkipped: true,
      escapeLinkHidden: true,
    },
    outOfBoxExperienceSettings: {
      deviceUsageType: "shared",
      userType: "standard",
      hidePrivacySettings: true,
      hideEULA: true,
      skipKeyboardSelectionPage: true,
      hideEscapeLink: true,
    },
  };

  it("accepts the HoloLens profile, inherited and beta-only properties included", () => {
    expect(formatProblems(checkEntity("windowsAutopilotDeploymentProfile", holoLensProfile, "beta"))).toBe("");
  });

  it("catches a deliberately wrong beta entity (bad enum, unknown nested property)", () => {
    const wrong = {
      ...holoLensProfile,
      deviceType: "hololens2",
      outOfBoxExperienceSetting: { ...holoLensProfile.outOfBoxExperienceSetting, hideEULA: true, deviceUsageType: "kiosk" },
    };
    const problems = checkEntity("windowsAutopilotDeploymentProfile", wrong, "beta");
    expect(problems.map((p) => `${p.path} ${p.code}`).sort()).toEqual([
      "$.deviceType badEnumValue",
      "$.outOfBoxExperienceSetting.deviceUsageType badEnumValue",
      "$.outOfBoxExperienceSetting.hideEULA unknownProperty",
    ]);
  });

  it("knows the beta-only omaSetting fields", () => {
    const masked = customConfiguration({
      omaSettings: [{
        "@odata.type": "#microsoft.graph.omaSettingString",
        displayName: "x",
        omaUri: "./x",
        value: "****",
        isEncrypted: true,
        secretReferenceValueId: "a_b_c",
      }],
    });
    expect(checkEntity("deviceConfiguration", masked, "beta")).toEqual([]);
    expect(checkEntity("deviceConfiguration", { ...masked, version: "2" }, "beta").map((p) => p.code)).toEqual(["wrongType"]);
  });

  it("has the beta-only profile type, which v1.0 lacks", () => {
    expect(checkEntity("windowsAutopilotDeploymentProfile", holoLensProfile, "v1.0").map((p) => p.code)).toContain("unknownType");
  });
});

describe.skipIf(!hasCsdlReference())("beta-only enrollment and policy types", () => {
  it("types the beta-only Enrollment Status Page properties and knows the single-platform restriction's base type", () => {
    const esp = {
      "@odata.type": "#microsoft.graph.windows10EnrollmentCompletionPageConfiguration",
      id: "e",
      showInstallationProgress: "yes",
      installProgressTimeoutInMinutes: 60,
      deviceEnrollmentConfigurationType: "espConfiguration",
    };
    expect(checkEntity("deviceEnrollmentConfiguration", esp, "beta", { partial: true }).map((p) => `${p.path} ${p.code}`).sort()).toEqual([
      "$.deviceEnrollmentConfigurationType badEnumValue",
      "$.showInstallationProgress wrongType",
    ]);
    const single = { "@odata.type": "#microsoft.graph.deviceEnrollmentPlatformRestrictionConfiguration", id: "s", platformType: "hololens", platformRestriction: { platformBlocked: 1 } };
    expect(checkEntity("deviceEnrollmentConfiguration", single, "beta", { partial: true }).map((p) => `${p.path} ${p.code}`).sort()).toEqual([
      "$.platformRestriction.platformBlocked wrongType",
      "$.platformType badEnumValue",
    ]);
  });
});
