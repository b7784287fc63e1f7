import { describe, expect, it } from "vitest";
import { assignmentsApply, targetKind, type DeviceTargeting } from "./assignment-resolution.ts";

const group = (groupId: string) => ({ target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId } });
const exclude = (groupId: string) => ({ target: { "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", groupId } });
const allDevices = { target: { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" } };
const allLicensedUsers = { target: { "@odata.type": "microsoft.graph.allLicensedUsersAssignmentTarget" } };

const device = (deviceGroups: string[], userGroups: string[] = [], licensed = false): DeviceTargeting => ({
  deviceGroupIds: new Set(deviceGroups),
  userGroupIds: new Set(userGroups),
  primaryUserLicensed: licensed,
});

describe("assignmentsApply", () => {
  it("applies through a device group or the primary user's group", () => {
    expect(assignmentsApply([group("g-dev")], device(["g-dev"]))).toBe(true);
    expect(assignmentsApply([group("g-users")], device([], ["g-users"]))).toBe(true);
    expect(assignmentsApply([group("g-other")], device(["g-dev"], ["g-users"]))).toBe(false);
  });

  it("lets an exclusion win over an inclusion, in any order", () => {
    expect(assignmentsApply([group("g-dev"), exclude("g-broken")], device(["g-dev", "g-broken"]))).toBe(false);
    expect(assignmentsApply([exclude("g-broken"), allDevices], device(["g-broken"]))).toBe(false);
    expect(assignmentsApply([exclude("g-broken"), allDevices], device(["g-dev"]))).toBe(true);
  });

  it("targets all licensed users only through a licensed primary user", () => {
    expect(assignmentsApply([allLicensedUsers], device([], [], true))).toBe(true);
    expect(assignmentsApply([allLicensedUsers], device([], [], false))).toBe(false);
  });

  it("applies nothing without assignments, and ignores null targets", () => {
    expect(assignmentsApply([], device(["g"]))).toBe(false);
    expect(assignmentsApply([{ target: null }], device(["g"]))).toBe(false);
  });

  it("knows the target types with and without #", () => {
    expect(targetKind("#microsoft.graph.allDevicesAssignmentTarget")).toBe("allDevices");
    expect(targetKind("microsoft.graph.exclusionGroupAssignmentTarget")).toBe("exclusionGroup");
    expect(targetKind("#microsoft.graph.somethingElse")).toBeUndefined();
  });
});
