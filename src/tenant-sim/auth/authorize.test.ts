/**
 * The authorization code flow with PKCE against a real local tenant over HTTPS: the authorize
 * endpoint's sign-in page, its errors (shown or redirected, as Entra does), and the token endpoint's
 * `authorization_code` grant with its single-use, short-lived, bound codes.
 */
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetch, type RequestInit } from "undici";
import { decodeJwt, importJWK, jwtVerify } from "jose";
import { startTestTenant, type TestTenant } from "../testing.ts";

const PASSWORD = "Correct-Horse-Battery-9";

let t: TestTenant;
let upn: string;
let userId: string;
let groupId: string;

function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

async function http(url: string, init: RequestInit = {}) {
  const res = await fetch(url, { ...init, redirect: "manual", dispatcher: t.dispatcher });
  return { status: res.status, location: res.headers.get("location"), headers: res.headers, text: await res.text() };
}

function authorizeUrl(params: Record<string, string | undefined>): string {
  const url = new URL(`${t.baseUrl}/${t.tenantId}/oauth2/v2.0/authorize`);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

function codeRequest(challenge: string | undefined, extra: Record<string, string | undefined> = {}) {
  return authorizeUrl({
    client_id: t.clientId,
    response_type: "code",
    redirect_uri: `http://127.0.0.1:47123/login/entra/callback`,
    scope: "openid profile offline_access",
    state: "st-1",
    nonce: "nonce-1",
    code_challenge: challenge,
    code_challenge_method: "S256",
    response_mode: "query",
    ...extra,
  });
}

function flowTokenOf(html: string): string {
  const m = /name="flowToken" value="([^"]+)"/.exec(html);
  if (!m) throw new Error(`no sign-in form in: ${html.slice(0, 300)}`);
  return m[1]!;
}

async function postForm(url: string, fields: Record<string, string>) {
  return http(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() });
}

/** Signs in on the page; returns the redirect's URL. */
async function signIn(authorize: string, password = PASSWORD): Promise<URL> {
  const page = await http(authorize);
  expect(page.status).toBe(200);
  const posted = await postForm(authorize.split("?")[0]!, { flowToken: flowTokenOf(page.text), username: upn, password });
  expect(posted.status).toBe(302);
  return new URL(posted.location!);
}

async function redeem(fields: Record<string, string>) {
  const res = await postForm(`${t.baseUrl}/${t.tenantId}/oauth2/v2.0/token`, {
    grant_type: "authorization_code",
    client_id: t.clientId,
    client_secret: t.clientSecret,
    redirect_uri: "http://127.0.0.1:47123/login/entra/callback",
    scope: "openid profile offline_access",
    ...fields,
  });
  return { status: res.status, body: JSON.parse(res.text) as Record<string, unknown> };
}

beforeAll(async () => {
  t = await startTestTenant();
  upn = `console-op@${t.tenant.initialDomain}`;
  const user = await t.graph("POST", "/v1.0/users", {
    accountEnabled: true,
    displayName: "Console Operator",
    mailNickname: "console-op",
    userPrincipalName: upn,
    passwordProfile: { password: PASSWORD, forceChangePasswordNextSignIn: false },
  });
  expect(user.status).toBe(201);
  userId = user.body.id;
  const group = await t.graph("POST", "/v1.0/groups", {
    displayName: "Console operators",
    mailEnabled: false,
    mailNickname: "console-operators",
    securityEnabled: true,
    "members@odata.bind": [`${t.baseUrl}/v1.0/directoryObjects/${userId}`],
  });
  expect(group.status).toBe(201);
  groupId = group.body.id;
});

afterAll(async () => {
  await t.close();
});

describe("authorize endpoint and authorization code grant", () => {
  it("the OpenID metadata → names the authorize endpoint", async () => {
    const res = await http(`${t.baseUrl}/${t.tenantId}/v2.0/.well-known/openid-configuration`);
    expect(JSON.parse(res.text).authorization_endpoint).toBe(`${t.baseUrl}/${t.tenantId}/oauth2/v2.0/authorize`);
  });

  it("a valid request → a sign-in page with labelled fields, no script, a strict CSP and the login hint filled in", async () => {
    const res = await http(codeRequest(pkce().challenge, { login_hint: upn }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.text).toMatch(/<label for="username">/);
    expect(res.text).toMatch(/<label for="password">/);
    expect(res.text).toContain(`value="${upn}"`);
    expect(res.text).not.toMatch(/<script|style=/i);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("content-security-policy")).toContain("form-action 'self' http://127.0.0.1:47123");
  });

  it("the right password, then the code with the right verifier → tokens: an RS256 ID token with nonce, oid, names and groups", async () => {
    const { verifier, challenge } = pkce();
    const back = await signIn(codeRequest(challenge));
    expect(back.origin + back.pathname).toBe("http://127.0.0.1:47123/login/entra/callback");
    expect(back.searchParams.get("state")).toBe("st-1");
    const code = back.searchParams.get("code")!;
    const token = await redeem({ code, code_verifier: verifier });
    expect(token.status).toBe(200);
    expect(token.body.refresh_token).toEqual(expect.any(String));
    expect(decodeJwt(token.body.access_token as string)).toMatchObject({ oid: userId, idtyp: "user" });

    const keys = JSON.parse((await http(`${t.baseUrl}/${t.tenantId}/discovery/v2.0/keys`)).text) as { keys: Record<string, string>[] };
    const { payload, protectedHeader } = await jwtVerify(token.body.id_token as string, await importJWK(keys.keys[0]!, "RS256"), {
      issuer: `${t.baseUrl}/${t.tenantId}/v2.0`,
      audience: t.clientId,
    });
    expect(protectedHeader.alg).toBe("RS256");
    expect(payload).toMatchObject({ nonce: "nonce-1", oid: userId, tid: t.tenantId, preferred_username: upn, name: "Console Operator", groups: [groupId] });

    const again = await redeem({ code, code_verifier: verifier });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: "invalid_grant", error_codes: [54005] });
  });

  it("the refresh token of a code flow → a new ID token that still lists the groups", async () => {
    const { verifier, challenge } = pkce();
    const code = (await signIn(codeRequest(challenge))).searchParams.get("code")!;
    const first = await redeem({ code, code_verifier: verifier });
    const refreshed = await postForm(`${t.baseUrl}/${t.tenantId}/oauth2/v2.0/token`, {
      grant_type: "refresh_token",
      client_id: t.clientId,
      client_secret: t.clientSecret,
      refresh_token: first.body.refresh_token as string,
      scope: "openid profile offline_access",
    });
    expect(refreshed.status).toBe(200);
    expect(decodeJwt(JSON.parse(refreshed.text).id_token as string)).toMatchObject({ oid: userId, groups: [groupId] });
  });

  it("a wrong verifier → invalid_grant AADSTS501481, and the code is used up", async () => {
    const { verifier, challenge } = pkce();
    const code = (await signIn(codeRequest(challenge))).searchParams.get("code")!;
    const wrong = await redeem({ code, code_verifier: pkce().verifier });
    expect(wrong.body).toMatchObject({ error: "invalid_grant", error_codes: [501481] });
    expect(String(wrong.body.error_description)).toMatch(/^AADSTS501481: /);
    const right = await redeem({ code, code_verifier: verifier });
    expect(right.body).toMatchObject({ error: "invalid_grant", error_codes: [54005] });
  });

  it("no verifier at redemption → invalid_request naming code_verifier", async () => {
    const { challenge } = pkce();
    const code = (await signIn(codeRequest(challenge))).searchParams.get("code")!;
    const res = await redeem({ code });
    expect(res.body).toMatchObject({ error: "invalid_request", error_codes: [900144] });
    expect(String(res.body.error_description)).toContain("'code_verifier'");
  });

  it("no code_challenge, or the plain method → the error goes back to the app with the state", async () => {
    const missing = new URL((await http(codeRequest(undefined))).location!);
    expect(missing.searchParams.get("error")).toBe("invalid_request");
    expect(missing.searchParams.get("error_description")).toMatch(/^AADSTS9002325: /);
    expect(missing.searchParams.get("state")).toBe("st-1");
    const plain = new URL((await http(codeRequest("a".repeat(43), { code_challenge_method: "plain" }))).location!);
    expect(plain.searchParams.get("error_description")).toMatch(/^AADSTS50149: /);
  });

  it("a code redeemed after 10 minutes on the tenant clock → invalid_grant AADSTS70008", async () => {
    const { verifier, challenge } = pkce();
    const code = (await signIn(codeRequest(challenge))).searchParams.get("code")!;
    const now = (await t.sim("GET", "/clock")).body.now as string;
    await t.sim("POST", "/clock", { now: new Date(Date.parse(now) + 10 * 60_000 + 1000).toISOString() });
    try {
      const res = await redeem({ code, code_verifier: verifier });
      expect(res.body).toMatchObject({ error: "invalid_grant", error_codes: [70008] });
    } finally {
      await t.sim("POST", "/clock", { now: new Date().toISOString() });
    }
  });

  it("another client redeeming the code, or another redirect URI → invalid_grant", async () => {
    const other = await t.createApp([]);
    const { verifier, challenge } = pkce();
    const code = (await signIn(codeRequest(challenge))).searchParams.get("code")!;
    const stolen = await redeem({ code, code_verifier: verifier, client_id: other.clientId, client_secret: other.clientSecret });
    expect(stolen.body).toMatchObject({ error: "invalid_grant", error_codes: [70000] });

    const second = pkce();
    const code2 = (await signIn(codeRequest(second.challenge))).searchParams.get("code")!;
    const moved = await redeem({ code: code2, code_verifier: second.verifier, redirect_uri: "http://127.0.0.1:1/login/entra/callback" });
    expect(moved.body).toMatchObject({ error: "invalid_grant", error_codes: [500112] });
  });

  it("a redemption without the client's secret → invalid_client AADSTS7000218", async () => {
    const { verifier, challenge } = pkce();
    const code = (await signIn(codeRequest(challenge))).searchParams.get("code")!;
    const res = await postForm(`${t.baseUrl}/${t.tenantId}/oauth2/v2.0/token`, {
      grant_type: "authorization_code",
      client_id: t.clientId,
      code,
      code_verifier: verifier,
      redirect_uri: "http://127.0.0.1:47123/login/entra/callback",
    });
    expect(JSON.parse(res.text)).toMatchObject({ error: "invalid_client", error_codes: [7000218] });
  });

  it("an unregistered redirect URI or an unknown client → an error page, never a redirect", async () => {
    for (const [params, code] of [
      [{ redirect_uri: "https://evil.example/callback" }, "AADSTS50011"],
      [{ redirect_uri: "http://127.0.0.1:47123/other" }, "AADSTS50011"],
      [{ client_id: "11111111-2222-3333-4444-555555555555" }, "AADSTS700016"],
    ] as const) {
      const res = await http(codeRequest(pkce().challenge, params));
      expect(res.status).toBe(400);
      expect(res.location).toBeNull();
      expect(res.text).toContain(code);
      expect(res.text).not.toContain("evil.example/callback?");
    }
  });

  it("a wrong password or an unknown user → the form again with one generic error, no redirect", async () => {
    const url = codeRequest(pkce().challenge);
    const page = await http(url);
    const flowToken = flowTokenOf(page.text);
    const wrong = await postForm(url.split("?")[0]!, { flowToken, username: upn, password: "not-it" });
    const unknown = await postForm(url.split("?")[0]!, { flowToken, username: `nobody@${t.tenant.initialDomain}`, password: PASSWORD });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(200);
      expect(res.location).toBeNull();
      expect(res.text).toContain("Your account or password is incorrect.");
      expect(res.text).toMatch(/<label for="password">/);
    }
    // The same page still signs in with the right password.
    const right = await postForm(url.split("?")[0]!, { flowToken, username: upn, password: PASSWORD });
    expect(right.status).toBe(302);
  });

  it("a form post without a known flow token → an error page", async () => {
    const res = await postForm(`${t.baseUrl}/${t.tenantId}/oauth2/v2.0/authorize`, { flowToken: "forged", username: upn, password: PASSWORD });
    expect(res.status).toBe(400);
    expect(res.location).toBeNull();
    expect(res.text).toContain("AADSTS50097");
  });

  it("prompt=none → login_required back to the app (the local tenant keeps no sign-in session)", async () => {
    const res = await http(codeRequest(pkce().challenge, { prompt: "none" }));
    expect(new URL(res.location!).searchParams.get("error")).toBe("login_required");
  });

  it("a user in more than 200 groups → the overage claim instead of the groups", async () => {
    const many = `many-groups@${t.tenant.initialDomain}`;
    const created = await t.graph("POST", "/v1.0/users", {
      accountEnabled: true,
      displayName: "Many Groups",
      mailNickname: "many-groups",
      userPrincipalName: many,
      passwordProfile: { password: PASSWORD, forceChangePasswordNextSignIn: false },
    });
    const store = t.tenant.store;
    store.tx(() => {
      for (let i = 0; i < 201; i++)
        store.put("groups", { id: `00000000-0000-0000-0000-${String(i).padStart(12, "0")}`, displayName: `g${i}`, groupTypes: [], securityEnabled: true, _members: [created.body.id] });
    });
    const { verifier, challenge } = pkce();
    const page = await http(codeRequest(challenge));
    const posted = await postForm(`${t.baseUrl}/${t.tenantId}/oauth2/v2.0/authorize`, { flowToken: flowTokenOf(page.text), username: many, password: PASSWORD });
    const code = new URL(posted.location!).searchParams.get("code")!;
    const claims = decodeJwt((await redeem({ code, code_verifier: verifier })).body.id_token as string);
    expect(claims.groups).toBeUndefined();
    expect(claims._claim_names).toEqual({ groups: "src1" });
    expect(claims._claim_sources).toEqual({ src1: { endpoint: `${t.baseUrl}/v1.0/users/${created.body.id}/getMemberObjects` } });
  });
});
