import { describe, expect, it } from "vitest";
import { secureBlueprint } from "../testing/blueprint-fixture.ts";
import { graphSchemas } from "../testing/graph-schema.ts";
import { compileEnrollmentStatusPage } from "./enrollment-status-page.ts";

describe("compileEnrollmentStatusPage", () => {
  it("a beta windows10EnrollmentCompletionPageConfiguration that shows progress and blocks use until setup succeeds", () => {
    const [page, ...rest] = compileEnrollmentStatusPage(secureBlueprint());
    expect(rest).toEqual([]);
    expect(page).toMatchObject({ kind: "enrollmentStatusPage", address: "enrollmentStatusPage.hololens", api: "beta", collection: "/deviceManagement/deviceEnrollmentConfigurations", dependsOn: [] });
    expect(page!.body).toEqual({
      "@odata.type": "#microsoft.graph.windows10EnrollmentCompletionPageConfiguration",
      displayName: "HF HoloLens 2 enrollment status",
      description: expect.stringMatching(/hololens2-autopilot\.md step 7\).*\[holofleet:HF\]$/),
      showInstallationProgress: true,
      allowDeviceUseOnInstallFailure: false,
      installProgressTimeoutInMinutes: 60,
      customErrorMessage: "Setup could not be completed. Call Contoso support on +1 555 0100.",
      allowDeviceResetOnInstallFailure: true,
      allowLogCollectionOnInstallFailure: true,
      blockDeviceSetupRetryByUser: false,
      trackInstallProgressForAutopilotOnly: false,
      disableUserStatusTrackingAfterFirstUser: true,
      selectedMobileAppIds: [],
      allowNonBlockingAppInstallation: false,
      installQualityUpdates: false,
      roleScopeTagIds: ["0"],
    });
  });

  it("the time-out, message, reset button and log collection come from the blueprint", () => {
    const body = compileEnrollmentStatusPage(
      secureBlueprint({ devices: { enrollmentStatusPage: { installTimeoutMinutes: 90, errorMessage: "Call us.", allowResetOnFailure: false, allowLogCollection: false } } }),
    )[0]!.body;
    expect(body).toMatchObject({ installProgressTimeoutInMinutes: 90, customErrorMessage: "Call us.", allowDeviceResetOnInstallFailure: false, allowLogCollectionOnInstallFailure: false });
  });

  it("disabled → nothing", () => {
    expect(compileEnrollmentStatusPage(secureBlueprint({ devices: { enrollmentStatusPage: { enabled: false } } }))).toEqual([]);
  });

  it.skipIf(graphSchemas() === null)("every key is a property of the beta type or its base (type mappings); v1.0 lacks most of them", () => {
    const { beta, v1 } = graphSchemas()!;
    const body = compileEnrollmentStatusPage(secureBlueprint())[0]!.body;
    const known = new Set([...beta.properties("windows10EnrollmentCompletionPageConfiguration"), ...beta.properties("deviceEnrollmentConfiguration")]);
    expect(Object.keys(body).filter((k) => k !== "@odata.type" && !known.has(k))).toEqual([]);
    // Why beta: v1.0 has only allowNonBlockingAppInstallation on this type.
    expect(v1.properties("windows10EnrollmentCompletionPageConfiguration").has("showInstallationProgress")).toBe(false);
  });
});
