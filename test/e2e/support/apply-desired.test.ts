import { describe, expect, it } from "vitest";
import type { DesiredResource } from "../../../src/compile/types.ts";
import { expectedStatus } from "./apply-desired.ts";

describe("expectedStatus", () => {
  const r = (kind: DesiredResource["kind"], collection: string): DesiredResource => ({ kind, address: `${kind}.x`, api: "v1.0", collection, body: {}, dependsOn: [] });
  it("follows Graph's documented answers", () => {
    expect(expectedStatus(r("group", "/groups"))).toBe(201);
    expect(expectedStatus(r("groupLicense", "/groups/{parent}/assignLicense"))).toBe(202);
    expect(expectedStatus(r("domain", "/domains"))).toBe(204);
    expect(expectedStatus(r("configurationAssignment", "/deviceManagement/deviceConfigurations/{parent}/assign"))).toBe(200);
    expect(expectedStatus(r("configurationAssignment", "/deviceManagement/windowsAutopilotDeploymentProfiles/{parent}/assignments"))).toBe(201);
  });
});
