import { describe, expect, it } from "vitest";
import { graphErrorOf as errorOf } from "./graph-error-of.ts";
import { ALL_DEVICES_GROUP, ALL_USERS_GROUP, parseAssignmentTarget, renderTarget } from "./assignment-target.ts";

const GROUP = "11111111-2222-4333-8444-555555555555";
const EVERY = ["group", "exclusionGroup", "allDevices", "allLicensedUsers", "configurationManagerCollection"] as const;


describe("parseAssignmentTarget", () => {
  it("normalises @odata.type to the #-form and builds Intune's id suffix per kind", () => {
    expect(parseAssignmentTarget({ "@odata.type": "microsoft.graph.groupAssignmentTarget", groupId: GROUP }, EVERY, "")).toEqual({
      kind: "group",
      target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: GROUP, deviceAndAppManagementAssignmentFilterId: null, deviceAndAppManagementAssignmentFilterType: "none" },
      idSuffix: GROUP,
    });
    expect(parseAssignmentTarget({ "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" }, EVERY, "").idSuffix).toBe(ALL_DEVICES_GROUP);
    expect(parseAssignmentTarget({ "@odata.type": "#microsoft.graph.allLicensedUsersAssignmentTarget" }, EVERY, "").idSuffix).toBe(ALL_USERS_GROUP);
    expect(parseAssignmentTarget({ "@odata.type": "#microsoft.graph.configurationManagerCollectionAssignmentTarget", collectionId: "SMS00001" }, EVERY, "").idSuffix).toBe("SMS00001");
  });

  it("rejects an abstract or unknown target type, a missing or non-GUID groupId and foreign properties", () => {
    expect(errorOf(() => parseAssignmentTarget({ groupId: GROUP }, EVERY, ""))?.message).toContain("'microsoft.graph.deviceAndAppManagementAssignmentTarget' could not be resolved");
    expect(errorOf(() => parseAssignmentTarget({ "@odata.type": "#microsoft.graph.userAssignmentTarget" }, EVERY, ""))?.status).toBe(400);
    expect(errorOf(() => parseAssignmentTarget({ "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: "g1" }, EVERY, ""))?.status).toBe(400);
    expect(errorOf(() => parseAssignmentTarget({ "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget", groupId: GROUP }, EVERY, ""))?.message).toContain("'groupId' does not exist");
    expect(errorOf(() => parseAssignmentTarget(undefined, EVERY, ""))?.status).toBe(400);
  });

  it("answers the caller's message for a kind the policy type does not take", () => {
    const e = errorOf(() => parseAssignmentTarget({ "@odata.type": "#microsoft.graph.allLicensedUsersAssignmentTarget" }, ["group"], "groups only"));
    expect(e?.message).toBe("groups only");
  });
});

describe("the beta assignment filter", () => {
  const withFilter = { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget", deviceAndAppManagementAssignmentFilterId: GROUP, deviceAndAppManagementAssignmentFilterType: "exclude" };

  it("is a beta property: v1.0 rejects it", () => {
    expect(errorOf(() => parseAssignmentTarget(withFilter, EVERY, "", "v1.0"))?.message).toContain("'deviceAndAppManagementAssignmentFilterId' does not exist");
    expect(parseAssignmentTarget(withFilter, EVERY, "", "beta").target).toEqual(withFilter);
    expect(errorOf(() => parseAssignmentTarget({ ...withFilter, deviceAndAppManagementAssignmentFilterType: "always" }, EVERY, "", "beta"))?.status).toBe(400);
    expect(errorOf(() => parseAssignmentTarget({ ...withFilter, deviceAndAppManagementAssignmentFilterId: "f" }, EVERY, "", "beta"))?.status).toBe(400);
  });

  it("shows on beta reads only", () => {
    expect(renderTarget(withFilter, "beta")).toEqual(withFilter);
    expect(renderTarget(withFilter, "v1.0")).toEqual({ "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" });
    expect(renderTarget({ "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" }, "beta")).toEqual({
      "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget",
      deviceAndAppManagementAssignmentFilterId: null,
      deviceAndAppManagementAssignmentFilterType: "none",
    });
  });
});
