import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEntities, checkEntity, formatProblems, hasCsdlReference } from "../conformance/csdl.ts";
import { startTestTenant, type TestTenant } from "../testing.ts";

const BASE = "/deviceManagement/deviceCompliancePolicies";
const conform = hasCsdlReference();
const GROUP = "11111111-2222-4333-8444-555555555555";
const EXCLUDED = "66666666-7777-4888-9999-000000000000";

/** A HoloLens 2 compliance policy as a client creates it: one rule with the one block action Intune requires. */
const policy = {
  "@odata.type": "#microsoft.graph.windows10CompliancePolicy",
  displayName: "HL2 compliance",
  description: "BitLocker and a minimum build",
  bitLockerEnabled: true,
  osMinimumVersion: "10.0.22621.1266",
  passwordRequired: true,
  passwordRequiredType: "numeric",
  scheduledActionsForRule: [{ ruleName: "PasswordRequired", scheduledActionConfigurations: [{ actionType: "block", gracePeriodHours: 0, notificationTemplateId: "", notificationMessageCCList: [] }] }],
};

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant();
});
afterAll(async () => {
  await t?.close();
});

async function create(version = "v1.0", body: Record<string, unknown> = policy) {
  const res = await t.graph("POST", `/${version}${BASE}`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe("deviceCompliancePolicies CRUD", () => {
  it("creates a Windows compliance policy (201, version 1, EDM defaults) conforming to v1.0, and beta adds scope tags", async () => {
    const created = await create();
    expect(created).toMatchObject({ "@odata.type": "#microsoft.graph.windows10CompliancePolicy", displayName: "HL2 compliance", version: 1, bitLockerEnabled: true, secureBootEnabled: false, passwordMinimumLength: null, passwordRequiredType: "numeric" });
    expect(created).not.toHaveProperty("scheduledActionsForRule");
    if (conform) expect(formatProblems(checkEntity("deviceCompliancePolicy", created, "v1.0"))).toBe("");
    const beta = await t.graph("GET", `/beta${BASE}/${created.id}`);
    expect(beta.body.roleScopeTagIds).toEqual(["0"]);
    if (conform) expect(formatProblems(checkEntity("deviceCompliancePolicy", beta.body, "beta"))).toBe("");
  });

  it("a create without exactly one block action → 400 as Intune answers it", async () => {
    const { scheduledActionsForRule: _omit, ...withoutRules } = policy;
    for (const body of [
      withoutRules,
      { ...policy, scheduledActionsForRule: [{ ruleName: null, scheduledActionConfigurations: [{ actionType: "notification" }] }] },
      { ...policy, scheduledActionsForRule: [{ ruleName: null, scheduledActionConfigurations: [{ actionType: "block" }, { actionType: "block", gracePeriodHours: 24 }] }] },
    ]) {
      const res = await t.graph("POST", `/v1.0${BASE}`, body);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body.error.message).Message).toMatch(/^Compliance policy must have one and only one block scheduled action/);
    }
  });

  it("bad bodies → 400 naming the property; another compliance type → 501; no @odata.type → 400", async () => {
    expect((await t.graph("POST", `/v1.0${BASE}`, { ...policy, bitLockerEnabled: "yes" })).status).toBe(400);
    expect((await t.graph("POST", `/v1.0${BASE}`, { ...policy, passwordRequiredType: "pin" })).status).toBe(400);
    const unknown = await t.graph("POST", `/v1.0${BASE}`, { ...policy, tpmRequired: true });
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body.error.message).Message).toMatch(/The property 'tpmRequired' does not exist on type 'microsoft.graph.windows10CompliancePolicy'/);
    const ios = await t.graph("POST", `/v1.0${BASE}`, { ...policy, "@odata.type": "#microsoft.graph.iosCompliancePolicy" });
    expect(ios.status).toBe(501);
    const { "@odata.type": _type, ...untyped } = policy;
    expect((await t.graph("POST", `/v1.0${BASE}`, untyped)).status).toBe(400);
  });

  it("PATCH → 200 with the updated policy and version + 1; the scheduled actions are not PATCHed; DELETE → 204 then 404", async () => {
    const created = await create();
    const patched = await t.graph("PATCH", `/v1.0${BASE}/${created.id}`, { "@odata.type": "#microsoft.graph.windows10CompliancePolicy", osMinimumVersion: "10.0.22621.2000", storageRequireEncryption: true });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ version: 2, osMinimumVersion: "10.0.22621.2000", storageRequireEncryption: true, bitLockerEnabled: true });
    expect((await t.graph("PATCH", `/v1.0${BASE}/${created.id}`, { scheduledActionsForRule: [] })).status).toBe(400);
    expect((await t.graph("DELETE", `/v1.0${BASE}/${created.id}`)).status).toBe(204);
    expect((await t.graph("GET", `/v1.0${BASE}/${created.id}`)).status).toBe(404);
  });
});

describe("scheduledActionsForRule and assignments", () => {
  it("$expand=scheduledActionsForRule($expand=scheduledActionConfigurations) (IntuneCD's form) → the rule and its block action, no template", async () => {
    const created = await create("beta");
    const list = await t.graph("GET", `/beta${BASE}/?$expand=scheduledActionsForRule($expand=scheduledActionConfigurations)`);
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    const item = list.body.value.find((p: { id: string }) => p.id === created.id);
    expect(item["scheduledActionsForRule@odata.context"]).toBe(`${t.baseUrl}/beta/$metadata#deviceManagement/deviceCompliancePolicies('${created.id}')/scheduledActionsForRule`);
    expect(item.scheduledActionsForRule).toHaveLength(1);
    expect(item.scheduledActionsForRule[0]).toMatchObject({ ruleName: "PasswordRequired" });
    expect(item.scheduledActionsForRule[0].scheduledActionConfigurations).toEqual([
      expect.objectContaining({ actionType: "block", gracePeriodHours: 0, notificationTemplateId: "00000000-0000-0000-0000-000000000000", notificationMessageCCList: [] }),
    ]);
    if (conform) expect(formatProblems(checkEntities("deviceCompliancePolicy", list.body, "beta"))).toBe("");
    const shallow = await t.graph("GET", `/v1.0${BASE}/${created.id}?$expand=scheduledActionsForRule`);
    expect(shallow.body.scheduledActionsForRule[0]).not.toHaveProperty("scheduledActionConfigurations");
    if (conform) expect(formatProblems(checkEntity("deviceCompliancePolicy", shallow.body, "v1.0"))).toBe("");
  });

  it("assign replaces the set (200 with the new assignments), and $expand=assignments shows it with its @odata.context", async () => {
    const created = await create();
    const first = await t.graph("POST", `/v1.0${BASE}/${created.id}/assign`, { assignments: [{ target: { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" } }] });
    expect(first.status).toBe(200);
    const assigned = await t.graph("POST", `/v1.0${BASE}/${created.id}/assign`, {
      assignments: [
        { target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: GROUP } },
        { target: { "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", groupId: EXCLUDED } },
      ],
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.value.map((a: { id: string }) => a.id)).toEqual([`${created.id}_${GROUP}`, `${created.id}_${EXCLUDED}`]);
    if (conform) expect(formatProblems(checkEntities("deviceCompliancePolicyAssignment", assigned.body, "v1.0"))).toBe("");

    for (const version of ["v1.0", "beta"] as const) {
      const expanded = await t.graph("GET", `/${version}${BASE}/${created.id}?$expand=assignments`);
      expect(expanded.body["assignments@odata.context"]).toBe(`${t.baseUrl}/${version}/$metadata#deviceManagement/deviceCompliancePolicies('${created.id}')/assignments`);
      expect(expanded.body.assignments.map((a: { target: { groupId: string } }) => a.target.groupId)).toEqual([GROUP, EXCLUDED]);
      if (conform) expect(formatProblems(checkEntity("deviceCompliancePolicy", expanded.body, version))).toBe("");
    }
    const beta = await t.graph("GET", `/beta${BASE}/${created.id}/assignments`);
    expect(beta.body.value[0]).toMatchObject({ source: "direct", sourceId: created.id, target: { deviceAndAppManagementAssignmentFilterType: "none" } });
    if (conform) expect(formatProblems(checkEntities("deviceCompliancePolicyAssignment", beta.body, "beta"))).toBe("");
  });

  it("$expand with $select keeps the expansion; an unknown or unexpanded navigation → 400", async () => {
    const created = await create();
    const selected = await t.graph("GET", `/v1.0${BASE}/${created.id}?$select=displayName&$expand=assignments`);
    expect(Object.keys(selected.body).filter((k) => !k.startsWith("@odata"))).toEqual(["assignments@odata.context", "assignments", "displayName"]);
    const unknown = await t.graph("GET", `/v1.0${BASE}?$expand=assignmentz`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe("Parsing OData Select and Expand failed: Could not find a property named 'assignmentz' on type 'microsoft.graph.deviceCompliancePolicy'.");
    const notExpanded = await t.graph("GET", `/v1.0${BASE}?$expand=deviceStatuses`);
    expect(notExpanded.status).toBe(400);
    expect(notExpanded.body.error.message).toMatch(/does not expand 'deviceStatuses'/);
  });

  it("assignments: POST one (201), a duplicate target (409), GET and DELETE by id", async () => {
    const created = await create();
    const target = { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: GROUP };
    const one = await t.graph("POST", `/v1.0${BASE}/${created.id}/assignments`, { target });
    expect(one.status).toBe(201);
    expect((await t.graph("POST", `/v1.0${BASE}/${created.id}/assignments`, { target })).status).toBe(409);
    expect((await t.graph("GET", `/v1.0${BASE}/${created.id}/assignments/${one.body.id}`)).body.target.groupId).toBe(GROUP);
    expect((await t.graph("DELETE", `/v1.0${BASE}/${created.id}/assignments/${one.body.id}`)).status).toBe(204);
    expect((await t.graph("GET", `/v1.0${BASE}/${created.id}/assignments`)).body.value).toEqual([]);
  });
});
