/**
 * Profile assignments (graph-facts §4.2, §5.1): every device profile targets the dynamic device group.
 * Intune's `assign` action replaces the whole assignment set, which makes it idempotent; Autopilot
 * profiles (beta) take one assignment per POST to their `assignments` collection; enrollment
 * configurations (the ESP) have their own `assign`, which answers 204.
 */
import type { DesiredResource } from "../types.ts";
import { addresses } from "./addresses.ts";

function groupTarget(groupAddress: string): Record<string, unknown> {
  return { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: { $ref: groupAddress } };
}

/** `POST /deviceManagement/deviceConfigurations/{id}/assign` for a custom profile or update ring. */
export function configurationAssignment(profileAddress: string, groupAddress: string = addresses.devicesGroup): DesiredResource {
  return {
    kind: "configurationAssignment",
    address: addresses.assignment(profileAddress),
    api: "v1.0",
    collection: "/deviceManagement/deviceConfigurations/{parent}/assign",
    parent: profileAddress,
    body: {
      assignments: [{ "@odata.type": "#microsoft.graph.deviceConfigurationAssignment", target: groupTarget(groupAddress) }],
    },
    dependsOn: [groupAddress, profileAddress].sort(),
  };
}

/** `POST /beta/deviceManagement/windowsAutopilotDeploymentProfiles/{id}/assignments`. */
export function autopilotAssignment(profileAddress: string, groupAddress: string = addresses.devicesGroup): DesiredResource {
  return {
    kind: "configurationAssignment",
    address: addresses.assignment(profileAddress),
    api: "beta",
    collection: "/deviceManagement/windowsAutopilotDeploymentProfiles/{parent}/assignments",
    parent: profileAddress,
    body: { target: groupTarget(groupAddress) },
    dependsOn: [groupAddress, profileAddress].sort(),
  };
}

/**
 * `POST /beta/deviceManagement/deviceEnrollmentConfigurations/{id}/assign` (a full replace, 204;
 * intune-onboarding-deviceenrollmentconfiguration-assign.md): the Enrollment Status Page → the device group.
 */
export function enrollmentConfigurationAssignment(configurationAddress: string, groupAddress: string = addresses.devicesGroup): DesiredResource {
  return {
    kind: "configurationAssignment",
    address: addresses.assignment(configurationAddress),
    api: "beta",
    collection: "/deviceManagement/deviceEnrollmentConfigurations/{parent}/assign",
    parent: configurationAddress,
    body: {
      enrollmentConfigurationAssignments: [{ "@odata.type": "#microsoft.graph.enrollmentConfigurationAssignment", target: groupTarget(groupAddress) }],
    },
    dependsOn: [groupAddress, configurationAddress].sort(),
  };
}
