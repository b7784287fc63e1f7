import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEntities, checkEntity, formatProblems, hasCsdlReference } from "../conformance/csdl.ts";
import { startTestTenant, type TestTenant } from "../testing.ts";

const BASE = "/deviceAppManagement/mobileApps";
const conform = hasCsdlReference();
const GROUP = "11111111-2222-4333-8444-555555555555";
const target = { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: GROUP };

let t: TestTenant;
let remoteAssist: string;
beforeAll(async () => {
  t = await startTestTenant();
  const list = await t.graph("GET", `/v1.0${BASE}?$filter=packageIdentityName eq 'Microsoft.MicrosoftRemoteAssist'`);
  remoteAssist = list.body.value[0]?.id;
});
afterAll(async () => {
  await t?.close();
});

describe("mobileApps", () => {
  it("a new tenant → the program's Store apps (Remote Assist, Guides) with their package identities, conforming to v1.0 and beta", async () => {
    for (const version of ["v1.0", "beta"] as const) {
      const list = await t.graph("GET", `/${version}${BASE}`);
      expect(list.status).toBe(200);
      expect(list.body.value.map((a: { displayName: string; packageIdentityName: string }) => [a.displayName, a.packageIdentityName])).toEqual([
        ["Dynamics 365 Remote Assist", "Microsoft.MicrosoftRemoteAssist"],
        ["Dynamics 365 Guides", "Microsoft.Dynamics365.Guides"],
      ]);
      for (const app of list.body.value) expect(app).toMatchObject({ "@odata.type": "#microsoft.graph.microsoftStoreForBusinessApp", publisher: "Microsoft Corporation", publishingState: "published" });
      if (conform) expect(formatProblems(checkEntities("mobileApp", list.body, version))).toBe("");
    }
    const beta = await t.graph("GET", `/beta${BASE}/${remoteAssist}`);
    expect(beta.body).toMatchObject({ roleScopeTagIds: ["0"], isAssigned: false });
  });

  it("IntuneCD's type-cast filter and beta's isAssigned filter → evaluated per item", async () => {
    const intuneCd = "(microsoft.graph.managedApp/appAvailability) eq null or (microsoft.graph.managedApp/appAvailability) eq 'lineOfBusiness' or isAssigned eq true";
    const all = await t.graph("GET", `/beta${BASE}?$filter=${encodeURIComponent(intuneCd)}`);
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    // Store apps are not managedApp, so the cast is null for both.
    expect(all.body.value).toHaveLength(2);
    const cast = await t.graph("GET", `/beta${BASE}?$filter=${encodeURIComponent("microsoft.graph.microsoftStoreForBusinessApp/packageIdentityName eq 'Microsoft.Dynamics365.Guides'")}`);
    expect(cast.body.value.map((a: { displayName: string }) => a.displayName)).toEqual(["Dynamics 365 Guides"]);
    expect((await t.graph("GET", `/beta${BASE}?$filter=isAssigned eq true`)).body.value).toEqual([]);
    const scopeTags = await t.graph("GET", `/beta${BASE}/${remoteAssist}?$select=roleScopeTagIds,id`);
    expect(Object.keys(scopeTags.body).filter((k) => !k.startsWith("@odata")).sort()).toEqual(["id", "roleScopeTagIds"]);
  });

  it("assign (204, a full replace) with an install intent → assignments, isAssigned; a missing intent → 400", async () => {
    const assigned = await t.graph("POST", `/v1.0${BASE}/${remoteAssist}/assign`, {
      mobileAppAssignments: [{ "@odata.type": "#microsoft.graph.mobileAppAssignment", intent: "required", target, settings: null }],
    });
    expect(assigned.status).toBe(204);
    const list = await t.graph("GET", `/v1.0${BASE}/${remoteAssist}/assignments`);
    expect(list.body.value).toEqual([{ "@odata.type": "#microsoft.graph.mobileAppAssignment", id: `${remoteAssist}_${GROUP}`, intent: "required", settings: null, target }]);
    if (conform) expect(formatProblems(checkEntities("mobileAppAssignment", list.body, "v1.0"))).toBe("");
    const beta = await t.graph("GET", `/beta${BASE}/${remoteAssist}/assignments/${remoteAssist}_${GROUP}`);
    expect(beta.body).toMatchObject({ source: "direct", sourceId: remoteAssist });
    if (conform) expect(formatProblems(checkEntity("mobileAppAssignment", beta.body, "beta"))).toBe("");
    expect((await t.graph("GET", `/beta${BASE}/${remoteAssist}`)).body.isAssigned).toBe(true);
    expect((await t.graph("GET", `/beta${BASE}?$filter=isAssigned eq true`)).body.value.map((a: { id: string }) => a.id)).toEqual([remoteAssist]);

    const noIntent = await t.graph("POST", `/v1.0${BASE}/${remoteAssist}/assign`, { mobileAppAssignments: [{ target }] });
    expect(noIntent.status).toBe(400);
    expect((await t.graph("GET", `/v1.0${BASE}/${remoteAssist}/assignments`)).body.value).toHaveLength(1);
    expect((await t.graph("POST", `/v1.0${BASE}/${remoteAssist}/assign`, { mobileAppAssignments: [] })).status).toBe(204);
    expect((await t.graph("GET", `/beta${BASE}/${remoteAssist}`)).body.isAssigned).toBe(false);
  });

  it("adding, changing or deleting apps → 501; an app without DeviceManagementApps permissions → 403", async () => {
    expect((await t.graph("POST", `/v1.0${BASE}`, { "@odata.type": "#microsoft.graph.winGetApp", displayName: "x" })).status).toBe(501);
    expect((await t.graph("PATCH", `/v1.0${BASE}/${remoteAssist}`, { displayName: "x" })).status).toBe(501);
    expect((await t.graph("DELETE", `/v1.0${BASE}/${remoteAssist}`)).status).toBe(501);
    const configOnly = await t.createApp(["DeviceManagementConfiguration.ReadWrite.All"]);
    const res = await t.graph("GET", `/v1.0${BASE}`, undefined, { authorization: `Bearer ${await t.tokenFor(configOnly.clientId)}` });
    expect(res.status).toBe(403);
  });
});
