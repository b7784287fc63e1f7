/**
 * The tenant's audit logs over HTTPS: every successful write, direct or in `$batch`, leaves one event
 * (Intune's in `deviceManagement/auditEvents`, Entra ID's in `auditLogs/directoryAudits`) naming the
 * app, the operation, the resource and the tenant-clock time; failed writes leave none.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEntities, checkEntity, formatProblems, hasCsdlReference } from "../conformance/csdl.ts";
import { startTestTenant, type TestTenant } from "../testing.ts";

const EVENTS = "/deviceManagement/auditEvents";
const AUDITS = "/auditLogs/directoryAudits";
const CFG = "/deviceManagement/deviceConfigurations";
const conform = hasCsdlReference();
const json = { "Content-Type": "application/json" };
const custom = {
  "@odata.type": "#microsoft.graph.windows10CustomConfiguration",
  displayName: "HL2 kiosk",
  omaSettings: [{ "@odata.type": "#microsoft.graph.omaSettingString", displayName: "Kiosk", omaUri: "./Vendor/MSFT/AssignedAccess/Configuration", value: "<kiosk-secret/>" }],
};

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant();
});
afterAll(async () => {
  await t?.close();
});

const events = async (query = "") => (await t.graph("GET", `/v1.0${EVENTS}${query}`)).body.value as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("deviceManagement/auditEvents", () => {
  it("an Intune create → one event: the app, Create DeviceConfiguration, the resource, the tenant clock; conforming to v1.0 and beta", async () => {
    await t.sim("POST", "/clock", { now: "2026-11-29T10:00:00.000Z" });
    const before = (await events()).length;
    const created = await t.graph("POST", `/v1.0${CFG}`, custom, { "client-request-id": "5f0e7a3c-1b2d-4c5e-8f9a-0b1c2d3e4f50" });
    expect(created.status).toBe(201);
    const all = await events();
    expect(all).toHaveLength(before + 1);
    const event = all[all.length - 1]!;
    expect(event).toMatchObject({
      componentName: "DeviceConfiguration",
      category: "DeviceConfiguration",
      activityType: "Create DeviceConfiguration",
      activityOperationType: "Create",
      activityResult: "Success",
      correlationId: "5f0e7a3c-1b2d-4c5e-8f9a-0b1c2d3e4f50",
      actor: { auditActorType: "Application", applicationId: t.clientId, applicationDisplayName: "holofleet", userPrincipalName: null },
      resources: [{ resourceId: created.body.id, displayName: "HL2 kiosk", auditResourceType: "Windows10CustomConfiguration", modifiedProperties: [{ displayName: "displayName" }, { displayName: "omaSettings" }] }],
    });
    // The tenant clock runs on from the time it was set to.
    expect(Date.parse(event.activityDateTime) - Date.parse("2026-11-29T10:00:00.000Z")).toBeGreaterThanOrEqual(0);
    expect(Date.parse(event.activityDateTime) - Date.parse("2026-11-29T10:00:00.000Z")).toBeLessThan(60_000);
    expect(JSON.stringify(all)).not.toContain("kiosk-secret");
    if (conform) {
      expect(formatProblems(checkEntities("auditEvent", { value: all }, "v1.0"))).toBe("");
      expect(formatProblems(checkEntity("auditEvent", (await t.graph("GET", `/beta${EVENTS}/${event.id}`)).body, "beta"))).toBe("");
    }
  });

  it("PATCH, assign and DELETE → Patch, Assign (Action) and Delete events for the same resource", async () => {
    const created = await t.graph("POST", `/v1.0${CFG}`, custom);
    const id = created.body.id as string;
    expect((await t.graph("PATCH", `/v1.0${CFG}/${id}`, { "@odata.type": custom["@odata.type"], description: "v2" })).status).toBe(200);
    expect((await t.graph("POST", `/v1.0${CFG}/${id}/assign`, { assignments: [] })).status).toBe(200);
    expect((await t.graph("DELETE", `/v1.0${CFG}/${id}`)).status).toBe(204);
    const mine = (await events(`?$filter=${encodeURIComponent(`resources/any(r:r/resourceId eq '${id}')`)}`)).map((e) => [e.activityOperationType, e.activityType]);
    expect(mine).toEqual([
      ["Create", "Create DeviceConfiguration"],
      ["Patch", "Patch DeviceConfiguration"],
      ["Action", "Assign DeviceConfiguration"],
      ["Delete", "Delete DeviceConfiguration"],
    ]);
  });

  it("writes inside $batch → one event each; failed writes (400, 404) → none", async () => {
    const before = (await events()).length;
    const res = await t.graph("POST", "/beta/$batch", {
      requests: [
        { id: 1, method: "POST", url: "deviceManagement/deviceConfigurations", headers: json, body: custom },
        { id: 2, method: "POST", url: "deviceManagement/deviceConfigurations", headers: json, body: { ...custom, colour: "blue" } },
        { id: 3, method: "DELETE", url: "deviceManagement/deviceConfigurations/00000000-0000-0000-0000-000000000000" },
      ],
    });
    expect(res.body.responses.map((r: { id: string; status: number }) => [r.id, r.status]).sort()).toEqual([["1", 201], ["2", 400], ["3", 404]]);
    const after = await events();
    expect(after).toHaveLength(before + 1);
    expect(after[after.length - 1]!.resources[0].resourceId).toBe(res.body.responses.find((r: { id: string }) => r.id === "1").body.id);
  });

  it("IntuneCD's --audit query (component, a date window with microseconds, ne 'Get', $select, $orderby desc) → the matching events, newest first", async () => {
    await t.sim("POST", "/clock", { now: "2026-11-30T08:00:00.000Z" });
    await t.graph("POST", `/v1.0${CFG}`, { ...custom, displayName: "first" });
    await t.sim("POST", "/clock", { now: "2026-11-30T09:00:00.000Z" });
    await t.graph("POST", `/v1.0${CFG}`, { ...custom, displayName: "second" });
    const filter = "componentName eq 'DeviceConfiguration' and activityDateTime gt 2026-11-30T07:59:59.999999Z and activityDateTime le 2026-11-30T09:05:00.000001Z and activityOperationType ne 'Get'";
    const res = await t.graph("GET", `/v1.0${EVENTS}?$filter=${encodeURIComponent(filter)}&$select=actor,activityDateTime,activityOperationType,activityResult,resources&$orderby=activityDateTime desc`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.value.map((e: { resources: { displayName: string }[] }) => e.resources[0]!.displayName)).toEqual(["second", "first"]);
    expect(Object.keys(res.body.value[0]).filter((k) => !k.startsWith("@")).sort()).toEqual(["activityDateTime", "activityOperationType", "activityResult", "actor", "resources"]);
    expect((await t.graph("GET", `/v1.0${EVENTS}?$filter=${encodeURIComponent("componentName eq 'MobileApp'")}`)).body.value).toEqual([]);
  });

  it("writing audit events → 501; reading them needs DeviceManagementApps.Read.All (the permissions map)", async () => {
    expect((await t.graph("POST", `/v1.0${EVENTS}`, { displayName: "forged" })).status).toBe(501);
    const config = await t.createApp(["DeviceManagementConfiguration.Read.All"]);
    expect((await t.graph("GET", `/v1.0${EVENTS}`, undefined, { authorization: `Bearer ${await t.tokenFor(config.clientId)}` })).status).toBe(403);
    const apps = await t.createApp(["DeviceManagementApps.Read.All"], { displayName: "auditor" });
    expect((await t.graph("GET", `/v1.0${EVENTS}`, undefined, { authorization: `Bearer ${await t.tokenFor(apps.clientId)}` })).status).toBe(200);
  });

  it("another app's write → that app as the actor", async () => {
    const writer = await t.createApp(["DeviceManagementConfiguration.ReadWrite.All"], { displayName: "portal script" });
    const created = await t.graph("POST", `/v1.0${CFG}`, custom, { authorization: `Bearer ${await t.tokenFor(writer.clientId)}` });
    expect(created.status).toBe(201);
    const [event] = await events(`?$filter=${encodeURIComponent(`resources/any(r:r/resourceId eq '${created.body.id}')`)}`);
    expect(event!.actor).toMatchObject({ applicationId: writer.clientId, applicationDisplayName: "portal script" });
  });
});

describe("auditLogs/directoryAudits", () => {
  it("directory writes → Entra's entries (Add group, Add member to group, Update user), conforming to v1.0; none in Intune's log", async () => {
    const intuneBefore = (await events()).length;
    const group = await t.graph("POST", "/v1.0/groups", { displayName: "HL2 devices", mailEnabled: false, mailNickname: "hl2-devices", securityEnabled: true });
    expect(group.status).toBe(201);
    const domain = (await t.graph("GET", "/v1.0/domains")).body.value[0].id as string;
    const user = await t.graph("POST", "/v1.0/users", { accountEnabled: true, displayName: "Op", mailNickname: "op", userPrincipalName: `op@${domain}`, passwordProfile: { password: "Vx9!kq2#Lm4$", forceChangePasswordNextSignIn: false } });
    expect(user.status).toBe(201);
    expect((await t.graph("POST", `/v1.0/groups/${group.body.id}/members/$ref`, { "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${user.body.id}` })).status).toBe(204);
    expect((await t.graph("PATCH", `/v1.0/users/${user.body.id}`, { department: "Field" })).status).toBe(204);

    const audits = await t.graph("GET", `/v1.0${AUDITS}`);
    expect(audits.status).toBe(200);
    const rows = audits.body.value.map((a: { activityDisplayName: string; category: string; targetResources: { id: string }[] }) => [a.activityDisplayName, a.category, a.targetResources[0]!.id]);
    expect(rows).toEqual([
      ["Add group", "GroupManagement", group.body.id],
      ["Add user", "UserManagement", user.body.id],
      ["Add member to group", "GroupManagement", group.body.id],
      ["Update user", "UserManagement", user.body.id],
    ]);
    expect(audits.body.value[0]).toMatchObject({ loggedByService: "Core Directory", result: "success", initiatedBy: { app: { appId: t.clientId, displayName: "holofleet" }, user: null } });
    expect(JSON.stringify(audits.body)).not.toContain("Vx9!kq2#Lm4$");
    if (conform) expect(formatProblems(checkEntities("directoryAudit", audits.body, "v1.0"))).toBe("");
    const one = await t.graph("GET", `/v1.0${AUDITS}/${audits.body.value[3].id}`);
    expect(one.body.activityDisplayName).toBe("Update user");
    expect((await t.graph("GET", `/v1.0${AUDITS}?$filter=${encodeURIComponent("category eq 'UserManagement'")}`)).body.value).toHaveLength(2);
    expect(await events()).toHaveLength(intuneBefore);
  });
});
