import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEntities, checkEntity, formatProblems, hasCsdlReference } from "../conformance/csdl.ts";
import { startTestTenant, type TestTenant } from "../testing.ts";

const BASE = "/deviceManagement/configurationPolicies";
const conform = hasCsdlReference();
const GROUP = "11111111-2222-4333-8444-555555555555";

function choice(definition: string, value: string) {
  return {
    "@odata.type": "#microsoft.graph.deviceManagementConfigurationSetting",
    settingInstance: {
      "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
      settingDefinitionId: definition,
      choiceSettingValue: { "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingValue", value, children: [] },
    },
  };
}

const usbOff = choice("device_vendor_msft_policy_config_connectivity_allowusbconnection", "device_vendor_msft_policy_config_connectivity_allowusbconnection_0");
const policy = { name: "HL2 catalog", description: "USB off", platforms: "windows10", technologies: "mdm", roleScopeTagIds: ["0"], settings: [usbOff], templateReference: { templateId: "" } };

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant();
});
afterAll(async () => {
  await t?.close();
});

async function create(body: Record<string, unknown> = policy) {
  const res = await t.graph("POST", `/beta${BASE}`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe("configurationPolicies (settings catalog)", () => {
  it("creates a policy (201, settingCount, no template) conforming to beta; v1.0 has no settings catalog", async () => {
    const created = await create();
    expect(created).toMatchObject({ name: "HL2 catalog", platforms: "windows10", technologies: "mdm", settingCount: 1, isAssigned: false, templateReference: { templateId: "", templateFamily: "none" } });
    expect(created).not.toHaveProperty("settings");
    if (conform) expect(formatProblems(checkEntity("deviceManagementConfigurationPolicy", created, "beta"))).toBe("");
    expect((await t.graph("GET", `/v1.0${BASE}`)).status).toBe(400);
  });

  it("reads the settings: the navigation (IntuneCD's `settings?&top=1000`, beta's optional $) and $expand=settings", async () => {
    const created = await create();
    const settings = await t.graph("GET", `/beta${BASE}/${created.id}/settings?&top=1000`);
    expect(settings.status).toBe(200);
    expect(settings.body["@odata.context"]).toContain(created.id);
    expect(settings.body.value).toEqual([{ ...usbOff, id: "0" }]);
    if (conform) expect(formatProblems(checkEntities("deviceManagementConfigurationSetting", settings.body, "beta"))).toBe("");
    expect((await t.graph("GET", `/beta${BASE}/${created.id}/settings/0`)).body.settingInstance.settingDefinitionId).toBe(usbOff.settingInstance.settingDefinitionId);
    expect((await t.graph("GET", `/beta${BASE}/${created.id}/settings/7`)).status).toBe(404);
    const expanded = await t.graph("GET", `/beta${BASE}/${created.id}?$expand=settings`);
    expect(expanded.body.settings).toHaveLength(1);
    if (conform) expect(formatProblems(checkEntity("deviceManagementConfigurationPolicy", expanded.body, "beta"))).toBe("");
  });

  it("pages settings and policies at 25 unless top asks for more", async () => {
    const many = Array.from({ length: 30 }, (_, i) => choice(`device_vendor_msft_policy_config_example_${i}`, `device_vendor_msft_policy_config_example_${i}_1`));
    const created = await create({ ...policy, settings: many });
    expect(created.settingCount).toBe(30);
    const first = await t.graph("GET", `/beta${BASE}/${created.id}/settings`);
    expect(first.body.value).toHaveLength(25);
    const rest = await t.graph("GET", first.body["@odata.nextLink"]);
    expect(rest.body.value.map((s: { id: string }) => s.id)).toEqual(["25", "26", "27", "28", "29"]);
    expect((await t.graph("GET", `/beta${BASE}/${created.id}/settings?top=1000`)).body.value).toHaveLength(30);
    expect((await t.graph("GET", `/beta${BASE}/${created.id}/settings?$top=1001`)).status).toBe(400);
  });

  it("bad bodies → 400: no name, an unknown platform, an abstract setting instance, no definition id", async () => {
    expect((await t.graph("POST", `/beta${BASE}`, { ...policy, name: "" })).status).toBe(400);
    expect((await t.graph("POST", `/beta${BASE}`, { ...policy, platforms: "hololens" })).status).toBe(400);
    expect((await t.graph("POST", `/beta${BASE}`, { ...policy, settings: [{ settingInstance: { settingDefinitionId: "x" } }] })).status).toBe(400);
    expect((await t.graph("POST", `/beta${BASE}`, { ...policy, settings: [{ settingInstance: { "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance" } }] })).status).toBe(400);
    expect((await t.graph("POST", `/beta${BASE}`, { ...policy, colour: "blue" })).status).toBe(400);
  });

  it("PATCH changes name and description (204); the platform, template and settings stay; DELETE removes it", async () => {
    const created = await create();
    expect((await t.graph("PATCH", `/beta${BASE}/${created.id}`, { name: "HL2 catalog v2", description: "renamed" })).status).toBe(204);
    expect((await t.graph("GET", `/beta${BASE}/${created.id}`)).body).toMatchObject({ name: "HL2 catalog v2", description: "renamed", settingCount: 1 });
    expect((await t.graph("PATCH", `/beta${BASE}/${created.id}`, { platforms: "macOS" })).status).toBe(400);
    expect((await t.graph("PATCH", `/beta${BASE}/${created.id}`, { settings: [] })).status).toBe(400);
    expect((await t.graph("POST", `/beta${BASE}/${created.id}/settings`, usbOff)).status).toBe(501);
    expect((await t.graph("DELETE", `/beta${BASE}/${created.id}`)).status).toBe(204);
    expect((await t.graph("GET", `/beta${BASE}/${created.id}`)).status).toBe(404);
  });

  it("assign (a full replace) → isAssigned, assignments with their context, $expand=assignments", async () => {
    const created = await create();
    const assigned = await t.graph("POST", `/beta${BASE}/${created.id}/assign`, { assignments: [{ target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: GROUP } }] });
    expect(assigned.status).toBe(200);
    expect(assigned.body.value[0]).toMatchObject({ id: `${created.id}_${GROUP}`, source: "direct", sourceId: created.id });
    if (conform) expect(formatProblems(checkEntities("deviceManagementConfigurationPolicyAssignment", assigned.body, "beta"))).toBe("");
    expect((await t.graph("GET", `/beta${BASE}/${created.id}`)).body.isAssigned).toBe(true);
    const list = await t.graph("GET", `/beta${BASE}/${created.id}/assignments`);
    expect(list.body["@odata.context"]).toBe(`${t.baseUrl}/beta/$metadata#deviceManagement/configurationPolicies('${created.id}')/assignments`);
    const expanded = await t.graph("GET", `/beta${BASE}?$expand=assignments&$filter=id eq '${created.id}'`);
    expect(expanded.body.value[0].assignments).toHaveLength(1);
    expect((await t.graph("POST", `/beta${BASE}/${created.id}/assign`, { assignments: [] })).status).toBe(200);
    expect((await t.graph("GET", `/beta${BASE}/${created.id}`)).body.isAssigned).toBe(false);
  });
});
