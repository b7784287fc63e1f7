import { describe, expect, it } from "vitest";
import { budgetClassOf, costOf, DOCUMENTED_BUDGETS } from "./budgets.ts";

const G = "https://graph.microsoft.com";

describe("budgetClassOf", () => {
  it("Intune paths → the service whose documented limits apply", () => {
    expect(budgetClassOf(`${G}/v1.0/deviceManagement/deviceConfigurations`)).toBe("intune-configuration");
    expect(budgetClassOf(`${G}/v1.0/deviceManagement/deviceConfigurations/abc/assign`)).toBe("intune-configuration");
    expect(budgetClassOf(`${G}/beta/deviceManagement/windowsAutopilotDeploymentProfiles/x/assignments`)).toBe("intune-enrollment");
    expect(budgetClassOf(`${G}/v1.0/deviceManagement/importedWindowsAutopilotDeviceIdentities/import`)).toBe("intune-enrollment");
    expect(budgetClassOf(`${G}/v1.0/deviceManagement/managedDevices/abc/wipe`)).toBe("intune-devices");
    expect(budgetClassOf(`${G}/beta/deviceManagement/roleScopeTags`)).toBe("intune-configuration");
  });
  it("directory paths and $batch", () => {
    expect(budgetClassOf(`${G}/v1.0/groups(uniqueName='x')`)).toBe("directory");
    expect(budgetClassOf(`${G}/v1.0/users/a%40b.com/licenseDetails`)).toBe("directory");
    expect(budgetClassOf(`${G}/v1.0/$batch`)).toBe("none");
  });
});

describe("costOf (directory resource units)", () => {
  it("the documented base costs and adjustments", () => {
    expect(costOf("directory", "GET", `${G}/v1.0/users`)).toBe(2);
    expect(costOf("directory", "GET", `${G}/v1.0/users?$select=id`)).toBe(1);
    expect(costOf("directory", "GET", `${G}/v1.0/groups/g1/members`)).toBe(3);
    expect(costOf("directory", "GET", `${G}/v1.0/groups/g1/transitiveMembers?$expand=x`)).toBe(6);
    expect(costOf("directory", "GET", `${G}/v1.0/subscribedSkus?$top=5`)).toBe(2);
    expect(costOf("directory", "GET", `${G}/v1.0/groups?$select=id&$top=5`)).toBe(1);
    expect(costOf("directory", "POST", `${G}/v1.0/groups`)).toBe(1);
    expect(costOf("intune-configuration", "GET", `${G}/v1.0/deviceManagement/deviceConfigurations`)).toBe(1);
  });
});

describe("DOCUMENTED_BUDGETS", () => {
  it("match graph-facts §9.5", () => {
    expect(DOCUMENTED_BUDGETS["intune-configuration"].writes).toEqual({ kind: "window", capacity: 100, windowMs: 20_000 });
    expect(DOCUMENTED_BUDGETS["intune-devices"].all.capacity).toBe(2000);
    expect(DOCUMENTED_BUDGETS.directory.writes).toEqual({ kind: "bucket", capacity: 3000, windowMs: 150_000 });
    expect(DOCUMENTED_BUDGETS.directory.all.capacity).toBe(3500);
  });
});
