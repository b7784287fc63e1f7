import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { secureBlueprint } from "../testing/blueprint-fixture.ts";
import { graphSchemas, unknownKeys } from "../testing/graph-schema.ts";
import { referenceDir } from "../testing/reference-dir.ts";
import { compileAutopilotProfile } from "./autopilot-profile.ts";

describe("compileAutopilotProfile", () => {
  it("a beta azureADWindowsAutopilotDeploymentProfile for HoloLens, self-deploying (shared)", () => {
    const [p, ...rest] = compileAutopilotProfile(secureBlueprint());
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ kind: "autopilotProfile", api: "beta", collection: "/deviceManagement/windowsAutopilotDeploymentProfiles" });
    expect(p!.body).toMatchObject({
      "@odata.type": "#microsoft.graph.azureADWindowsAutopilotDeploymentProfile",
      deviceType: "holoLens",
      displayName: "HF HoloLens 2 self-deploying",
      deviceNameTemplate: "HL-%RAND:4%",
      locale: "os-default",
      outOfBoxExperienceSetting: { deviceUsageType: "shared", keyboardSelectionPageSkipped: true },
    });
  });

  it("language, keyboard and name template come from the blueprint", () => {
    const body = compileAutopilotProfile(
      secureBlueprint({ devices: { autopilot: { language: "de-DE", autoConfigureKeyboard: false, deviceNameTemplate: null } } }),
    )[0]!.body;
    expect(body.locale).toBe("de-DE");
    expect(body.deviceNameTemplate).toBe("");
    expect((body.outOfBoxExperienceSetting as Record<string, unknown>).keyboardSelectionPageSkipped).toBe(false);
  });

  it("sends the new beta property names, not the deprecated ones", () => {
    const body = compileAutopilotProfile(secureBlueprint())[0]!.body;
    for (const old of ["language", "extractHardwareHash", "enableWhiteGlove", "outOfBoxExperienceSettings"]) expect(body).not.toHaveProperty(old);
  });

  it("Autopilot off → nothing", () => {
    expect(compileAutopilotProfile(secureBlueprint({ devices: { autopilot: { enabled: false } } }))).toEqual([]);
  });

  it.skipIf(graphSchemas() === null)("every key exists in the beta type mappings", () => {
    const { beta } = graphSchemas()!;
    const body = compileAutopilotProfile(secureBlueprint())[0]!.body;
    const { outOfBoxExperienceSetting, ...rest } = body;
    expect(unknownKeys(beta, "windowsAutopilotDeploymentProfile", rest)).toEqual([]);
    expect(unknownKeys(beta, "outOfBoxExperienceSetting", outOfBoxExperienceSetting as Record<string, unknown>)).toEqual([]);
  });

  it.skipIf(referenceDir() === null)("enum values are members of the beta enums", () => {
    const enums = JSON.parse(
      readFileSync(path.join(referenceDir()!, "graph/msgraph-metadata/schemas/type-mappings/beta-enum-types.json"), "utf8"),
    )["microsoft.graph"] as Record<string, string[]>;
    const body = compileAutopilotProfile(secureBlueprint())[0]!.body;
    const oobe = body.outOfBoxExperienceSetting as Record<string, string>;
    expect(enums.windowsAutopilotDeviceType).toContain(body.deviceType);
    expect(enums.windowsDeviceUsageType).toContain(oobe.deviceUsageType);
    expect(enums.windowsUserType).toContain(oobe.userType);
  });
});
