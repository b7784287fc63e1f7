import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEntities, checkEntity, formatProblems, hasCsdlReference } from "../conformance/csdl.ts";
import { createTestUser, initialDomain } from "../directory/test-graph-fixtures.ts";
import { INTUNE_MDM_POLICY_ID } from "../policies/mdm-policy.ts";
import { startTestTenant, type TestTenant } from "../testing.ts";

const REGISTRATION = "/policies/deviceRegistrationPolicy";
const MDM = "/beta/policies/mobileDeviceManagementPolicies";
const conform = hasCsdlReference();

let t: TestTenant;
let policyAdmin: string;
let mdmReader: string;
let mdmWriter: string;
beforeAll(async () => {
  t = await startTestTenant();
  const app = await t.createApp(["Policy.ReadWrite.DeviceConfiguration"]);
  policyAdmin = `Bearer ${await t.tokenFor(app.clientId)}`;
  // The MDM user scope is delegated only: people sign in (device code flow). The reader is holofleet's
  // own app, whose consent reads the scope; the writer an admin tool consented to change it.
  const domain = await initialDomain(t);
  await createTestUser(t, domain, "policy-admin");
  const admin = `policy-admin@${domain}`;
  mdmReader = `Bearer ${await t.signedInToken(admin)}`;
  const mdmTool = await t.createDelegatedApp(["Policy.ReadWrite.MobilityManagement"]);
  mdmWriter = `Bearer ${await t.signedInToken(admin, mdmTool.clientId)}`;
});
afterAll(async () => {
  await t?.close();
});

async function createGroup(name: string): Promise<string> {
  const res = await t.graph("POST", "/v1.0/groups", { displayName: name, mailEnabled: false, mailNickname: name, securityEnabled: true });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe("device registration policy (Entra join)", () => {
  it("a fresh tenant lets everyone join; holofleet's app reads it on v1.0 and beta", async () => {
    for (const version of ["v1.0", "beta"] as const) {
      const res = await t.graph("GET", `/${version}${REGISTRATION}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: "deviceRegistrationPolicy",
        userDeviceQuota: 50,
        multiFactorAuthConfiguration: "notRequired",
        azureADJoin: { isAdminConfigurable: true, allowedToJoin: { "@odata.type": "#microsoft.graph.allDeviceRegistrationMembership" } },
      });
      if (conform) expect(formatProblems(checkEntity("deviceRegistrationPolicy", res.body, version))).toBe("");
    }
  });

  it("holofleet's app may not change it (403): it reads preconditions and never writes them", async () => {
    const current = (await t.graph("GET", `/v1.0${REGISTRATION}`)).body;
    expect((await t.graph("PUT", `/v1.0${REGISTRATION}`, current)).status).toBe(403);
  });

  it("PUT replaces it with every updatable property (200 with the policy); join restricted to a group", async () => {
    const group = await createGroup("join-allowed");
    const current = (await t.graph("GET", `/v1.0${REGISTRATION}`)).body;
    const body = {
      ...current,
      azureADJoin: { ...current.azureADJoin, allowedToJoin: { "@odata.type": "#microsoft.graph.enumeratedDeviceRegistrationMembership", users: [], groups: [group] } },
    };
    const res = await t.graph("PUT", `/v1.0${REGISTRATION}`, body, { authorization: policyAdmin });
    expect(res.status).toBe(200);
    expect(res.body.azureADJoin.allowedToJoin).toEqual({ "@odata.type": "#microsoft.graph.enumeratedDeviceRegistrationMembership", users: [], groups: [group] });
    if (conform) expect(formatProblems(checkEntity("deviceRegistrationPolicy", res.body, "v1.0"))).toBe("");
    expect((await t.graph("GET", `/beta${REGISTRATION}`)).body.azureADJoin.allowedToJoin.groups).toEqual([group]);
  });

  it("PATCH changes one property; no one may join", async () => {
    const res = await t.graph("PATCH", `/v1.0${REGISTRATION}`, { azureADJoin: { allowedToJoin: { "@odata.type": "#microsoft.graph.noDeviceRegistrationMembership" } } }, { authorization: policyAdmin });
    expect(res.status).toBe(200);
    expect(res.body.azureADJoin.allowedToJoin).toEqual({ "@odata.type": "#microsoft.graph.noDeviceRegistrationMembership" });
    expect(res.body.userDeviceQuota).toBe(50);
  });

  it("refuses a partial PUT, an abstract membership, unknown properties and changing Intune-managed registration (400)", async () => {
    const current = (await t.graph("GET", `/v1.0${REGISTRATION}`)).body;
    const put = (body: unknown) => t.graph("PUT", `/v1.0${REGISTRATION}`, body, { authorization: policyAdmin });
    expect((await put({ azureADJoin: current.azureADJoin })).status).toBe(400);
    expect((await put({ ...current, azureADJoin: { ...current.azureADJoin, allowedToJoin: { users: [] } } })).status).toBe(400);
    expect((await put({ ...current, joinEverything: true })).status).toBe(400);
    expect((await put({ ...current, azureADRegistration: { ...current.azureADRegistration, allowedToRegister: { "@odata.type": "#microsoft.graph.noDeviceRegistrationMembership" } } })).status).toBe(400);
    expect((await put({ ...current, userDeviceQuota: 0 })).status).toBe(400);
  });
});

describe("MDM user scope (beta mobileDeviceManagementPolicies)", () => {
  it("application permissions are not supported: holofleet's app-only token gets 403", async () => {
    expect((await t.graph("GET", MDM)).status).toBe(403);
    expect((await t.graph("GET", `/v1.0/policies/mobileDeviceManagementPolicies`)).status).toBe(400);
  });

  it("a person signed in to holofleet's app (Policy.Read.All) sees Intune's policy, scope all, and may not change it", async () => {
    const res = await t.graph("GET", `${MDM}?$expand=includedGroups`, undefined, { authorization: mdmReader });
    expect(res.status).toBe(200);
    expect(res.body.value).toEqual([
      expect.objectContaining({ id: INTUNE_MDM_POLICY_ID, displayName: "Microsoft Intune", appliesTo: "all", includedGroups: [], isValid: true }),
    ]);
    if (conform) expect(formatProblems(checkEntities("mobilityManagementPolicy", res.body, "beta"))).toBe("");
    const filtered = await t.graph("GET", `${MDM}?$filter=${encodeURIComponent("displayName eq 'Microsoft Intune'")}`, undefined, { authorization: mdmReader });
    expect(filtered.body.value).toHaveLength(1);
    // holofleet reads the precondition and is never consented to write it.
    expect((await t.graph("PATCH", `${MDM}/${INTUNE_MDM_POLICY_ID}`, { appliesTo: "none" }, { authorization: mdmReader })).status).toBe(403);
  });

  it("adding a group makes the scope 'selected'; removing it leaves an empty selection; 'all' clears the groups", async () => {
    const group = await createGroup("mdm-scope");
    const add = await t.graph("POST", `${MDM}/${INTUNE_MDM_POLICY_ID}/includedGroups/$ref`, { "@odata.id": `https://graph.microsoft.com/beta/groups/${group}` }, { authorization: mdmWriter });
    expect(add.status).toBe(204);
    const read = await t.graph("GET", `${MDM}/${INTUNE_MDM_POLICY_ID}?$expand=includedGroups`, undefined, { authorization: mdmReader });
    expect(read.body).toMatchObject({ appliesTo: "selected", includedGroups: [{ id: group, displayName: "mdm-scope" }] });
    if (conform) expect(formatProblems(checkEntity("mobilityManagementPolicy", read.body, "beta"))).toBe("");
    const groups = await t.graph("GET", `${MDM}/${INTUNE_MDM_POLICY_ID}/includedGroups`, undefined, { authorization: mdmReader });
    expect(groups.body.value.map((g: { id: string }) => g.id)).toEqual([group]);
    const again = await t.graph("POST", `${MDM}/${INTUNE_MDM_POLICY_ID}/includedGroups/$ref`, { "@odata.id": `https://graph.microsoft.com/beta/groups/${group}` }, { authorization: mdmWriter });
    expect(again.status).toBe(400);
    expect((await t.graph("DELETE", `${MDM}/${INTUNE_MDM_POLICY_ID}/includedGroups/${group}/$ref`, undefined, { authorization: mdmWriter })).status).toBe(204);
    expect((await t.graph("GET", `${MDM}/${INTUNE_MDM_POLICY_ID}?$expand=includedGroups`, undefined, { authorization: mdmReader })).body).toMatchObject({ appliesTo: "selected", includedGroups: [] });
    await t.graph("POST", `${MDM}/${INTUNE_MDM_POLICY_ID}/includedGroups/$ref`, { "@odata.id": `https://graph.microsoft.com/beta/groups/${group}` }, { authorization: mdmWriter });
    expect((await t.graph("PATCH", `${MDM}/${INTUNE_MDM_POLICY_ID}`, { appliesTo: "all" }, { authorization: mdmWriter })).status).toBe(204);
    expect((await t.graph("GET", `${MDM}/${INTUNE_MDM_POLICY_ID}?$expand=includedGroups`, undefined, { authorization: mdmReader })).body).toMatchObject({ appliesTo: "all", includedGroups: [] });
  });

  it("PATCH rules: appliesTo alone, never 'selected'; 'none' switches automatic enrollment off", async () => {
    const patch = (body: unknown) => t.graph("PATCH", `${MDM}/${INTUNE_MDM_POLICY_ID}`, body, { authorization: mdmWriter });
    expect((await patch({ appliesTo: "selected" })).status).toBe(400);
    expect((await patch({ appliesTo: "none", discoveryUrl: "https://example.test/d" })).status).toBe(400);
    expect((await patch({ appliesTo: "some" })).status).toBe(400);
    expect((await patch({ appliesTo: "none" })).status).toBe(204);
    expect((await t.graph("GET", `${MDM}/${INTUNE_MDM_POLICY_ID}`, undefined, { authorization: mdmReader })).body.appliesTo).toBe("none");
    expect((await t.graph("GET", `${MDM}/00000000-0000-0000-0000-000000000001`, undefined, { authorization: mdmReader })).status).toBe(404);
  });
});
