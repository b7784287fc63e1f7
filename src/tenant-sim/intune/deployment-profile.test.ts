import { describe, expect, it } from "vitest";
import { checkEntity, formatProblems, hasCsdlReference } from "../conformance/csdl.ts";
import { statusOf } from "./graph-error-of.ts";
import { applyProfileBody, deviceNameTemplateProblem, renderProfile } from "./deployment-profile.ts";

const NOW = new Date("2026-11-29T10:00:00Z");
const holoLens = {
  "@odata.type": "#microsoft.graph.azureADWindowsAutopilotDeploymentProfile",
  displayName: "HL2 – ClientA",
  description: "Self-deploying HoloLens 2",
  deviceType: "holoLens",
  locale: "en-US",
  hardwareHashExtractionEnabled: false,
  preprovisioningAllowed: false,
  roleScopeTagIds: ["0"],
  outOfBoxExperienceSetting: { deviceUsageType: "shared", userType: "standard", privacySettingsHidden: true, eulaHidden: true, keyboardSelectionPageSkipped: true, escapeLinkHidden: true },
};


describe("applyProfileBody", () => {
  it("stores the HoloLens profile and answers current and deprecated names", () => {
    const doc = applyProfileBody(null, holoLens, "p-1", NOW);
    const answered = renderProfile(doc);
    expect(answered).toMatchObject({
      id: "p-1",
      deviceType: "holoLens",
      locale: "en-US",
      language: "en-US",
      extractHardwareHash: false,
      outOfBoxExperienceSetting: holoLens.outOfBoxExperienceSetting,
      outOfBoxExperienceSettings: { deviceUsageType: "shared", userType: "standard", hidePrivacySettings: true, hideEULA: true, skipKeyboardSelectionPage: true, hideEscapeLink: true },
      createdDateTime: NOW.toISOString(),
    });
  });

  it("accepts the deprecated names alone, and lets current names win when both are sent", () => {
    const old = applyProfileBody(null, { "@odata.type": holoLens["@odata.type"], displayName: "x", language: "de-DE", outOfBoxExperienceSettings: { hideEULA: true, deviceUsageType: "shared" } }, "p", NOW);
    expect(old.locale).toBe("de-DE");
    expect(old.outOfBoxExperienceSetting).toMatchObject({ eulaHidden: true, deviceUsageType: "shared" });
    const both = applyProfileBody(null, { ...holoLens, language: "fr-FR" }, "p", NOW);
    expect(both.locale).toBe("en-US");
  });

  it("patches keep unspecified fields and refresh lastModifiedDateTime", () => {
    const doc = applyProfileBody(null, holoLens, "p-1", NOW);
    const later = new Date(NOW.getTime() + 60_000);
    const patched = applyProfileBody(doc, { description: "changed" }, "p-1", later);
    expect(patched).toMatchObject({ description: "changed", deviceType: "holoLens", createdDateTime: NOW.toISOString(), lastModifiedDateTime: later.toISOString() });
  });

  it("keeps deviceNameTemplate as sent: an empty template reads back empty, not null", () => {
    expect(renderProfile(applyProfileBody(null, { ...holoLens, deviceNameTemplate: "" }, "p", NOW)).deviceNameTemplate).toBe("");
    expect(renderProfile(applyProfileBody(null, { ...holoLens, deviceNameTemplate: null }, "p", NOW)).deviceNameTemplate).toBeNull();
    expect(renderProfile(applyProfileBody(null, holoLens, "p", NOW)).deviceNameTemplate).toBeNull();
  });

  it("rejects a missing or unknown type, bad enums, unknown properties and bad name templates", () => {
    expect(statusOf(() => applyProfileBody(null, { ...holoLens, "@odata.type": undefined }, "p", NOW))).toBe(400);
    expect(statusOf(() => applyProfileBody(null, { ...holoLens, "@odata.type": "#microsoft.graph.windowsAutopilotDeploymentProfile" }, "p", NOW))).toBe(400);
    expect(statusOf(() => applyProfileBody(null, { ...holoLens, deviceType: "hololens2" }, "p", NOW))).toBe(400);
    expect(statusOf(() => applyProfileBody(null, { ...holoLens, outOfBoxExperienceSetting: { deviceUsageType: "kiosk" } }, "p", NOW))).toBe(400);
    expect(statusOf(() => applyProfileBody(null, { ...holoLens, outOfBoxExperienceSetting: { hideEULA: true } }, "p", NOW))).toBe(400);
    expect(statusOf(() => applyProfileBody(null, { ...holoLens, kioskMode: true }, "p", NOW))).toBe(400);
    expect(statusOf(() => applyProfileBody(null, { ...holoLens, deviceNameTemplate: "HL2 %SERIAL%" }, "p", NOW))).toBe(400);
    expect(statusOf(() => applyProfileBody(null, { ...holoLens, displayName: "" }, "p", NOW))).toBe(400);
  });
});

describe("the hybrid profile type", () => {
  it("takes hybridAzureADJoinSkipConnectivityCheck, which the Entra-joined (HoloLens) type does not declare", () => {
    const hybrid = { ...holoLens, "@odata.type": "#microsoft.graph.activeDirectoryWindowsAutopilotDeploymentProfile", deviceType: "windowsPc" };
    expect(applyProfileBody(null, hybrid, "p", NOW).hybridAzureADJoinSkipConnectivityCheck).toBe(false);
    expect(applyProfileBody(null, { ...hybrid, hybridAzureADJoinSkipConnectivityCheck: true }, "p", NOW).hybridAzureADJoinSkipConnectivityCheck).toBe(true);
    expect(statusOf(() => applyProfileBody(null, { ...holoLens, hybridAzureADJoinSkipConnectivityCheck: true }, "p", NOW))).toBe(400);
    expect(statusOf(() => applyProfileBody(null, { ...hybrid, hybridAzureADJoinSkipConnectivityCheck: "yes" }, "p", NOW))).toBe(400);
  });
});

describe("deviceNameTemplateProblem", () => {
  it("follows the documented rules", () => {
    expect(deviceNameTemplateProblem("HL2-%SERIAL%")).toBeNull();
    expect(deviceNameTemplateProblem("HL2-%RAND:5%")).toBeNull();
    expect(deviceNameTemplateProblem("HOLOLENS-%RAND:7%")).toBe("the name can be at most 15 characters");
    expect(deviceNameTemplateProblem("12345")).toBe("the name cannot be only digits");
    expect(deviceNameTemplateProblem("HL_2")).toMatch(/only letters/);
  });
});

describe.skipIf(!hasCsdlReference())("beta conformance", () => {
  it("the answered profile conforms to the beta type mappings", () => {
    const answered = renderProfile(applyProfileBody(null, { ...holoLens, deviceNameTemplate: "HL2-%RAND:4%" }, "p-1", NOW));
    expect(formatProblems(checkEntity("windowsAutopilotDeploymentProfile", answered, "beta"))).toBe("");
  });
});
