/**
 * The device authorization grant on the wire (RFC 8628 as Entra answers it): device code, scripted
 * sign-in through `/_sim/sign-ins`, every polling answer, and the delegated token it yields, which
 * Graph honours by its `scp`.
 */
import { decodeJwt } from "jose";
import { fetch as undiciFetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, initialDomain } from "../directory/test-graph-fixtures.ts";
import { startTestTenant, type TestTenant } from "../testing.ts";
import { HOLOFLEET_DELEGATED_SCOPES } from "../tenant-identity.ts";
import { DEVICE_CODE_GRANT } from "./device-code.ts";

/** A parsed JSON answer (tests read whichever fields they check). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

let t: TestTenant;
let upn: string;
let userId: string;
beforeAll(async () => {
  t = await startTestTenant();
  const domain = await initialDomain(t);
  upn = `ada@${domain}`;
  userId = (await createTestUser(t, domain, "ada")).id;
});
afterAll(async () => {
  await t?.close();
});

async function post(path: string, fields: Record<string, string>): Promise<{ status: number; body: Json }> {
  const res = await undiciFetch(`${t.baseUrl}/${t.tenantId}/oauth2/v2.0/${path}`, { method: "POST", dispatcher: t.dispatcher, body: new URLSearchParams(fields) });
  return { status: res.status, body: (await res.json()) as Json };
}

const SCOPE = "https://graph.microsoft.com/.default openid profile offline_access";
const deviceCode = (clientId = t.clientId, scope = SCOPE) => post("devicecode", { client_id: clientId, scope });
const poll = (code: string, clientId = t.clientId) => post("token", { grant_type: DEVICE_CODE_GRANT, client_id: clientId, device_code: code });

describe("device code flow", () => {
  it("devicecode → Entra's fields, a 9-character user code, 15 minutes, a 5 s interval", async () => {
    const res = await deviceCode();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ expires_in: 900, interval: 5, verification_uri: `${t.baseUrl}/_sim/sign-ins` });
    expect(res.body.user_code).toMatch(/^[A-Z0-9]{9}$/);
    expect(res.body.message).toContain(res.body.user_code);
    expect(typeof res.body.device_code).toBe("string");
  });

  it("polling before sign-in → authorization_pending, then slow_down when polling too fast", async () => {
    const { body } = await deviceCode();
    const first = await poll(body.device_code);
    expect(first.status).toBe(400);
    expect(first.body).toMatchObject({ error: "authorization_pending", error_codes: [70016] });
    expect(first.body.error_description).toMatch(/^AADSTS70016: /);
    const second = await poll(body.device_code);
    expect(second.body.error).toBe("slow_down");
  });

  it("sign-in approved → delegated tokens: scp, idtyp user, the user's oid and upn, an ID token and a refresh token", async () => {
    const { body } = await deviceCode();
    const signIn = await t.sim("POST", "/sign-ins", { userCode: body.user_code, userPrincipalName: upn });
    expect(signIn).toMatchObject({ status: 200, body: { status: "approved" } });
    const res = await poll(body.device_code);
    expect(res.status).toBe(200);
    const claims = decodeJwt(res.body.access_token);
    expect(claims).toMatchObject({ idtyp: "user", oid: userId, upn, tid: t.tenantId, appid: t.clientId, aud: "https://graph.microsoft.com" });
    expect(String(claims.scp).split(" ").sort()).toEqual([...HOLOFLEET_DELEGATED_SCOPES].sort());
    expect(claims.roles).toBeUndefined();
    expect(decodeJwt(res.body.id_token)).toMatchObject({ aud: t.clientId, preferred_username: upn, oid: userId });
    expect(JSON.parse(Buffer.from(res.body.client_info, "base64url").toString())).toEqual({ uid: userId, utid: t.tenantId });
    expect(res.body.refresh_token).toMatch(/^1\./);
    expect(res.body.expires_in).toBe(3599);
    // The code is spent.
    expect((await poll(body.device_code)).body.error).toBe("bad_verification_code");

    // Graph accepts it for what the scopes grant.
    const groups = await t.graph("GET", "/v1.0/groups", undefined, { authorization: `Bearer ${res.body.access_token}` });
    expect(groups.status).toBe(200);
  });

  it("declined, expired or unknown codes → authorization_declined, expired_token, bad_verification_code", async () => {
    const a = await deviceCode();
    await t.sim("POST", "/sign-ins", { userCode: a.body.user_code, outcome: "decline" });
    expect((await poll(a.body.device_code)).body.error).toBe("authorization_declined");
    const b = await deviceCode();
    await t.sim("POST", "/sign-ins", { userCode: b.body.user_code, outcome: "expire" });
    const expired = await poll(b.body.device_code);
    expect(expired.body).toMatchObject({ error: "expired_token", error_codes: [70020] });
    expect((await poll("not-a-code")).body).toMatchObject({ error: "bad_verification_code", error_codes: [70018] });
  });

  it("MSAL's short grant_type=device_code → redeemed like RFC 8628's", async () => {
    await t.sim("POST", "/sign-ins", { userPrincipalName: upn });
    const { body } = await deviceCode();
    const res = await post("token", { grant_type: "device_code", client_id: t.clientId, device_code: body.device_code });
    expect(res.status).toBe(200);
  });

  it("a queued sign-in → the next device code is approved at once", async () => {
    expect((await t.sim("POST", "/sign-ins", { userPrincipalName: upn })).status).toBe(202);
    const { body } = await deviceCode();
    expect((await poll(body.device_code)).status).toBe(200);
  });

  it("an app without public client flows → redeeming without a secret is refused (AADSTS7000218)", async () => {
    const app = await t.createApp([]);
    await t.sim("PATCH", `/applications/${app.clientId}`, { delegatedScopes: ["Group.Read.All"] });
    const { body } = await deviceCode(app.clientId);
    await t.sim("POST", "/sign-ins", { userCode: body.user_code, userPrincipalName: upn });
    const res = await poll(body.device_code, app.clientId);
    expect(res).toMatchObject({ status: 401, body: { error: "invalid_client", error_codes: [7000218] } });
  });

  it("a permission nobody consented → invalid_grant AADSTS65001", async () => {
    const { body } = await deviceCode(t.clientId, "https://graph.microsoft.com/Mail.Read openid");
    expect((await t.sim("POST", "/sign-ins", { userCode: body.user_code, userPrincipalName: upn })).body.status).toBe("consent_required");
    expect((await poll(body.device_code)).body).toMatchObject({ error: "invalid_grant", error_codes: [65001] });
  });

  it("a disabled user or an unknown UPN cannot sign in", async () => {
    const domain = upn.split("@")[1]!;
    const off = await createTestUser(t, domain, "offline");
    expect((await t.graph("PATCH", `/v1.0/users/${off.id}`, { accountEnabled: false })).status).toBe(204);
    const { body } = await deviceCode();
    const disabled = await t.sim("POST", "/sign-ins", { userCode: body.user_code, userPrincipalName: `offline@${domain}` });
    expect(disabled.status).toBe(400);
    expect(disabled.body.error.message).toMatch(/AADSTS50057/);
    expect((await t.sim("POST", "/sign-ins", { userCode: body.user_code, userPrincipalName: `nobody@${domain}` })).status).toBe(404);
  });

  it("bad requests → Entra's errors (unknown tenant, client or scope resource)", async () => {
    const res = await undiciFetch(`${t.baseUrl}/contoso.example/oauth2/v2.0/devicecode`, {
      method: "POST",
      dispatcher: t.dispatcher,
      body: new URLSearchParams({ client_id: t.clientId, scope: SCOPE }),
    });
    expect(((await res.json()) as { error_codes: number[] }).error_codes).toEqual([90002]);
    expect((await deviceCode("00000000-0000-0000-0000-000000000001")).body.error_codes).toEqual([700016]);
    expect((await deviceCode(t.clientId, "https://vault.azure.net/.default")).body).toMatchObject({ error: "invalid_scope", error_codes: [70011] });
    expect((await t.sim("POST", "/sign-ins", { userCode: "X", bogus: 1 })).status).toBe(400);
  });
});

describe("delegated permissions on Graph", () => {
  it("scp grants what the delegated map lists, and nothing else", async () => {
    const app = await t.createApp(["Group.ReadWrite.All", "User.ReadWrite.All"]);
    await t.sim("PATCH", `/applications/${app.clientId}`, { delegatedScopes: ["Group.Read.All"], isFallbackPublicClient: true });
    await t.sim("POST", "/sign-ins", { userPrincipalName: upn, clientId: app.clientId });
    const { body } = await deviceCode(app.clientId);
    const token = (await poll(body.device_code, app.clientId)).body.access_token as string;
    const as = { authorization: `Bearer ${token}` };
    expect(decodeJwt(token).scp).toBe("Group.Read.All");
    expect((await t.graph("GET", "/v1.0/groups", undefined, as)).status).toBe(200);
    // The app's own application permissions do not come along with a user's token.
    const create = await t.graph("POST", "/v1.0/groups", { displayName: "x", mailEnabled: false, mailNickname: "x", securityEnabled: true }, as);
    expect(create).toMatchObject({ status: 403, body: { error: { code: "Authorization_RequestDenied" } } });
    expect((await t.graph("GET", "/v1.0/users", undefined, as)).status).toBe(403);
  });
});
