import { describe, expect, it } from "vitest";
import type { DesiredResource } from "../../../src/compile/types.ts";
import { expectedStatus, MAX_BINDS_PER_REQUEST, splitMemberBinds } from "./apply-desired.ts";

const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://graph.microsoft.com/v1.0/directoryObjects/${i}`);

describe("splitMemberBinds", () => {
  it("leaves a body with at most 20 binds (or none) as it is", () => {
    const body = { displayName: "g", "members@odata.bind": urls(MAX_BINDS_PER_REQUEST) };
    expect(splitMemberBinds(body)).toEqual({ create: body, followUps: [] });
    expect(splitMemberBinds({ displayName: "g" })).toEqual({ create: { displayName: "g" }, followUps: [] });
  });

  it("sends 20 with the create and the rest in chunks of 20, in order, losing none", () => {
    const all = urls(45);
    const { create, followUps } = splitMemberBinds({ displayName: "g", "members@odata.bind": all });
    expect(create).toEqual({ displayName: "g", "members@odata.bind": all.slice(0, 20) });
    expect(followUps.map((c) => c.length)).toEqual([20, 5]);
    expect([...(create["members@odata.bind"] as string[]), ...followUps.flat()]).toEqual(all);
  });
});

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
