import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEntity, hasCsdlReference } from "../conformance/csdl.ts";
import { initialDomain, TEST_USER_PASSWORD } from "../directory/test-graph-fixtures.ts";
import { startTestTenant, type TestTenant } from "../testing.ts";

let t: TestTenant;
let domain: string;
const password = TEST_USER_PASSWORD;
const INTUNE_SKU = "061f9ace-7d42-4136-88ac-31dc755f143f";
const RA_SKU = "7a551360-26c4-4f61-84e6-ef715673e083";
const TEAMS1 = "57ff2da0-773e-42df-b2af-ffb7a2317929";

beforeAll(async () => {
  t = await startTestTenant();
  domain = await initialDomain(t);
});
afterAll(async () => {
  await t?.close();
});

function userBody(nick: string, extra: Record<string, unknown> = {}) {
  return { accountEnabled: true, displayName: `User ${nick}`, mailNickname: nick, userPrincipalName: `${nick}@${domain}`, passwordProfile: { forceChangePasswordNextSignIn: true, password }, ...extra };
}

async function createUser(nick: string, extra: Record<string, unknown> = {}) {
  const res = await t.graph("POST", "/v1.0/users", userBody(nick, extra));
  expect(res.status).toBe(201);
  return res.body as { id: string; userPrincipalName: string };
}

describe("POST /users", () => {
  it("creates → 201 with the default property set and no password", async () => {
    const res = await t.graph("POST", "/v1.0/users", userBody("op01", { usageLocation: "DE" }));
    expect(res.status).toBe(201);
    expect(res.body["@odata.context"]).toBe(`${t.baseUrl}/v1.0/$metadata#users/$entity`);
    expect(Object.keys(res.body).sort()).toEqual(
      ["@odata.context", "businessPhones", "displayName", "givenName", "id", "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName"].sort(),
    );
    expect(JSON.stringify(res.body)).not.toContain(password);
  });

  it("same UPN again (any case) → 400 Request_BadRequest with ObjectConflict detail", async () => {
    await createUser("dup01");
    const res = await t.graph("POST", "/v1.0/users", userBody("dup01", { userPrincipalName: `DUP01@${domain.toUpperCase()}` }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("Request_BadRequest");
    expect(res.body.error.message).toBe("Another object with the same value for property userPrincipalName already exists.");
    expect(res.body.error.details).toEqual([{ code: "ObjectConflict", target: "userPrincipalName" }]);
  });

  it("missing required property, unverified domain, weak password → 400", async () => {
    const { passwordProfile: _p, ...noPassword } = userBody("np01");
    expect((await t.graph("POST", "/v1.0/users", noPassword)).status).toBe(400);
    const foreign = await t.graph("POST", "/v1.0/users", userBody("fd01", { userPrincipalName: "fd01@not-ours.example.org" }));
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.message).toMatch(/verified domain/);
    const weak = await t.graph("POST", "/v1.0/users", userBody("wk01", { passwordProfile: { password: "short" } }));
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toMatch(/password complexity/);
    expect((await t.graph("POST", "/v1.0/users", userBody("bad upn"))).status).toBe(400);
  });

  it("the created user is a CSDL-conformant v1.0 user", async () => {
    const u = await createUser("csdl01", { usageLocation: "FR", passwordPolicies: "DisablePasswordExpiration" });
    const all = "accountEnabled,assignedLicenses,assignedPlans,businessPhones,createdDateTime,displayName,id,identities,lastPasswordChangeDateTime,licenseAssignmentStates,mail,mailNickname,otherMails,passwordPolicies,provisionedPlans,proxyAddresses,usageLocation,userPrincipalName,userType";
    const res = await t.graph("GET", `/v1.0/users/${u.id}?$select=${all}`);
    expect(res.status).toBe(200);
    if (hasCsdlReference()) expect(checkEntity("user", res.body, "v1.0", { partial: true })).toEqual([]);
    expect(res.body.passwordPolicies).toBe("DisablePasswordExpiration");
  });
});

describe("property lengths (user resource reference: \"Maximum length is …\")", () => {
  it.each([
    ["department", 64],
    ["displayName", 256],
    ["givenName", 64],
    ["surname", 64],
    ["jobTitle", 128],
    ["companyName", 64],
    ["employeeId", 16],
    ["city", 128],
    ["state", 128],
    ["country", 128],
    ["postalCode", 40],
    ["streetAddress", 1024],
    ["mobilePhone", 64],
  ] as const)("%s: %i characters pass, one more → 400 on POST and PATCH, nothing stored", async (property, max) => {
    const nick = `len-${property.toLowerCase()}`;
    const tooLong = await t.graph("POST", "/v1.0/users", userBody(`${nick}-x`, { [property]: "x".repeat(max + 1) }));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toMatchObject({ code: "Request_BadRequest", message: `Invalid value specified for property '${property}' of resource 'User'.` });
    expect((await t.graph("GET", `/v1.0/users/${nick}-x@${domain}`)).status).toBe(404);
    const user = await createUser(nick, { [property]: "y".repeat(max) });
    const patch = await t.graph("PATCH", `/v1.0/users/${user.id}`, { [property]: "z".repeat(max + 1) });
    expect(patch.status).toBe(400);
    const read = await t.graph("GET", `/v1.0/users/${user.id}?$select=${property}`);
    expect(read.body[property]).toBe("y".repeat(max));
  });

  it("a 3.5 MB department → 400 (it used to be stored and slow every list)", async () => {
    const res = await t.graph("POST", "/v1.0/users", userBody("hugedept", { department: "d".repeat(3_500_000) }));
    expect(res.status).toBe(400);
  });

  it("mailNickname longer than 64 → 400", async () => {
    const res = await t.graph("POST", "/v1.0/users", userBody("m".repeat(65)));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe("Invalid value specified for property 'mailNickname' of resource 'User'.");
  });
});

describe("GET /users/{id | userPrincipalName}", () => {
  it("by id and by UPN → the same user; $select returns only the selection (Graph adds no id)", async () => {
    const u = await createUser("get01", { usageLocation: "DE" });
    const byUpn = await t.graph("GET", `/v1.0/users/${encodeURIComponent(u.userPrincipalName)}?$select=usageLocation,accountEnabled`);
    expect(byUpn.status).toBe(200);
    expect(byUpn.body).toMatchObject({ usageLocation: "DE", accountEnabled: true });
    expect(byUpn.body.id).toBeUndefined();
    expect(byUpn.body.displayName).toBeUndefined();
    expect((await t.graph("GET", `/v1.0/users/${u.id}`)).body.userPrincipalName).toBe(u.userPrincipalName);
  });

  it("unknown → 404 Request_ResourceNotFound", async () => {
    const res = await t.graph("GET", "/v1.0/users/00000000-0000-0000-0000-0000000000aa");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("Request_ResourceNotFound");
  });
});

describe("PATCH /users/{id}", () => {
  it("passwordProfile → 204 and lastPasswordChangeDateTime follows the tenant clock", async () => {
    const u = await createUser("pw01");
    const clock = await t.sim("POST", "/_sim/clock", { advanceDays: 40 });
    expect(clock.status).toBeLessThan(300);
    const res = await t.graph("PATCH", `/v1.0/users/${u.id}`, { passwordProfile: { password: "An0ther!Secret", forceChangePasswordNextSignIn: false } });
    expect(res.status).toBe(204);
    const after = await t.graph("GET", `/v1.0/users/${u.id}?$select=lastPasswordChangeDateTime,passwordProfile`);
    const changed = Date.parse(after.body.lastPasswordChangeDateTime);
    expect(changed - Date.now()).toBeGreaterThan(39 * 86_400_000);
    expect(after.body.passwordProfile ?? null).toBeNull();
  });

  it("passwordPolicies and usageLocation update; a read-only property → 400", async () => {
    const u = await createUser("pp01");
    expect((await t.graph("PATCH", `/v1.0/users/${u.id}`, { passwordPolicies: "DisablePasswordExpiration, DisableStrongPassword", usageLocation: "AT" })).status).toBe(204);
    const after = await t.graph("GET", `/v1.0/users/${u.id}?$select=passwordPolicies,usageLocation`);
    expect(after.body).toMatchObject({ passwordPolicies: "DisablePasswordExpiration, DisableStrongPassword", usageLocation: "AT" });
    expect((await t.graph("PATCH", `/v1.0/users/${u.id}`, { createdDateTime: "2020-01-01T00:00:00Z" })).status).toBe(400);
  });
});

describe("DELETE /users/{id}", () => {
  it("→ 204, then 404; the user leaves its groups", async () => {
    const u = await createUser("del01");
    const g = await t.graph("POST", "/v1.0/groups", { displayName: "del-group", mailEnabled: false, mailNickname: "del-group", securityEnabled: true });
    expect((await t.graph("PATCH", `/v1.0/groups/${g.body.id}`, { "members@odata.bind": [`https://graph.microsoft.com/v1.0/directoryObjects/${u.id}`] })).status).toBe(204);
    expect((await t.graph("DELETE", `/v1.0/users/${u.id}`)).status).toBe(204);
    expect((await t.graph("GET", `/v1.0/users/${u.id}`)).status).toBe(404);
    expect((await t.graph("GET", `/v1.0/groups/${g.body.id}/members`)).body.value).toEqual([]);
  });
});

describe("licences", () => {
  it("assignLicense (direct) → 200 with the user; licenseDetails and subscribedSkus follow", async () => {
    const u = await createUser("lic01", { usageLocation: "DE" });
    const res = await t.graph("POST", `/v1.0/users/${u.id}/assignLicense`, { addLicenses: [{ skuId: RA_SKU, disabledPlans: [TEAMS1] }], removeLicenses: [] });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(u.id);
    const details = await t.graph("GET", `/v1.0/users/${u.id}/licenseDetails`);
    expect(details.status).toBe(200);
    expect(details.body.value).toHaveLength(1);
    expect(details.body.value[0]).toMatchObject({ skuId: RA_SKU, skuPartNumber: "MICROSOFT_REMOTE_ASSIST" });
    const teams = (details.body.value[0].servicePlans as { servicePlanId: string; provisioningStatus: string }[]).find((p) => p.servicePlanId === TEAMS1);
    expect(teams?.provisioningStatus).toBe("Disabled");
    if (hasCsdlReference()) expect(checkEntity("licenseDetails", details.body.value[0], "v1.0")).toEqual([]);
    const user = await t.graph("GET", `/v1.0/users/${u.id}?$select=assignedLicenses,licenseAssignmentStates`);
    expect(user.body.assignedLicenses).toEqual([{ skuId: RA_SKU, disabledPlans: [TEAMS1] }]);
    expect(user.body.licenseAssignmentStates[0]).toMatchObject({ assignedByGroup: null, state: "Active" });
    const skus = (await t.graph("GET", "/v1.0/subscribedSkus")).body.value as { skuId: string; consumedUnits: number }[];
    expect(skus.find((s) => s.skuId === RA_SKU)?.consumedUnits).toBeGreaterThanOrEqual(1);
  });

  it("assignLicense without a usage location → 400", async () => {
    const u = await createUser("lic02");
    const res = await t.graph("POST", `/v1.0/users/${u.id}/assignLicense`, { addLicenses: [{ skuId: INTUNE_SKU, disabledPlans: [] }], removeLicenses: [] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/usage location/);
  });

  it("$filter=assignedLicenses/any(x:x/skuId eq …) → only licensed users, without advanced query headers", async () => {
    const licensed = await createUser("lic03", { usageLocation: "DE" });
    await createUser("lic04");
    expect((await t.graph("POST", `/v1.0/users/${licensed.id}/assignLicense`, { addLicenses: [{ skuId: INTUNE_SKU, disabledPlans: [] }], removeLicenses: [] })).status).toBe(200);
    const res = await t.graph("GET", `/v1.0/users?$filter=${encodeURIComponent(`assignedLicenses/any(x:x/skuId eq ${INTUNE_SKU})`)}&$select=id,userPrincipalName`);
    expect(res.status).toBe(200);
    expect((res.body.value as { id: string }[]).map((u) => u.id)).toEqual([licensed.id]);
  });
});

describe("memberOf", () => {
  it("lists direct groups with @odata.type", async () => {
    const u = await createUser("mo01");
    const g = await t.graph("POST", "/v1.0/groups", { displayName: "mo-group", mailEnabled: false, mailNickname: "mo-group", securityEnabled: true });
    expect((await t.graph("PATCH", `/v1.0/groups/${g.body.id}`, { "members@odata.bind": [`https://graph.microsoft.com/v1.0/users/${u.id}`] })).status).toBe(204);
    const res = await t.graph("GET", `/v1.0/users/${u.id}/memberOf`);
    expect(res.status).toBe(200);
    expect(res.body.value).toHaveLength(1);
    expect(res.body.value[0]).toMatchObject({ "@odata.type": "#microsoft.graph.group", id: g.body.id, displayName: "mo-group" });
  });
});

describe("paging", () => {
  it("250 users → pages of 100 with absolute nextLinks; $top=999 in one page", async () => {
    const before = (await t.graph("GET", "/v1.0/users?$top=999&$select=id")).body.value.length as number;
    // Small concurrent batches: quick, without flooding a loaded machine with hundreds of sockets.
    for (let i = 0; i < 250 - before; i += 10) {
      await Promise.all(Array.from({ length: Math.min(10, 250 - before - i) }, (_, j) => createUser(`page${i + j}`)));
    }
    const seen: string[] = [];
    let url: string | undefined = "/v1.0/users";
    let pages = 0;
    while (url) {
      const res: { status: number; body: { value: { id: string }[]; "@odata.nextLink"?: string } } = await t.graph("GET", url);
      expect(res.status).toBe(200);
      pages++;
      seen.push(...res.body.value.map((u) => u.id));
      url = res.body["@odata.nextLink"];
      if (url) expect(url.startsWith(`${t.baseUrl}/v1.0/users?`)).toBe(true);
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(250);
    expect((await t.graph("GET", "/v1.0/users?$top=999")).body.value).toHaveLength(250);
    expect((await t.graph("GET", "/v1.0/users?$top=1000")).status).toBe(400);
  });
});

describe("undeclared body properties", () => {
  const undeclared = (name: string) => ({ code: "Request_BadRequest", message: `Property '${name}' does not exist as a declared property or extension property.` });
  const newUser = (nick: string, extra: Record<string, unknown> = {}) => ({
    accountEnabled: true,
    displayName: nick,
    mailNickname: nick,
    userPrincipalName: `${nick}@${domain}`,
    passwordProfile: { password },
    ...extra,
  });

  it("POST /users refuses a misspelt property and creates no user", async () => {
    const res = await t.graph("POST", "/v1.0/users", newUser("typo-user", { usagelocation: "FR" }));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject(undeclared("usagelocation"));
    expect((await t.graph("GET", `/v1.0/users/typo-user@${domain}`)).status).toBe(404);
  });

  it("PATCH /users/{id} refuses an undeclared property before changing anything; @odata.type passes", async () => {
    const created = await t.graph("POST", "/v1.0/users", newUser("patch-user", { "@odata.type": "#microsoft.graph.user" }));
    expect(created.status).toBe(201);
    const res = await t.graph("PATCH", `/beta/users/${created.body.id}`, { jobTitle: "Operator", jobTittle: "Operator" });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject(undeclared("jobTittle"));
    expect((await t.graph("GET", `/v1.0/users/${created.body.id}?$select=jobTitle`)).body.jobTitle).toBeNull();
  });

  it("POST and PATCH refuse an undeclared property inside passwordProfile; nothing is created or changed", async () => {
    const res = await t.graph("POST", "/beta/users", newUser("nested-typo", { passwordProfile: { password, forceChangePasswordNextSignon: true } }));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject(undeclared("forceChangePasswordNextSignon"));
    expect((await t.graph("GET", `/v1.0/users/nested-typo@${domain}`)).status).toBe(404);

    const created = await t.graph("POST", "/v1.0/users", newUser("nested-patch"));
    expect(created.status).toBe(201);
    const before = (await t.graph("GET", `/v1.0/users/${created.body.id}?$select=lastPasswordChangeDateTime`)).body.lastPasswordChangeDateTime;
    const patched = await t.graph("PATCH", `/v1.0/users/${created.body.id}`, { jobTitle: "Operator", passwordProfile: { password: `${password}x`, pasword: "y" } });
    expect(patched.status).toBe(400);
    expect(patched.body.error).toMatchObject(undeclared("pasword"));
    const after = (await t.graph("GET", `/v1.0/users/${created.body.id}?$select=jobTitle,lastPasswordChangeDateTime`)).body;
    expect(after).toMatchObject({ jobTitle: null, lastPasswordChangeDateTime: before });
  });

  it("assignLicense refuses an undeclared property in an addLicenses entry and assigns nothing", async () => {
    const user = await createUser("nested-lic", { usageLocation: "DE" });
    const res = await t.graph("POST", `/beta/users/${user.id}/assignLicense`, { addLicenses: [{ skuId: RA_SKU, disabledPlan: [TEAMS1] }], removeLicenses: [] });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject(undeclared("disabledPlan"));
    expect((await t.graph("GET", `/v1.0/users/${user.id}?$select=assignedLicenses`)).body.assignedLicenses).toEqual([]);
  });
});
