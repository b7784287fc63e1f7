import { describe, expect, it } from "vitest";
import { compareVersions, evaluateWindowsEnrollment } from "./windows-enrollment.ts";

const CLIENTS = "11111111-1111-4111-8111-111111111111";
const OTHER = "22222222-2222-4222-8222-222222222222";
const condition = { type: "windowsEnrollment" as const, users: { $ref: "group.clients" }, osVersion: "10.0.22621.1266" };
const ids = (address: string) => (address === "group.clients" ? CLIENTS : undefined);

const restriction = (fields: Record<string, unknown> = {}) => ({ platformBlocked: false, personalDeviceEnrollmentBlocked: false, osMinimumVersion: "", osMaximumVersion: "", ...fields });
const byDefault = (windows = restriction()) => ({
  "@odata.type": "#microsoft.graph.deviceEnrollmentPlatformRestrictionsConfiguration",
  id: "t_DefaultPlatformRestrictions",
  displayName: "All users and all devices",
  priority: 0,
  windowsRestriction: windows,
  iosRestriction: restriction({ platformBlocked: true }),
  assignments: [],
});
const single = (priority: number, target: Record<string, unknown>, windows = restriction(), platformType = "windows") => ({
  "@odata.type": "#microsoft.graph.deviceEnrollmentPlatformRestrictionConfiguration",
  id: `single-${priority}`,
  displayName: `Windows ${priority}`,
  priority,
  platformType,
  platformRestriction: windows,
  assignments: [{ id: `a-${priority}`, target }],
});
const group = (groupId: string) => ({ "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId });
const allUsers = { "@odata.type": "#microsoft.graph.allLicensedUsersAssignmentTarget" };
const excluded = (groupId: string) => ({ "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", groupId });
const esp = { "@odata.type": "#microsoft.graph.windows10EnrollmentCompletionPageConfiguration", id: "esp", priority: 1, assignments: [] };

describe("evaluateWindowsEnrollment", () => {
  it.each([
    ["the untouched default", [byDefault(), esp], "satisfied"],
    ["the default blocks Windows", [byDefault(restriction({ platformBlocked: true }))], "unsatisfied"],
    ["the default blocks only personal devices (Autopilot devices are corporate)", [byDefault(restriction({ personalDeviceEnrollmentBlocked: true }))], "satisfied"],
    ["the default needs a newer Windows", [byDefault(restriction({ osMinimumVersion: "10.0.26100" }))], "unsatisfied"],
    ["the default caps the version below the devices'", [byDefault(restriction({ osMaximumVersion: "10.0.19041.9999" }))], "unsatisfied"],
    ["a range the devices fall in", [byDefault(restriction({ osMinimumVersion: "10.0.19041", osMaximumVersion: "10.0.22621.9999" }))], "satisfied"],
    ["a blocking restriction on the clients group wins over an allowing default", [byDefault(), single(1, group(CLIENTS), restriction({ platformBlocked: true }))], "unsatisfied"],
    ["a blocking restriction for all users", [byDefault(), single(2, allUsers, restriction({ platformBlocked: true }))], "unsatisfied"],
    ["a blocking restriction on another group does not apply", [byDefault(), single(1, group(OTHER), restriction({ platformBlocked: true }))], "satisfied"],
    ["an allowing restriction of higher priority overrides a blocking default", [byDefault(restriction({ platformBlocked: true })), single(1, group(CLIENTS))], "satisfied"],
    ["of two, the lower priority number wins", [byDefault(), single(2, group(CLIENTS), restriction({ platformBlocked: true })), single(1, allUsers)], "satisfied"],
    ["a blocking all-platforms restriction", [byDefault(), single(1, allUsers, restriction({ platformBlocked: true }), "allPlatforms")], "unsatisfied"],
    ["an iOS-only restriction does not matter", [byDefault(), single(1, allUsers, restriction({ platformBlocked: true }), "ios")], "satisfied"],
  ] as const)("%s → %s", (_name, value, status) => {
    expect(evaluateWindowsEnrollment(condition, { value }, ids).status).toBe(status);
  });

  it("an exclusion of the clients group keeps a restriction off them", () => {
    const blocking = { ...single(1, allUsers, restriction({ platformBlocked: true })), assignments: [{ target: allUsers }, { target: excluded(CLIENTS) }] };
    expect(evaluateWindowsEnrollment(condition, { value: [byDefault(), blocking] }, ids).status).toBe("satisfied");
  });

  it("the reason and evidence name the deciding restriction", () => {
    const result = evaluateWindowsEnrollment(condition, { value: [byDefault(restriction({ platformBlocked: true }))] }, ids);
    expect(result.reason).toBe("Windows (MDM) enrollment is blocked by device platform restriction 'All users and all devices' (priority 0)");
    expect(result.evidence).toMatchObject({ configurationId: "t_DefaultPlatformRestrictions", priority: 0 });
  });

  it("assignments not expanded, or pages left → unknown", () => {
    const { assignments: _a, ...unexpanded } = single(1, allUsers);
    expect(evaluateWindowsEnrollment(condition, { value: [byDefault(), unexpanded] }, ids).status).toBe("unknown");
    expect(evaluateWindowsEnrollment(condition, { value: [byDefault()], "@odata.nextLink": "https://x/y" }, ids).status).toBe("unknown");
  });

  it("compares versions part by part", () => {
    expect(compareVersions("10.0.22621.1266", "10.0.22621")).toBe(1);
    expect(compareVersions("10.0.19041", "10.0.22621.1")).toBe(-1);
    expect(compareVersions("10.0.9", "10.0.10")).toBe(-1);
    expect(compareVersions("10.0", "10.0.0.0")).toBe(0);
  });
});
