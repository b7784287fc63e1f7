import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSimStore, type SqliteSimStore } from "../store.ts";
import { NEVER } from "./autopilot-registration.ts";
import {
  assignmentOutcomeFor,
  IDENTITIES_KIND,
  intendedProfileOf,
  PROFILE_ASSIGNMENT_DELAY_MS,
  PROFILE_ASSIGNMENTS_KIND,
  processProfileAssignments,
  settleProfileAssignmentNow,
  stepProfileAssignment,
  type AssignmentTrackedIdentity,
} from "./profile-assignment.ts";
import { registerSimDevice } from "./simulated-device.ts";

const T0 = new Date("2026-11-29T10:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

function identity(): AssignmentTrackedIdentity {
  return {
    id: "ztd-1",
    _entraObjectId: "dev-1",
    _beta: { deploymentProfileAssignmentStatus: "notAssigned", deploymentProfileAssignmentDetailedStatus: "none", deploymentProfileAssignedDateTime: NEVER },
  } as AssignmentTrackedIdentity;
}

describe("assignmentOutcomeFor", () => {
  it("a HoloLens profile is assigned in sync; no profile is notAssigned", () => {
    expect(assignmentOutcomeFor({ id: "p", deviceType: "holoLens" })).toEqual({ profileId: "p", status: "assignedInSync", detailedStatus: "none" });
    expect(assignmentOutcomeFor(undefined)).toEqual({ profileId: null, status: "notAssigned", detailedStatus: "none" });
  });

  it("a profile of another device type fails on a HoloLens 2, with the detailed status naming it", () => {
    expect(assignmentOutcomeFor({ id: "p", deviceType: "windowsPc" })).toEqual({ profileId: "p", status: "failed", detailedStatus: "windowsPcProfileNotSupported" });
    expect(assignmentOutcomeFor({ id: "p", deviceType: "surfaceHub2S" }).detailedStatus).toBe("surfaceHub2SProfileNotSupported");
  });
});

describe("stepProfileAssignment", () => {
  const target = assignmentOutcomeFor({ id: "p-1", deviceType: "holoLens" });

  it("starts the delay, waits it out, then settles dated at the due time", () => {
    const pending = stepProfileAssignment(identity(), target, T0);
    expect(pending._beta.deploymentProfileAssignmentStatus).toBe("notAssigned");
    expect(pending._pendingProfileAssignment?.dueAt).toBe(at(PROFILE_ASSIGNMENT_DELAY_MS).toISOString());
    expect(stepProfileAssignment(pending, target, at(PROFILE_ASSIGNMENT_DELAY_MS - 1))).toBe(pending);
    const done = stepProfileAssignment(pending, target, at(PROFILE_ASSIGNMENT_DELAY_MS * 3));
    expect(done._deploymentProfileId).toBe("p-1");
    expect(done._beta).toMatchObject({ deploymentProfileAssignmentStatus: "assignedInSync", deploymentProfileAssignedDateTime: at(PROFILE_ASSIGNMENT_DELAY_MS).toISOString() });
    expect(done._pendingProfileAssignment).toBeUndefined();
    expect(stepProfileAssignment(done, target, at(PROFILE_ASSIGNMENT_DELAY_MS * 4))).toBe(done);
  });

  it("restarts the delay when the target changes, and cancels it when the target returns to the current state", () => {
    const other = assignmentOutcomeFor({ id: "p-2", deviceType: "holoLens" });
    const first = stepProfileAssignment(identity(), target, T0);
    const changed = stepProfileAssignment(first, other, at(1000));
    expect(changed._pendingProfileAssignment).toMatchObject({ profileId: "p-2", dueAt: at(1000 + PROFILE_ASSIGNMENT_DELAY_MS).toISOString() });
    const cancelled = stepProfileAssignment(changed, assignmentOutcomeFor(undefined), at(2000));
    expect(cancelled._pendingProfileAssignment).toBeUndefined();
    expect(cancelled._beta.deploymentProfileAssignmentStatus).toBe("notAssigned");
  });

  it("reverts to notAssigned after the delay when the profile stops reaching the device", () => {
    const assigned = stepProfileAssignment(stepProfileAssignment(identity(), target, T0), target, at(PROFILE_ASSIGNMENT_DELAY_MS));
    const unassigning = stepProfileAssignment(assigned, assignmentOutcomeFor(undefined), at(PROFILE_ASSIGNMENT_DELAY_MS + 5));
    expect(unassigning._beta.deploymentProfileAssignmentStatus).toBe("assignedInSync");
    const reverted = stepProfileAssignment(unassigning, assignmentOutcomeFor(undefined), at(PROFILE_ASSIGNMENT_DELAY_MS * 2 + 5));
    expect(reverted._deploymentProfileId).toBeNull();
    expect(reverted._beta).toMatchObject({ deploymentProfileAssignmentStatus: "notAssigned", deploymentProfileAssignedDateTime: NEVER });
  });
});

describe("against the store", () => {
  let store: SqliteSimStore;
  beforeEach(() => {
    store = openSimStore(":memory:");
    store.put("groups", { id: "g-hl", displayName: "HoloLens", groupTypes: [], _members: [] });
    store.put("windowsAutopilotDeploymentProfiles", { id: "p-old", deviceType: "holoLens", deviceNameTemplate: null });
    store.put("windowsAutopilotDeploymentProfiles", { id: "p-new", deviceType: "holoLens", deviceNameTemplate: null });
    for (const p of ["p-new", "p-old"]) {
      store.put(PROFILE_ASSIGNMENTS_KIND, { id: `${p}_g-hl`, target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: "g-hl" }, _profileId: p });
    }
  });
  afterEach(() => store.close());

  function registeredInGroup(serialNumber: string) {
    const sim = registerSimDevice(store, { serialNumber, osVersion: "10.0.22621.1266" }, T0);
    const group = store.get<{ id: string; _members: string[] }>("groups", "g-hl")!;
    store.put("groups", { ...group, _members: [...group._members, sim.entraObjectId] });
    return sim;
  }

  it("the first created profile that reaches the device is the intended one", () => {
    const sim = registeredInGroup("SN-1");
    expect(intendedProfileOf(store, { _entraObjectId: sim.entraObjectId })?.id).toBe("p-old");
    expect(intendedProfileOf(store, { _entraObjectId: "not-in-any-group" })).toBeUndefined();
  });

  it("the ticker step processes every registered device on the tenant clock", () => {
    const sim = registeredInGroup("SN-1");
    expect(processProfileAssignments(store, T0)).toBe(1);
    expect(processProfileAssignments(store, at(1))).toBe(0);
    expect(store.get<AssignmentTrackedIdentity>(IDENTITIES_KIND, sim.autopilotDeviceId)?._beta.deploymentProfileAssignmentStatus).toBe("notAssigned");
    expect(processProfileAssignments(store, at(PROFILE_ASSIGNMENT_DELAY_MS))).toBe(1);
    expect(store.get<AssignmentTrackedIdentity>(IDENTITIES_KIND, sim.autopilotDeviceId)).toMatchObject({ _deploymentProfileId: "p-old", _beta: { deploymentProfileAssignmentStatus: "assignedInSync" } });
  });

  it("settleProfileAssignmentNow takes the assignment as processed (a device is powered on once it shows Assigned)", () => {
    const sim = registeredInGroup("SN-1");
    processProfileAssignments(store, T0);
    settleProfileAssignmentNow(store, sim.autopilotDeviceId, at(10));
    const settled = store.get<AssignmentTrackedIdentity>(IDENTITIES_KIND, sim.autopilotDeviceId)!;
    expect(settled).toMatchObject({ _deploymentProfileId: "p-old", _beta: { deploymentProfileAssignmentStatus: "assignedInSync", deploymentProfileAssignedDateTime: at(10).toISOString() } });
    expect(settled._pendingProfileAssignment).toBeUndefined();
  });
});
