import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requiredPermissions } from "../auth/permissions.ts";
import { checkEntities, checkEntity, formatProblems, hasCsdlReference, typeProperties } from "../conformance/csdl.ts";
import { createTestUser, initialDomain } from "../directory/test-graph-fixtures.ts";
import { startTestTenant, type TestTenant } from "../testing.ts";
import { groupRoutes } from "./groups.ts";

let t: TestTenant;
let domain: string;
const ENTERPRISEPACK = "6fd2c87f-b296-42f0-b197-1e91e994b900";
const RA_SKU = "7a551360-26c4-4f61-84e6-ef715673e083";
const TEAMS1 = "57ff2da0-773e-42df-b2af-ffb7a2317929";

beforeAll(async () => {
  process.env.HOLOFLEET_SIM_LICENSING_DELAY_MS = "150";
  t = await startTestTenant();
  domain = await initialDomain(t);
});
afterAll(async () => {
  delete process.env.HOLOFLEET_SIM_LICENSING_DELAY_MS;
  await t?.close();
});

const securityGroup = (name: string, extra: Record<string, unknown> = {}) => ({ displayName: name, mailEnabled: false, mailNickname: name.toLowerCase().replace(/[^a-z0-9-]/g, "-"), securityEnabled: true, ...extra });

async function createGroup(name: string, extra: Record<string, unknown> = {}) {
  const res = await t.graph("POST", "/v1.0/groups", securityGroup(name, extra));
  expect(res.status).toBe(201);
  return res.body as { id: string };
}

const createUser = (nick: string) => createTestUser(t, domain, nick);

const bind = (ids: string[]) => ({ "members@odata.bind": ids.map((id) => `https://graph.microsoft.com/v1.0/directoryObjects/${id}`) });

async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("POST /groups", () => {
  it("displayName is not unique: a retried POST makes a second group", async () => {
    const a = await createGroup("HL2-ClientA-Devices");
    const b = await createGroup("HL2-ClientA-Devices");
    expect(a.id).not.toBe(b.id);
    const res = await t.graph("GET", `/v1.0/groups?$filter=${encodeURIComponent("displayName eq 'HL2-ClientA-Devices'")}`);
    expect(res.status).toBe(200);
    expect(res.body.value).toHaveLength(2);
  });

  it("201 body has the default property set, no hasMembersWithLicenseErrors, and conforms to the CSDL", async () => {
    const res = await t.graph("POST", "/v1.0/groups", securityGroup("conf-group", { description: "x" }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ displayName: "conf-group", securityEnabled: true, mailEnabled: false, groupTypes: [] });
    expect(res.body.hasMembersWithLicenseErrors).toBeUndefined();
    expect(res.body.assignedLicenses).toBeUndefined();
    if (hasCsdlReference()) expect(checkEntity("group", res.body, "v1.0", { partial: true })).toEqual([]);
    const full = await t.graph("GET", `/v1.0/groups/${res.body.id}?$select=id,displayName,assignedLicenses,licenseProcessingState,groupTypes,uniqueName`);
    if (hasCsdlReference()) expect(checkEntity("group", full.body, "v1.0", { partial: true })).toEqual([]);
    expect(full.body.assignedLicenses).toEqual([]);
  });

  it("missing required properties or a bad mailNickname → 400", async () => {
    expect((await t.graph("POST", "/v1.0/groups", { displayName: "x", mailEnabled: false, securityEnabled: true })).status).toBe(400);
    expect((await t.graph("POST", "/v1.0/groups", securityGroup("bad", { mailNickname: "has space" }))).status).toBe(400);
    expect((await t.graph("POST", "/v1.0/groups", securityGroup("bad", { hideFromAddressLists: true }))).status).toBe(400);
  });

  it("mailNickname is unique among Microsoft 365 groups only (any case); security groups may share it", async () => {
    const m365 = (nick: string) => ({ displayName: nick, mailEnabled: true, mailNickname: nick, securityEnabled: false, groupTypes: ["Unified"] });
    expect((await t.graph("POST", "/v1.0/groups", m365("ClientA-Team"))).status).toBe(201);
    const dup = await t.graph("POST", "/v1.0/groups", m365("clienta-team"));
    expect(dup.status).toBe(400);
    expect(dup.body.error.details).toEqual([{ code: "ObjectConflict", target: "mailNickname" }]);
    // A security group with the same nickname is fine, as is a second one.
    await createGroup("clienta-team");
    await createGroup("clienta-team");
  });

  it("a Microsoft 365 group must be mail-enabled: Unified with mailEnabled false → 400 on POST, upsert and PATCH; nothing is created", async () => {
    const body = { displayName: "HL2-Experts", mailEnabled: false, mailNickname: "hl2-experts-nomail", securityEnabled: true, groupTypes: ["Unified"] };
    const expectMailEnabledRefused = (res: { status: number; body: { error: { code: string; message: string } } }) => {
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("Request_BadRequest");
      expect(res.body.error.message).toBe("Invalid value specified for property 'mailEnabled' of resource 'Group'.");
    };
    expectMailEnabledRefused(await t.graph("POST", "/v1.0/groups", body));
    expectMailEnabledRefused(await t.graph("POST", "/beta/groups", { ...body, groupTypes: ["unified", "DynamicMembership"], membershipRule: 'user.city -eq "A"' }));
    expectMailEnabledRefused(await t.graph("PATCH", "/v1.0/groups(uniqueName='hl2-experts-nomail')", body, { prefer: "create-if-missing" }));
    const filter = encodeURIComponent("mailNickname eq 'hl2-experts-nomail'");
    expect((await t.graph("GET", `/v1.0/groups?$filter=${filter}`)).body.value).toEqual([]);

    // A PATCH cannot make an existing group a Microsoft 365 group without mail, nor turn mail off on one.
    const security = await createGroup("HL2-Security-Only");
    expectMailEnabledRefused(await t.graph("PATCH", `/v1.0/groups/${security.id}`, { groupTypes: ["Unified"] }));
    const m365 = await t.graph("POST", "/v1.0/groups", { ...body, mailEnabled: true, securityEnabled: false });
    expect(m365.status).toBe(201);
    expectMailEnabledRefused(await t.graph("PATCH", `/v1.0/groups/${m365.body.id}`, { mailEnabled: false }));
    expect((await t.graph("GET", `/v1.0/groups/${m365.body.id}?$select=mailEnabled,groupTypes`)).body).toMatchObject({ mailEnabled: true, groupTypes: ["Unified"] });
  });

  it("mail-enabled security groups and distribution groups cannot be created or made through the API: 400 on POST, upsert and PATCH; nothing changes", async () => {
    // groups-overview group-type table: [] + mailEnabled true is read-only through Graph.
    const refused = (verb: "Create" | "Update") => (res: { status: number; body: { error: { code: string; message: string } } }) => {
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("Request_BadRequest");
      expect(res.body.error.message).toBe(`Cannot ${verb} a mail-enabled security groups and or distribution list.`);
    };
    const mailSecurity = { displayName: "HL2-Mail-Security", mailEnabled: true, mailNickname: "hl2-mail-security", securityEnabled: true, groupTypes: [] };
    const distribution = { displayName: "HL2-Distribution", mailEnabled: true, mailNickname: "hl2-distribution", securityEnabled: false };
    refused("Create")(await t.graph("POST", "/v1.0/groups", mailSecurity));
    refused("Create")(await t.graph("POST", "/beta/groups", distribution));
    refused("Create")(await t.graph("POST", "/v1.0/groups", { ...mailSecurity, groupTypes: ["DynamicMembership"], membershipRule: 'user.city -eq "A"' }));
    refused("Create")(await t.graph("PATCH", "/v1.0/groups(uniqueName='hl2-mail-security')", mailSecurity, { prefer: "create-if-missing" }));
    for (const nick of ["hl2-mail-security", "hl2-distribution"]) {
      expect((await t.graph("GET", `/v1.0/groups?$filter=${encodeURIComponent(`mailNickname eq '${nick}'`)}`)).body.value).toEqual([]);
    }

    // Mail cannot be turned on for a security group, nor Unified taken off a Microsoft 365 group.
    const security = await createGroup("HL2-Plain-Security", { uniqueName: "hl2-plain-security" });
    refused("Update")(await t.graph("PATCH", `/v1.0/groups/${security.id}`, { mailEnabled: true, description: "changed?" }));
    refused("Update")(await t.graph("PATCH", "/beta/groups(uniqueName='hl2-plain-security')", { mailEnabled: true }, { prefer: "create-if-missing" }));
    expect((await t.graph("GET", `/v1.0/groups/${security.id}?$select=mailEnabled,description`)).body).toMatchObject({ mailEnabled: false, description: null });
    const m365 = await t.graph("POST", "/v1.0/groups", { displayName: "HL2-Team", mailEnabled: true, mailNickname: "hl2-team-unified", securityEnabled: false, groupTypes: ["Unified"] });
    expect(m365.status).toBe(201);
    refused("Update")(await t.graph("PATCH", `/v1.0/groups/${m365.body.id}`, { groupTypes: [] }));
    expect((await t.graph("GET", `/v1.0/groups/${m365.body.id}?$select=groupTypes`)).body.groupTypes).toEqual(["Unified"]);
  });

  it("$filter on groupTypes with any() works without advanced query headers", async () => {
    const dyn = await createGroup("dyn-any", { groupTypes: ["DynamicMembership"], membershipRule: 'device.displayName -eq "none"', membershipRuleProcessingState: "On" });
    const res = await t.graph("GET", `/v1.0/groups?$filter=${encodeURIComponent("groupTypes/any(c:c eq 'DynamicMembership')")}`);
    expect(res.status).toBe(200);
    expect((res.body.value as { id: string }[]).map((g) => g.id)).toContain(dyn.id);
    expect((res.body.value as { groupTypes: string[] }[]).every((g) => g.groupTypes.includes("DynamicMembership"))).toBe(true);
  });
});

describe("PATCH /groups(uniqueName='…') upsert", () => {
  it("with Prefer: create-if-missing → 201 then 204; exactly one group", async () => {
    const path = "/v1.0/groups(uniqueName='hl2-clienta-users')";
    const created = await t.graph("PATCH", path, securityGroup("HL2 ClientA Users", { description: "v1" }), { prefer: "create-if-missing" });
    expect(created.status).toBe(201);
    expect(created.body.uniqueName).toBe("hl2-clienta-users");
    const again = await t.graph("PATCH", path, securityGroup("HL2 ClientA Users", { description: "v2" }), { prefer: "create-if-missing" });
    expect(again.status).toBe(204);
    const list = await t.graph("GET", `/v1.0/groups?$filter=${encodeURIComponent("uniqueName eq 'hl2-clienta-users'")}&$select=id,description`);
    expect(list.body.value).toEqual([{ id: created.body.id, description: "v2" }]);
  });

  it("without the Prefer header a missing group → 404; POST with a taken uniqueName → 400 ObjectConflict", async () => {
    const res = await t.graph("PATCH", "/v1.0/groups(uniqueName='nobody-here')", { description: "x" });
    expect(res.status).toBe(404);
    await t.graph("PATCH", "/v1.0/groups(uniqueName='taken-name')", securityGroup("Taken"), { prefer: "create-if-missing" });
    const dup = await t.graph("POST", "/v1.0/groups", securityGroup("Taken2", { uniqueName: "TAKEN-name" }));
    expect(dup.status).toBe(400);
    expect(dup.body.error.details).toEqual([{ code: "ObjectConflict", target: "uniqueName" }]);
  });
});

describe("GET/PATCH/DELETE /groups/{id}", () => {
  it("PATCH → 204 and reads back; DELETE → 204 then 404", async () => {
    const g = await createGroup("patch-me");
    expect((await t.graph("PATCH", `/v1.0/groups/${g.id}`, { description: "changed" })).status).toBe(204);
    expect((await t.graph("GET", `/v1.0/groups/${g.id}`)).body.description).toBe("changed");
    expect((await t.graph("DELETE", `/v1.0/groups/${g.id}`)).status).toBe(204);
    const gone = await t.graph("GET", `/v1.0/groups/${g.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe("Request_ResourceNotFound");
  });
});

describe("members", () => {
  it("members@odata.bind adds; GET members lists them with @odata.type", async () => {
    const u = await createUser("mem01");
    const g = await createGroup("mem-group");
    expect((await t.graph("PATCH", `/v1.0/groups/${g.id}`, bind([u.id]))).status).toBe(204);
    const res = await t.graph("GET", `/v1.0/groups/${g.id}/members`);
    expect(res.status).toBe(200);
    expect(res.body.value).toEqual([expect.objectContaining({ "@odata.type": "#microsoft.graph.user", id: u.id, displayName: "mem01" })]);
  });

  it("members@odata.bind with an unknown id adds none → 404", async () => {
    const u = await createUser("mem02");
    const g = await createGroup("mem-group2");
    const res = await t.graph("PATCH", `/v1.0/groups/${g.id}`, bind([u.id, "00000000-0000-0000-0000-0000000000bb"]));
    expect(res.status).toBe(404);
    expect((await t.graph("GET", `/v1.0/groups/${g.id}/members`)).body.value).toEqual([]);
  });

  it("DELETE members/{id}/$ref → 204; not a member → 404", async () => {
    const u = await createUser("mem03");
    const g = await createGroup("mem-group3");
    await t.graph("PATCH", `/v1.0/groups/${g.id}`, bind([u.id]));
    expect((await t.graph("DELETE", `/v1.0/groups/${g.id}/members/${u.id}/$ref`)).status).toBe(204);
    expect((await t.graph("DELETE", `/v1.0/groups/${g.id}/members/${u.id}/$ref`)).status).toBe(404);
  });

  it("POST members/$ref is granted by the documented GroupMember.ReadWrite.All", () => {
    const refRoute = groupRoutes.find((r) => r.method === "POST" && r.path.endsWith("/members/$ref"))!;
    expect(requiredPermissions(refRoute)).toContain("GroupMember.ReadWrite.All");
  });

  it("POST members/$ref → 204; again → 400 'already exist'", async () => {
    const u = await createUser("ref01");
    const g = await createGroup("ref-group");
    const ref = { "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${u.id}` };
    expect((await t.graph("POST", `/v1.0/groups/${g.id}/members/$ref`, ref)).status).toBe(204);
    const dup = await t.graph("POST", `/v1.0/groups/${g.id}/members/$ref`, ref);
    expect(dup.status).toBe(400);
    expect(dup.body.error.code).toBe("Request_BadRequest");
    expect(dup.body.error.message).toBe("One or more added object references already exist for the following modified properties: 'members'.");
  });
});

describe("transitiveMembers", () => {
  it("nested groups (and a cycle) → every member at any depth once, the nested groups themselves included", async () => {
    const outer = await createGroup("Transitive outer");
    const inner = await createGroup("Transitive inner");
    const a = await createUser("transitive-a");
    const b = await createUser("transitive-b");
    expect((await t.graph("PATCH", `/v1.0/groups/${outer.id}`, bind([a.id, inner.id]))).status).toBe(204);
    expect((await t.graph("PATCH", `/v1.0/groups/${inner.id}`, bind([b.id, a.id, outer.id]))).status).toBe(204);
    const res = await t.graph("GET", `/v1.0/groups/${outer.id}/transitiveMembers?$select=id`);
    expect(res.status).toBe(200);
    expect((res.body.value as { id: string }[]).map((m) => m.id).sort()).toEqual([a.id, b.id, inner.id].sort());
    // Direct members stay direct.
    expect((await t.graph("GET", `/v1.0/groups/${outer.id}/members?$select=id`)).body.value).toHaveLength(2);
    if (hasCsdlReference()) {
      expect(typeProperties("microsoft.graph.group", "v1.0")?.get("transitiveMembers")?.navigation).toBe(true);
      const full = await t.graph("GET", `/v1.0/groups/${outer.id}/transitiveMembers`);
      const users = (full.body.value as { "@odata.type": string }[]).filter((m) => m["@odata.type"] === "#microsoft.graph.user");
      expect(formatProblems(checkEntities("user", { value: users }, "v1.0", { partial: true }))).toBe("");
    }
  });

  it("an unknown group → 404", async () => {
    expect((await t.graph("GET", "/v1.0/groups/00000000-0000-4000-8000-0000000000ff/transitiveMembers")).status).toBe(404);
  });
});

describe("dynamic membership", () => {
  const rule = (tag: string) => `(device.devicePhysicalIds -any _ -eq "[OrderID]:${tag}")`;

  it("a device with the group's [OrderID] tag becomes a member; others do not", async () => {
    const g = await createGroup("dyn-clienta", { groupTypes: ["DynamicMembership"], membershipRule: rule("ClientA"), membershipRuleProcessingState: "On" });
    const store = t.tenant.store;
    const device = (id: string, tag: string) => ({
      id,
      deviceId: id.replace(/^.{8}/, "dddddddd"),
      displayName: `HL-${tag}`,
      operatingSystem: "Windows",
      operatingSystemVersion: "10.0.22621.1133",
      accountEnabled: true,
      trustType: "AzureAd",
      physicalIds: ["[ZTDId]:0f7c0a3e-5b5b-4e59-9d6d-1a2b3c4d5e6f", `[OrderID]:${tag}`, "[HWID]:h:6966043157271240"],
      registrationDateTime: "2026-01-01T00:00:00Z",
      alternativeSecurityIds: [],
      systemLabels: [],
    });
    // The Intune side writes Entra devices straight into the store (the shared convention).
    store.put("devices", device("11111111-aaaa-4aaa-8aaa-000000000001", "ClientA"));
    store.put("devices", device("11111111-aaaa-4aaa-8aaa-000000000002", "ClientB"));
    const members = await t.graph("GET", `/v1.0/groups/${g.id}/members`);
    expect((members.body.value as { id: string }[]).map((m) => m.id)).toEqual(["11111111-aaaa-4aaa-8aaa-000000000001"]);
    expect(members.body.value[0]["@odata.type"]).toBe("#microsoft.graph.device");
    const memberOf = await t.graph("GET", "/v1.0/devices/11111111-aaaa-4aaa-8aaa-000000000001/memberOf");
    expect((memberOf.body.value as { id: string }[]).map((m) => m.id)).toContain(g.id);
  });

  it("changing the rule re-evaluates membership", async () => {
    const g = await createGroup("dyn-switch", { groupTypes: ["DynamicMembership"], membershipRule: rule("ClientA"), membershipRuleProcessingState: "On" });
    expect((await t.graph("PATCH", `/v1.0/groups/${g.id}`, { membershipRule: rule("ClientB") })).status).toBe(204);
    const members = await t.graph("GET", `/v1.0/groups/${g.id}/members`);
    expect((members.body.value as { id: string }[]).map((m) => m.id)).toEqual(["11111111-aaaa-4aaa-8aaa-000000000002"]);
  });

  it("an invalid rule → 400; adding members to a dynamic group → 400", async () => {
    const bad = await t.graph("POST", "/v1.0/groups", securityGroup("dyn-bad", { groupTypes: ["DynamicMembership"], membershipRule: "(device.devicePhysicalIds -any _ -eq", membershipRuleProcessingState: "On" }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/membershipRule/);
    const g = await createGroup("dyn-closed", { groupTypes: ["DynamicMembership"], membershipRule: rule("X"), membershipRuleProcessingState: "On" });
    const u = await createUser("dyn01");
    expect((await t.graph("PATCH", `/v1.0/groups/${g.id}`, bind([u.id]))).status).toBe(400);
  });
});

describe("group-based licensing", () => {
  it("assignLicense → 202 + Location; members get the licence with disabledPlans shortly after", async () => {
    const u = await createUser("gbl01");
    const g = await createGroup("gbl-ra");
    await t.graph("PATCH", `/v1.0/groups/${g.id}`, bind([u.id]));
    const res = await t.graph("POST", `/v1.0/groups/${g.id}/assignLicense`, { addLicenses: [{ skuId: RA_SKU, disabledPlans: [TEAMS1] }], removeLicenses: [] });
    expect(res.status).toBe(202);
    expect(res.headers.location).toBe(`${t.baseUrl}/v2/${t.tenantId}/directoryObjects/${g.id}/Microsoft.DirectoryServices.Group`);
    expect(res.body.id).toBe(g.id);
    const immediately = await t.graph("GET", `/v1.0/users/${u.id}?$select=assignedLicenses`);
    expect(immediately.body.assignedLicenses).toEqual([]);
    const later = await eventually(
      () => t.graph("GET", `/v1.0/users/${u.id}?$select=assignedLicenses,licenseAssignmentStates`),
      (r) => r.body.assignedLicenses.length > 0,
    );
    expect(later.body.assignedLicenses).toEqual([{ skuId: RA_SKU, disabledPlans: [TEAMS1] }]);
    expect(later.body.licenseAssignmentStates[0]).toMatchObject({ skuId: RA_SKU, assignedByGroup: g.id, state: "Active", error: "None" });
    if (hasCsdlReference()) expect(checkEntity("user", later.body, "v1.0", { partial: true })).toEqual([]);
    const group = await t.graph("GET", `/v1.0/groups/${g.id}?$select=assignedLicenses,licenseProcessingState`);
    expect(group.body.assignedLicenses).toEqual([{ skuId: RA_SKU, disabledPlans: [TEAMS1] }]);
    expect(group.body.licenseProcessingState).toEqual({ state: "ProcessingComplete" });
  });

  it("more members than units → CountViolation on users, membersWithLicenseErrors and the filter on the group", async () => {
    const sku = ((await t.graph("GET", "/v1.0/subscribedSkus")).body.value as { skuId: string; prepaidUnits: { enabled: number }; consumedUnits: number }[]).find(
      (s) => s.skuId === ENTERPRISEPACK,
    )!;
    const free = sku.prepaidUnits.enabled - sku.consumedUnits;
    const users = [];
    for (let i = 0; i <= free; i++) users.push(await createUser(`cv${i}`));
    const g = await createGroup("gbl-e3");
    expect((await t.graph("PATCH", `/v1.0/groups/${g.id}`, bind(users.map((u) => u.id)))).status).toBe(204);
    expect((await t.graph("POST", `/v1.0/groups/${g.id}/assignLicense`, { addLicenses: [{ skuId: ENTERPRISEPACK, disabledPlans: [] }], removeLicenses: [] })).status).toBe(202);
    const errors = await eventually(
      () => t.graph("GET", `/v1.0/groups/${g.id}/membersWithLicenseErrors`),
      (r) => r.status === 200 && r.body.value.length > 0,
    );
    expect(errors.body.value).toHaveLength(1);
    const errored = errors.body.value[0].id as string;
    const state = await t.graph("GET", `/v1.0/users/${errored}?$select=licenseAssignmentStates,assignedLicenses`);
    expect(state.body.licenseAssignmentStates).toEqual([expect.objectContaining({ skuId: ENTERPRISEPACK, assignedByGroup: g.id, state: "Error", error: "CountViolation" })]);
    expect(state.body.assignedLicenses).toEqual([]);
    const withErrors = await t.graph("GET", `/v1.0/groups?$filter=${encodeURIComponent("hasMembersWithLicenseErrors eq true")}&$select=id`);
    expect(withErrors.body.value).toEqual([{ id: g.id }]);
    const after = ((await t.graph("GET", "/v1.0/subscribedSkus")).body.value as { skuId: string; prepaidUnits: { enabled: number }; consumedUnits: number }[]).find((s) => s.skuId === ENTERPRISEPACK)!;
    expect(after.consumedUnits).toBe(after.prepaidUnits.enabled);
  });

  it("members without usageLocation get the licence for the directory's location; direct assignLicense still needs their own", async () => {
    const u = await createUser("gblloc01");
    const g = await createGroup("gbl-loc");
    await t.graph("PATCH", `/v1.0/groups/${g.id}`, bind([u.id]));
    expect((await t.graph("POST", `/v1.0/groups/${g.id}/assignLicense`, { addLicenses: [{ skuId: RA_SKU, disabledPlans: [] }], removeLicenses: [] })).status).toBe(202);
    const later = await eventually(
      () => t.graph("GET", `/v1.0/users/${u.id}?$select=assignedLicenses,licenseAssignmentStates,usageLocation`),
      (r) => r.body.licenseAssignmentStates.length > 0,
    );
    expect(later.body.licenseAssignmentStates[0]).toMatchObject({ assignedByGroup: g.id, state: "Active", error: "None" });
    // "Group license assignment will never modify an existing usage location value" (graph-facts §2): it stays unset.
    expect(later.body.usageLocation).toBeNull();
    const direct = await t.graph("POST", `/v1.0/users/${u.id}/assignLicense`, { addLicenses: [{ skuId: ENTERPRISEPACK, disabledPlans: [] }], removeLicenses: [] });
    expect(direct.status).toBe(400);
    expect(direct.body.error).toMatchObject({ code: "Request_BadRequest", message: "License assignment cannot be done for user with invalid usage location." });
  });

  it("without any location the licence is in error; setting the user's usageLocation licenses them on the next pass", async () => {
    const store = t.tenant.store;
    const org = store.list<{ id: string; countryLetterCode: string | null }>("organization")[0]!;
    store.put("organization", { ...org, countryLetterCode: null });
    try {
      const u = await createUser("gblloc02");
      const g = await createGroup("gbl-noloc");
      await t.graph("PATCH", `/v1.0/groups/${g.id}`, bind([u.id]));
      expect((await t.graph("POST", `/v1.0/groups/${g.id}/assignLicense`, { addLicenses: [{ skuId: RA_SKU, disabledPlans: [] }], removeLicenses: [] })).status).toBe(202);
      const failed = await eventually(
        () => t.graph("GET", `/v1.0/users/${u.id}?$select=assignedLicenses,licenseAssignmentStates`),
        (r) => r.body.licenseAssignmentStates.length > 0,
      );
      expect(failed.body.licenseAssignmentStates[0]).toMatchObject({ assignedByGroup: g.id, state: "Error", error: "ProhibitedInUsageLocationViolation" });
      expect(failed.body.assignedLicenses).toEqual([]);
      expect((await t.graph("GET", `/v1.0/groups/${g.id}/membersWithLicenseErrors`)).body.value.map((m: { id: string }) => m.id)).toEqual([u.id]);
      expect((await t.graph("PATCH", `/v1.0/users/${u.id}`, { usageLocation: "DE" })).status).toBe(204);
      const fixed = await eventually(
        () => t.graph("GET", `/v1.0/users/${u.id}?$select=assignedLicenses,licenseAssignmentStates`),
        (r) => r.body.assignedLicenses.length > 0,
      );
      expect(fixed.body.licenseAssignmentStates[0]).toMatchObject({ state: "Active", error: "None" });
      expect((await t.graph("GET", `/v1.0/groups/${g.id}/membersWithLicenseErrors`)).body.value).toEqual([]);
    } finally {
      store.put("organization", org);
    }
  });

  it("an undeclared property in an addLicenses entry → 400 and no licence is assigned", async () => {
    const g = await createGroup("gbl-nested-typo");
    const res = await t.graph("POST", `/v1.0/groups/${g.id}/assignLicense`, { addLicenses: [{ skuID: RA_SKU, disabledPlans: [] }], removeLicenses: [] });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "Request_BadRequest", message: "Property 'skuID' does not exist as a declared property or extension property." });
    expect((await t.graph("GET", `/v1.0/groups/${g.id}?$select=assignedLicenses`)).body.assignedLicenses).toEqual([]);
  });

  it("an unknown SKU → 400", async () => {
    const g = await createGroup("gbl-bad");
    const res = await t.graph("POST", `/v1.0/groups/${g.id}/assignLicense`, { addLicenses: [{ skuId: "00000000-0000-0000-0000-000000000001", disabledPlans: [] }], removeLicenses: [] });
    expect(res.status).toBe(400);
  });
});

describe("members/$ref on dynamic groups and unknown objects", () => {
  it("→ 400 on a dynamic group, 404 for an unknown object", async () => {
    const dyn = await createGroup("dyn-ref", { groupTypes: ["DynamicMembership"], membershipRule: 'device.displayName -eq "x"', membershipRuleProcessingState: "On" });
    const u = await createUser("dynref01");
    const ref = (id: string) => ({ "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${id}` });
    expect((await t.graph("POST", `/v1.0/groups/${dyn.id}/members/$ref`, ref(u.id))).status).toBe(400);
    const g = await createGroup("ref-unknown");
    const missing = await t.graph("POST", `/v1.0/groups/${g.id}/members/$ref`, ref("00000000-0000-0000-0000-0000000000cc"));
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("Request_ResourceNotFound");
  });
});

describe("undeclared body properties", () => {
  const undeclared = (name: string) => ({ code: "Request_BadRequest", message: `Property '${name}' does not exist as a declared property or extension property.` });

  it("POST /groups refuses a misspelt property instead of creating a group without it", async () => {
    const before = (await t.graph("GET", "/v1.0/groups?$select=id")).body.value.length as number;
    const res = await t.graph("POST", "/v1.0/groups", securityGroup("Typo group", { descripton: "misspelt" }));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject(undeclared("descripton"));
    expect((await t.graph("GET", "/v1.0/groups?$select=id")).body.value).toHaveLength(before);
  });

  it("takes @odata.type and the members and owners binds, and refuses a bind of an undeclared navigation", async () => {
    const user = await createUser("bind-owner");
    const ok = await t.graph("POST", "/v1.0/groups", {
      "@odata.type": "#microsoft.graph.group",
      ...securityGroup("Bound group"),
      ...bind([user.id]),
      "owners@odata.bind": [`https://graph.microsoft.com/v1.0/users/${user.id}`],
    });
    expect(ok.status).toBe(201);
    const bad = await t.graph("POST", "/v1.0/groups", { ...securityGroup("Bad bind"), "memberz@odata.bind": [] });
    expect(bad.body.error).toMatchObject(undeclared("memberz"));
  });

  it("PATCH /groups/{id} and the uniqueName upsert refuse an undeclared property and change nothing", async () => {
    const created = await t.graph("POST", "/v1.0/groups", securityGroup("Patch target", { uniqueName: "patch-target" }));
    const patched = await t.graph("PATCH", `/v1.0/groups/${created.body.id}`, { description: "kept?", visiblity: "Private" });
    expect(patched.status).toBe(400);
    expect(patched.body.error).toMatchObject(undeclared("visiblity"));
    expect((await t.graph("GET", `/v1.0/groups/${created.body.id}`)).body.description).toBeNull();
    const upsert = await t.graph("PATCH", "/v1.0/groups(uniqueName='patch-target-2')", { ...securityGroup("Upserted"), secure: true }, { prefer: "create-if-missing" });
    expect(upsert.status).toBe(400);
    expect(upsert.body.error).toMatchObject(undeclared("secure"));
  });
});
