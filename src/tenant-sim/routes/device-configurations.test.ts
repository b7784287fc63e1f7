import { afterAll, beforeAll, describe, expect, it } from "vitest";
// Tests may use holofleet's compiler to produce real bodies; the tenant itself never imports it.
import { compile } from "../../compile/compile.ts";
import { secureBlueprint } from "../../compile/testing/blueprint-fixture.ts";
import { checkEntities, checkEntity, formatProblems, hasCsdlReference } from "../conformance/csdl.ts";
import { startTestTenant, type TestTenant } from "../testing.ts";

const BASE = "/deviceManagement/deviceConfigurations";
const KIOSK_XML = "<AssignedAccessConfiguration>secret-ish</AssignedAccessConfiguration>";
const custom = {
  "@odata.type": "#microsoft.graph.windows10CustomConfiguration",
  displayName: "HL2 ClientA – lockdown",
  description: "kiosk and developer unlock",
  omaSettings: [
    { "@odata.type": "#microsoft.graph.omaSettingString", displayName: "Kiosk", omaUri: "./Vendor/MSFT/AssignedAccess/Configuration", value: KIOSK_XML },
    { "@odata.type": "#microsoft.graph.omaSettingInteger", displayName: "Developer unlock", omaUri: "./Device/Vendor/MSFT/Policy/Config/ApplicationManagement/AllowDeveloperUnlock", value: 0 },
  ],
};
const ring = {
  "@odata.type": "#microsoft.graph.windowsUpdateForBusinessConfiguration",
  displayName: "HL2 ring",
  qualityUpdatesDeferralPeriodInDays: 3,
  featureUpdatesDeferralPeriodInDays: 0,
  automaticUpdateMode: "autoInstallAtMaintenanceTime",
  scheduleRestartWarningInHours: 4,
};
const conform = hasCsdlReference();
const GROUP = "11111111-2222-4333-8444-555555555555";

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant();
});
afterAll(async () => {
  await t?.close();
});

describe("deviceConfigurations CRUD", () => {
  it("creates a custom profile (201, @odata.type, version 1) and masks string values on v1.0", async () => {
    const res = await t.graph("POST", `/v1.0${BASE}`, custom);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ "@odata.type": "#microsoft.graph.windows10CustomConfiguration", displayName: custom.displayName, version: 1 });
    expect(res.body["@odata.context"]).toBe(`${t.baseUrl}/v1.0/$metadata#deviceManagement/deviceConfigurations/$entity`);
    expect(res.body.createdDateTime).toBe(res.body.lastModifiedDateTime);
    expect(res.body.omaSettings[0]).toEqual({ "@odata.type": "#microsoft.graph.omaSettingString", displayName: "Kiosk", description: null, omaUri: custom.omaSettings[0]!.omaUri, value: "****" });
    expect(res.body.omaSettings[1].value).toBe(0);
    expect(JSON.stringify(res.body)).not.toContain("secret-ish");
    if (conform) expect(formatProblems(checkEntity("deviceConfiguration", res.body, "v1.0"))).toBe("");
  });

  it("reads back masked on beta with isEncrypted and serves the plaintext through getOmaSettingPlainTextValue", async () => {
    const created = await t.graph("POST", `/beta${BASE}`, custom);
    expect(created.status).toBe(201);
    const read = await t.graph("GET", `/beta${BASE}/${created.body.id}`);
    expect(read.status).toBe(200);
    const kiosk = read.body.omaSettings[0];
    expect(kiosk).toMatchObject({ value: "****", isEncrypted: true, secretReferenceValueId: expect.stringContaining(`${created.body.id}_`) });
    expect(read.body.omaSettings[1]).toMatchObject({ value: 0, isEncrypted: false, secretReferenceValueId: null });
    if (conform) expect(formatProblems(checkEntity("deviceConfiguration", read.body, "beta"))).toBe("");

    for (const version of ["v1.0", "beta"]) {
      const plain = await t.graph("GET", `/${version}${BASE}/${created.body.id}/getOmaSettingPlainTextValue(secretReferenceValueId='${kiosk.secretReferenceValueId}')`);
      expect(plain.status).toBe(200);
      expect(plain.body).toEqual({ "@odata.context": `${t.baseUrl}/${version}/$metadata#Edm.String`, value: KIOSK_XML });
    }
    const unknown = await t.graph("GET", `/v1.0${BASE}/${created.body.id}/getOmaSettingPlainTextValue(secretReferenceValueId='nope')`);
    expect(unknown.status).toBe(404);
    // Intune nests a JSON document in the message (graph-facts §9.6).
    expect(JSON.parse(unknown.body.error.message)).toMatchObject({ _version: 3, Message: expect.stringContaining("nope") });
    expect(unknown.body.error.innerError["request-id"]).toBeTruthy();
  });

  it("creates an update ring, lists both types with @odata.type, patches with version increments, deletes", async () => {
    const created = await t.graph("POST", `/v1.0${BASE}`, ring);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ "@odata.type": "#microsoft.graph.windowsUpdateForBusinessConfiguration", qualityUpdatesDeferralPeriodInDays: 3, driversExcluded: false });
    if (conform) expect(formatProblems(checkEntity("deviceConfiguration", created.body, "v1.0"))).toBe("");

    const list = await t.graph("GET", `/v1.0${BASE}`);
    expect(list.status).toBe(200);
    expect(list.body["@odata.context"]).toBe(`${t.baseUrl}/v1.0/$metadata#deviceManagement/deviceConfigurations`);
    const types = new Set(list.body.value.map((c: { "@odata.type": string }) => c["@odata.type"]));
    expect(types).toEqual(new Set(["#microsoft.graph.windows10CustomConfiguration", "#microsoft.graph.windowsUpdateForBusinessConfiguration"]));
    if (conform) expect(formatProblems(checkEntities("deviceConfiguration", list.body, "v1.0"))).toBe("");

    const filtered = await t.graph("GET", `/v1.0${BASE}?$filter=${encodeURIComponent("displayName eq 'HL2 ring'")}`);
    expect(filtered.body.value.map((c: { id: string }) => c.id)).toEqual([created.body.id]);

    const patched = await t.graph("PATCH", `/v1.0${BASE}/${created.body.id}`, { "@odata.type": ring["@odata.type"], qualityUpdatesDeferralPeriodInDays: 5 });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ version: 2, qualityUpdatesDeferralPeriodInDays: 5, createdDateTime: created.body.createdDateTime });
    expect(Date.parse(patched.body.lastModifiedDateTime)).toBeGreaterThanOrEqual(Date.parse(created.body.lastModifiedDateTime));
    const again = await t.graph("PATCH", `/v1.0${BASE}/${created.body.id}`, { displayName: "HL2 ring v3" });
    expect(again.body.version).toBe(3);

    expect((await t.graph("DELETE", `/v1.0${BASE}/${created.body.id}`)).status).toBe(204);
    const gone = await t.graph("GET", `/v1.0${BASE}/${created.body.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe("ResourceNotFound");
  });

  it("rejects bodies Graph rejects: no @odata.type, unknown property, bad OMA value, out-of-range ring values", async () => {
    const { "@odata.type": _t, ...untyped } = custom;
    for (const body of [
      untyped,
      { ...custom, kioskMode: true },
      { ...custom, omaSettings: [{ ...custom.omaSettings[1], value: "zero" }] },
      { ...custom, omaSettings: [{ displayName: "x", omaUri: "./x", value: 1 }] },
      { ...ring, scheduleRestartWarningInHours: 13 },
    ]) {
      const res = await t.graph("POST", `/v1.0${BASE}`, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error.code).toBe("BadRequest");
    }
  });

  it("answers client errors in Intune's shape: the message is a JSON document with the request URL", async () => {
    const res = await t.graph("POST", `/beta${BASE}`, { ...custom, kioskMode: true });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("BadRequest");
    const inner = JSON.parse(res.body.error.message);
    expect(inner).toMatchObject({ _version: 3, CustomApiErrorPhrase: "", RetryAfter: null, ErrorSourceService: "", HttpHeaders: "{}" });
    expect(inner.Message).toMatch(/^The property 'kioskMode' does not exist on type 'microsoft\.graph\.windows10CustomConfiguration'\..* - Operation ID \(for customer support\): [0-9a-f-]{36} - Activity ID: [0-9a-f-]{36} - Url: /);
    expect(inner.Message).toContain(`Url: ${t.baseUrl}/beta${BASE}`);
    expect(res.body.error.innerError["request-id"]).toBeTruthy();
  });

  it("is case-sensitive like Intune", async () => {
    const res = await t.graph("GET", "/v1.0/devicemanagement/deviceconfigurations");
    expect(res.status).toBe(400);
  });

  it("needs DeviceManagementConfiguration permissions (403 otherwise)", async () => {
    const app = await t.createApp(["User.Read.All"]);
    const token = await t.tokenFor(app.clientId);
    const res = await t.graph("GET", `/v1.0${BASE}`, undefined, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("Authorization_RequestDenied");
    const reader = await t.createApp(["DeviceManagementConfiguration.Read.All"]);
    const readerToken = await t.tokenFor(reader.clientId);
    expect((await t.graph("GET", `/v1.0${BASE}`, undefined, { authorization: `Bearer ${readerToken}` })).status).toBe(200);
    expect((await t.graph("POST", `/v1.0${BASE}`, ring, { authorization: `Bearer ${readerToken}` })).status).toBe(403);
  });
});

describe("assign and assignments", () => {
  it("assign replaces the whole set and answers 200 with the new assignments", async () => {
    const cfg = (await t.graph("POST", `/v1.0${BASE}`, custom)).body;
    const first = await t.graph("POST", `/v1.0${BASE}/${cfg.id}/assign`, {
      assignments: [
        { "@odata.type": "#microsoft.graph.deviceConfigurationAssignment", target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: GROUP } },
        { target: { "@odata.type": "microsoft.graph.allDevicesAssignmentTarget" } },
      ],
    });
    expect(first.status).toBe(200);
    expect(first.body.value).toEqual([
      { "@odata.type": "#microsoft.graph.deviceConfigurationAssignment", id: `${cfg.id}_${GROUP}`, target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: GROUP } },
      { "@odata.type": "#microsoft.graph.deviceConfigurationAssignment", id: `${cfg.id}_adadadad-808e-44e2-905a-0b7873a8a531`, target: { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" } },
    ]);
    const replaced = await t.graph("POST", `/v1.0${BASE}/${cfg.id}/assign`, {
      assignments: [{ target: { "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", groupId: GROUP } }],
    });
    expect(replaced.body.value).toHaveLength(1);
    const list = await t.graph("GET", `/v1.0${BASE}/${cfg.id}/assignments`);
    expect(list.status).toBe(200);
    expect(list.body.value).toEqual([{ "@odata.type": "#microsoft.graph.deviceConfigurationAssignment", id: `${cfg.id}_${GROUP}`, target: { "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", groupId: GROUP } }]);
    if (conform) expect(formatProblems(checkEntities("deviceConfigurationAssignment", list.body, "v1.0"))).toBe("");
    const beta = await t.graph("GET", `/beta${BASE}/${cfg.id}/assignments`);
    expect(beta.body.value[0]).toMatchObject({ intent: "apply", source: "direct", sourceId: cfg.id });
    if (conform) expect(formatProblems(checkEntities("deviceConfigurationAssignment", beta.body, "beta"))).toBe("");

    // Repeating assign is idempotent; an empty set clears.
    expect((await t.graph("POST", `/v1.0${BASE}/${cfg.id}/assign`, { assignments: [] })).body.value).toEqual([]);
    expect((await t.graph("GET", `/v1.0${BASE}/${cfg.id}/assignments`)).body.value).toEqual([]);
  });

  it("adds, reads and deletes single assignments; rejects untyped targets", async () => {
    const cfg = (await t.graph("POST", `/v1.0${BASE}`, ring)).body;
    const added = await t.graph("POST", `/v1.0${BASE}/${cfg.id}/assignments`, { target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: GROUP } });
    expect(added.status).toBe(201);
    const one = await t.graph("GET", `/v1.0${BASE}/${cfg.id}/assignments/${added.body.id}`);
    expect(one.body.target.groupId).toBe(GROUP);
    expect((await t.graph("DELETE", `/v1.0${BASE}/${cfg.id}/assignments/${added.body.id}`)).status).toBe(204);
    expect((await t.graph("GET", `/v1.0${BASE}/${cfg.id}/assignments/${added.body.id}`)).status).toBe(404);
    expect((await t.graph("POST", `/v1.0${BASE}/${cfg.id}/assign`, { assignments: [{ target: { groupId: GROUP } }] })).status).toBe(400);
  });
});

describe("beta assignment properties", () => {
  const FILTER = "0f0e0d0c-0b0a-4908-8706-050403020100";
  const filtered = { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: GROUP, deviceAndAppManagementAssignmentFilterId: FILTER, deviceAndAppManagementAssignmentFilterType: "include" };

  it("beta takes the assignment filter and intent and answers them; v1.0 has neither", async () => {
    const cfg = (await t.graph("POST", `/v1.0${BASE}`, ring)).body;
    const assigned = await t.graph("POST", `/beta${BASE}/${cfg.id}/assign`, {
      assignments: [
        { "@odata.type": "#microsoft.graph.deviceConfigurationAssignment", intent: "apply", source: "direct", target: filtered },
        { intent: "remove", target: { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" } },
      ],
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    const beta = await t.graph("GET", `/beta${BASE}/${cfg.id}/assignments`);
    expect(beta.body.value.map((a: { intent: string; target: object }) => [a.intent, a.target])).toEqual([
      ["apply", filtered],
      ["remove", { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget", deviceAndAppManagementAssignmentFilterId: null, deviceAndAppManagementAssignmentFilterType: "none" }],
    ]);
    if (conform) expect(formatProblems(checkEntities("deviceConfigurationAssignment", beta.body, "beta"))).toBe("");
    const v1 = await t.graph("GET", `/v1.0${BASE}/${cfg.id}/assignments`);
    expect(v1.body.value[0].target).toEqual({ "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: GROUP });
    if (conform) expect(formatProblems(checkEntities("deviceConfigurationAssignment", v1.body, "v1.0"))).toBe("");
  });

  it("v1.0 rejects the beta-only properties; both reject a wrong assignment type or filter type", async () => {
    const cfg = (await t.graph("POST", `/v1.0${BASE}`, ring)).body;
    const assign = (version: string, assignment: object) => t.graph("POST", `/${version}${BASE}/${cfg.id}/assign`, { assignments: [assignment] });
    expect((await assign("v1.0", { target: filtered })).status).toBe(400);
    expect((await assign("v1.0", { intent: "apply", target: { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" } })).status).toBe(400);
    expect((await assign("beta", { target: { ...filtered, deviceAndAppManagementAssignmentFilterType: "only" } })).status).toBe(400);
    expect((await assign("beta", { intent: "maybe", target: filtered })).status).toBe(400);
    expect((await assign("beta", { "@odata.type": "#microsoft.graph.mobileAppAssignment", target: filtered })).status).toBe(400);
  });
});

describe("bodies holofleet's compiler emits", () => {
  const desired = compile(secureBlueprint()).desired;
  const bodyOf = (kind: string, nameHint?: string) => {
    const r = desired.find((d) => d.kind === kind && (!nameHint || JSON.stringify(d.body).includes(nameHint)));
    if (!r) throw new Error(`no ${kind} in the compile output`);
    return r;
  };

  it("the update ring is accepted as written and reads back property by property", async () => {
    const resource = bodyOf("updateRing");
    const body = resource.body as Record<string, unknown>;
    const res = await t.graph("POST", `/${resource.api}${resource.collection}`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const read = await t.graph("GET", `/${resource.api}${resource.collection}/${res.body.id}`);
    for (const [key, value] of Object.entries(body)) expect(read.body[key], key).toEqual(value);
    if (conform) expect(formatProblems(checkEntity("deviceConfiguration", read.body, "v1.0"))).toBe("");
    if (conform) expect(formatProblems(checkEntity("deviceConfiguration", (await t.graph("GET", `/beta${resource.collection}/${res.body.id}`)).body, "beta"))).toBe("");
  });

  it("a property the update ring type does not declare is Graph's 400, naming it", async () => {
    const resource = bodyOf("updateRing");
    for (const extra of [{ deferQualityUpdates: 7 }, { omaSettings: [] }, { roleScopeTagIds: ["0"] }]) {
      const res = await t.graph("POST", `/v1.0${resource.collection}`, { ...resource.body, ...extra });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("BadRequest");
      expect(JSON.parse(res.body.error.message).Message).toContain(`The property '${Object.keys(extra)[0]}' does not exist on type 'microsoft.graph.windowsUpdateForBusinessConfiguration'`);
    }
    // roleScopeTagIds is a beta property of every deviceConfiguration.
    expect((await t.graph("POST", `/beta${resource.collection}`, { ...resource.body, roleScopeTagIds: ["0"] })).status).toBe(201);
  });

  it("the WDAC profile (omaSettingBase64) keeps its value and fileName; it is not masked", async () => {
    const resource = bodyOf("customConfiguration", "omaSettingBase64");
    const res = await t.graph("POST", `/${resource.api}${resource.collection}`, resource.body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const sent = (resource.body as { omaSettings: Record<string, unknown>[] }).omaSettings;
    const read = await t.graph("GET", `/v1.0${resource.collection}/${res.body.id}`);
    expect(read.body.omaSettings).toEqual(sent.map((s) => ({ description: null, ...s })));
    if (conform) expect(formatProblems(checkEntity("deviceConfiguration", read.body, "v1.0"))).toBe("");
  });

  it("every custom profile is accepted; string values read back masked and come back through getOmaSettingPlainTextValue", async () => {
    for (const resource of desired.filter((d) => d.kind === "customConfiguration")) {
      const res = await t.graph("POST", `/${resource.api}${resource.collection}`, resource.body);
      expect(res.status, resource.address).toBe(201);
      const read = await t.graph("GET", `/beta${resource.collection}/${res.body.id}`);
      const sent = (resource.body as { omaSettings: { "@odata.type": string; value: unknown }[] }).omaSettings;
      for (const [i, setting] of sent.entries()) {
        const answered = read.body.omaSettings[i];
        if (setting["@odata.type"] !== "#microsoft.graph.omaSettingString") {
          expect(answered.value).toEqual(setting.value);
          continue;
        }
        expect(answered).toMatchObject({ value: "****", isEncrypted: true });
        const plain = await t.graph("GET", `/v1.0${resource.collection}/${res.body.id}/getOmaSettingPlainTextValue(secretReferenceValueId='${answered.secretReferenceValueId}')`);
        expect(plain.body.value).toBe(setting.value);
      }
    }
  });

  it("omaSettingStringXml takes Edm.Binary (base64 XML), not raw XML", async () => {
    const xml = Buffer.from("<AssignedAccessConfiguration/>").toString("base64");
    const setting = { "@odata.type": "#microsoft.graph.omaSettingStringXml", displayName: "Kiosk XML", omaUri: "./Vendor/MSFT/AssignedAccess/Configuration", fileName: "kiosk.xml", value: xml };
    const ok = await t.graph("POST", `/v1.0${BASE}`, { ...custom, omaSettings: [setting] });
    expect(ok.status).toBe(201);
    expect(ok.body.omaSettings[0]).toMatchObject({ value: xml, fileName: "kiosk.xml" });
    if (conform) expect(formatProblems(checkEntity("deviceConfiguration", ok.body, "v1.0"))).toBe("");
    const raw = await t.graph("POST", `/v1.0${BASE}`, { ...custom, omaSettings: [{ ...setting, value: "<AssignedAccessConfiguration/>" }] });
    expect(raw.status).toBe(400);
    // fileName belongs to the Base64 and StringXml subtypes only.
    const misplaced = await t.graph("POST", `/v1.0${BASE}`, { ...custom, omaSettings: [{ ...custom.omaSettings[1], fileName: "x" }] });
    expect(misplaced.status).toBe(400);
  });
});
