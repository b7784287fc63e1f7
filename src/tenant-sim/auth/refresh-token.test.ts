/** Refresh tokens of delegated sign-ins: single use, rotated, bound to client and user. */
import { decodeJwt } from "jose";
import { fetch as undiciFetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, initialDomain } from "../directory/test-graph-fixtures.ts";
import { startTestTenant, type TestTenant } from "../testing.ts";
import { DEVICE_CODE_GRANT } from "./device-code.ts";

/** A parsed JSON answer (tests read whichever fields they check). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

let t: TestTenant;
let domain: string;
beforeAll(async () => {
  t = await startTestTenant();
  domain = await initialDomain(t);
  await createTestUser(t, domain, "grace");
});
afterAll(async () => {
  await t?.close();
});

async function post(path: string, fields: Record<string, string>): Promise<{ status: number; body: Json }> {
  const res = await undiciFetch(`${t.baseUrl}/${t.tenantId}/oauth2/v2.0/${path}`, { method: "POST", dispatcher: t.dispatcher, body: new URLSearchParams(fields) });
  return { status: res.status, body: (await res.json()) as Json };
}

async function signIn(upn: string, scope = "https://graph.microsoft.com/.default openid profile offline_access"): Promise<Json> {
  await t.sim("POST", "/sign-ins", { userPrincipalName: upn });
  const code = await post("devicecode", { client_id: t.clientId, scope });
  const res = await post("token", { grant_type: DEVICE_CODE_GRANT, client_id: t.clientId, device_code: code.body.device_code });
  expect(res.status).toBe(200);
  return res.body;
}

const refresh = (token: string, scope = "https://graph.microsoft.com/.default openid offline_access") =>
  post("token", { grant_type: "refresh_token", client_id: t.clientId, refresh_token: token, scope });

describe("refresh token grant", () => {
  it("a refresh token → a new access token and a new refresh token; the old one is spent", async () => {
    const first = await signIn(`grace@${domain}`);
    const next = await refresh(first.refresh_token);
    expect(next.status).toBe(200);
    expect(decodeJwt(next.body.access_token)).toMatchObject({ idtyp: "user", upn: `grace@${domain}` });
    expect(next.body.refresh_token).not.toBe(first.refresh_token);
    expect((await refresh(first.refresh_token)).body).toMatchObject({ error: "invalid_grant", error_codes: [9002313] });
    expect((await refresh(next.body.refresh_token)).status).toBe(200);
  });

  it("another client's refresh token, or an unconsented scope → invalid_grant", async () => {
    const tokens = await signIn(`grace@${domain}`);
    const other = await t.createApp([]);
    const stolen = await post("token", { grant_type: "refresh_token", client_id: other.clientId, refresh_token: tokens.refresh_token, scope: "openid" });
    expect(stolen.body).toMatchObject({ error: "invalid_grant", error_codes: [9002313] });
    expect((await refresh(tokens.refresh_token, "https://graph.microsoft.com/Mail.Send")).body.error_codes).toEqual([65001]);
  });

  it("a user disabled after signing in → refused (AADSTS50057)", async () => {
    const user = await createTestUser(t, domain, "linus");
    const tokens = await signIn(`linus@${domain}`);
    await t.graph("PATCH", `/v1.0/users/${user.id}`, { accountEnabled: false });
    expect((await refresh(tokens.refresh_token)).body).toMatchObject({ error: "invalid_grant", error_codes: [50057] });
  });

  it("no offline_access → no refresh token", async () => {
    const tokens = await signIn(`grace@${domain}`, "https://graph.microsoft.com/.default openid");
    expect(tokens.refresh_token).toBeUndefined();
  });
});
