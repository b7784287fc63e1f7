import { describe, expect, it } from "vitest";
import { autopilotAssignment, configurationAssignment, enrollmentConfigurationAssignment } from "./assignments.ts";

describe("assignments", () => {
  it("configuration profiles are assigned to the device group with the v1.0 assign action", () => {
    expect(configurationAssignment("customConfiguration.kiosk")).toEqual({
      kind: "configurationAssignment",
      address: "configurationAssignment.customConfiguration.kiosk",
      api: "v1.0",
      collection: "/deviceManagement/deviceConfigurations/{parent}/assign",
      parent: "customConfiguration.kiosk",
      body: {
        assignments: [
          {
            "@odata.type": "#microsoft.graph.deviceConfigurationAssignment",
            target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: { $ref: "group.devices" } },
          },
        ],
      },
      dependsOn: ["customConfiguration.kiosk", "group.devices"],
    });
  });

  it("the Autopilot profile is assigned through its beta assignments collection", () => {
    const a = autopilotAssignment("autopilotProfile.hololens");
    expect(a).toMatchObject({ api: "beta", collection: "/deviceManagement/windowsAutopilotDeploymentProfiles/{parent}/assignments", parent: "autopilotProfile.hololens" });
    expect(a.body).toEqual({ target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: { $ref: "group.devices" } } });
  });

  it("addresses of assignments stay unique across profile kinds with the same name", () => {
    expect(configurationAssignment("updateRing.hololens").address).not.toBe(autopilotAssignment("autopilotProfile.hololens").address);
  });
});

describe("enrollmentConfigurationAssignment", () => {
  it("the ESP → the device group through the beta enrollment `assign` (enrollmentConfigurationAssignments)", () => {
    expect(enrollmentConfigurationAssignment("enrollmentStatusPage.hololens")).toEqual({
      kind: "configurationAssignment",
      address: "configurationAssignment.enrollmentStatusPage.hololens",
      api: "beta",
      collection: "/deviceManagement/deviceEnrollmentConfigurations/{parent}/assign",
      parent: "enrollmentStatusPage.hololens",
      body: {
        enrollmentConfigurationAssignments: [
          { "@odata.type": "#microsoft.graph.enrollmentConfigurationAssignment", target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: { $ref: "group.devices" } } },
        ],
      },
      dependsOn: ["enrollmentStatusPage.hololens", "group.devices"],
    });
  });
});
