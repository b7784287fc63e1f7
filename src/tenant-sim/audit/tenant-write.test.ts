import { describe, expect, it } from "vitest";
import { allRoutes } from "../routes/index.ts";
import { componentOf } from "./audit-event.ts";
import { directoryActivityOf } from "./directory-audit.ts";
import { actorOf, tenantWriteRecord, writeShape, type WriteFacts } from "./tenant-write.ts";

const NOW = new Date("2026-11-29T10:00:00.000Z");
const APP = { appid: "app-1", app_displayname: "holofleet", oid: "sp-1", idtyp: "app" };

function facts(over: Partial<WriteFacts>): WriteFacts {
  return { pattern: "/users", method: "POST", path: "/users", params: {}, body: {}, result: { status: 201 }, claims: APP, now: NOW, clientRequestId: "c", requestId: "9b2f8a1e-0c1d-4e5f-8a9b-0c1d2e3f4a5b", ...over };
}

describe("writeShape", () => {
  it.each([
    ["/deviceManagement/deviceConfigurations", "POST", "intune", "Create", "DeviceConfiguration", null],
    ["/deviceManagement/deviceConfigurations/{id}", "PATCH", "intune", "Patch", "DeviceConfiguration", null],
    ["/deviceManagement/deviceConfigurations/{id}/assign", "POST", "intune", "Action", "DeviceConfiguration", "assign"],
    ["/deviceManagement/configurationPolicies/{id}/assignments", "POST", "intune", "Create", "DeviceManagementConfigurationPolicyAssignment", null],
    ["/deviceManagement/deviceCompliancePolicies/{id}/assignments/{assignmentId}", "DELETE", "intune", "Delete", "DeviceCompliancePolicyAssignment", null],
    ["/deviceManagement/importedWindowsAutopilotDeviceIdentities/import", "POST", "intune", "Action", "ImportedWindowsAutopilotDeviceIdentity", "import"],
    ["/deviceManagement/windowsAutopilotDeviceIdentities/{id}/updateDeviceProperties", "POST", "intune", "Action", "WindowsAutopilotDeviceIdentity", "updateDeviceProperties"],
    ["/deviceManagement/managedDevices/{id}/wipe", "POST", "intune", "Action", "ManagedDevice", "wipe"],
    ["/deviceAppManagement/mobileApps/{id}/assign", "POST", "intune", "Action", "MobileApp", "assign"],
    ["/groups(uniqueName='{uniqueName}')", "PATCH", "directory", "Patch", "Group", null],
    ["/groups/{id}/assignLicense", "POST", "directory", "Action", "Group", "assignLicense"],
    ["/users/{id}", "DELETE", "directory", "Delete", "User", null],
  ] as const)("%s %s → %s %s %s", (pattern, method, log, operation, resourceType, action) => {
    expect(writeShape(pattern, method)).toMatchObject({ log, operation, resourceType, action });
  });

  it("member references → a member added to or removed from the group", () => {
    expect(writeShape("/groups/{id}/members/$ref", "POST")).toMatchObject({ operation: "Create", resourceType: "Group", reference: "member", idParam: "id" });
    expect(writeShape("/groups/{id}/members/{memberId}/$ref", "DELETE")).toMatchObject({ operation: "Delete", resourceType: "Group", reference: "member" });
  });

  it("the tenant preconditions' policies and invitations → directory writes of their own kind", () => {
    expect(writeShape("/policies/deviceRegistrationPolicy", "PUT")).toMatchObject({ log: "directory", operation: "Put", resourceType: "DeviceRegistrationPolicy" });
    expect(writeShape("/policies/mobileDeviceManagementPolicies/{id}", "PATCH")).toMatchObject({ log: "directory", operation: "Patch", resourceType: "MobileDeviceManagementPolicy", idParam: "id" });
    expect(writeShape("/policies/mobileDeviceManagementPolicies/{id}/includedGroups/$ref", "POST")).toMatchObject({ operation: "Create", resourceType: "MobileDeviceManagementPolicy", reference: "group", idParam: "id" });
    expect(writeShape("/policies/mobileDeviceManagementPolicies/{id}/includedGroups/{groupId}/$ref", "DELETE")).toMatchObject({ operation: "Delete", reference: "group" });
    expect(writeShape("/invitations", "POST")).toMatchObject({ log: "directory", operation: "Create", resourceType: "Invitation" });
  });

  it("every write route of the registry → an operation matching its method and a named place in its log", () => {
    for (const route of allRoutes.filter((r) => r.write)) {
      const shape = writeShape(route.path, route.method);
      const expected = route.method === "DELETE" ? ["Delete"] : route.method === "PATCH" ? ["Patch"] : route.method === "PUT" ? ["Put"] : ["Create", "Action"];
      expect(expected, `${route.method} ${route.path}`).toContain(shape.operation);
      expect(shape.resourceType, route.path).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      if (shape.log === "intune") expect(componentOf(route.path), route.path).not.toBe("Other");
      else expect(["users", "groups", "devices", "domains", "organization", "invitations", "policies"], route.path).toContain(route.path.split("/")[1]!.replace(/\(.*$/, ""));
    }
  });
});

describe("tenantWriteRecord", () => {
  it("a create → the new object's id, name and type; property names only, never values", () => {
    const record = tenantWriteRecord(
      facts({
        pattern: "/deviceManagement/deviceConfigurations",
        path: "/deviceManagement/deviceConfigurations",
        body: { "@odata.type": "#microsoft.graph.windows10CustomConfiguration", displayName: "Kiosk", omaSettings: [{ value: "secret-kiosk-xml" }] },
        result: { status: 201, body: { id: "cfg-1", displayName: "Kiosk", "@odata.type": "#microsoft.graph.windows10CustomConfiguration" } },
      }),
    );
    expect(record).toMatchObject({ log: "intune", operation: "Create", resourceType: "DeviceConfiguration", concreteType: "Windows10CustomConfiguration", resourceId: "cfg-1", displayName: "Kiosk", modifiedProperties: ["displayName", "omaSettings"], at: NOW.toISOString() });
    expect(JSON.stringify(record)).not.toContain("secret-kiosk-xml");
    // client-request-id "c" is not a GUID, so the request id correlates the event.
    expect(record.correlationId).toBe("9b2f8a1e-0c1d-4e5f-8a9b-0c1d2e3f4a5b");
  });

  it("a PATCH → the addressed id; an upsert answering 201 → a create", () => {
    expect(tenantWriteRecord(facts({ pattern: "/users/{id}", method: "PATCH", params: { id: "u-1" }, body: { passwordProfile: { password: "P@ss" } }, result: { status: 204 } }))).toMatchObject({ operation: "Patch", resourceId: "u-1", modifiedProperties: ["passwordProfile"] });
    expect(tenantWriteRecord(facts({ pattern: "/groups(uniqueName='{uniqueName}')", method: "PATCH", params: { uniqueName: "hl2" }, result: { status: 201, body: { id: "g-1", displayName: "HL2" } } }))).toMatchObject({ operation: "Create", resourceId: "g-1" });
  });

  it("app tokens → the application; delegated tokens → the signed-in user", () => {
    expect(actorOf(APP)).toEqual({ kind: "application", appId: "app-1", appDisplayName: "holofleet", servicePrincipalId: "sp-1", userId: null, userPrincipalName: null });
    expect(actorOf({ appid: "cli", oid: "user-1", upn: "admin@contoso.com", scp: "DeviceManagementConfiguration.ReadWrite.All", idtyp: "user" })).toMatchObject({ kind: "user", userId: "user-1", userPrincipalName: "admin@contoso.com", servicePrincipalId: null });
  });

  it("directory activities read as Entra names them", () => {
    const of = (pattern: string, method: "POST" | "PATCH" | "DELETE", status = 204) => directoryActivityOf(tenantWriteRecord(facts({ pattern, method, result: { status } }))).activity;
    expect(of("/users", "POST", 201)).toBe("Add user");
    expect(of("/groups/{id}", "PATCH")).toBe("Update group");
    expect(of("/groups/{id}/members/$ref", "POST")).toBe("Add member to group");
    expect(of("/groups/{id}/members/{memberId}/$ref", "DELETE")).toBe("Remove member from group");
    expect(of("/users/{id}/assignLicense", "POST", 200)).toBe("Change user license");
    expect(of("/devices/{id}", "DELETE")).toBe("Delete device");
    expect(of("/invitations", "POST", 201)).toBe("Invite external user");
    expect(of("/policies/mobileDeviceManagementPolicies/{id}/includedGroups/$ref", "POST")).toBe("Add group to MDM user scope");
    expect(of("/policies/mobileDeviceManagementPolicies/{id}/includedGroups/{groupId}/$ref", "DELETE")).toBe("Remove group from MDM user scope");
    expect(of("/policies/deviceRegistrationPolicy", "PATCH", 200)).toBe("Update device registration policy");
  });
});
