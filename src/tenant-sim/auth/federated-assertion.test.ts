/** Federated client assertions (workload identity): an external issuer's token instead of a secret. */
import { exportJWK, generateKeyPair, SignJWT, decodeJwt, type CryptoKey } from "jose";
import { fetch as undiciFetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestTenant, type TestTenant } from "../testing.ts";
import { JWT_BEARER_ASSERTION_TYPE } from "./token-endpoint.ts";

/** A parsed JSON answer (tests read whichever fields they check). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const ISSUER = "https://oidc.cluster.example/ns";
const SUBJECT = "system:serviceaccount:holofleet:apply";

let t: TestTenant;
let key: CryptoKey;
let appId: string;
beforeAll(async () => {
  t = await startTestTenant();
  const pair = await generateKeyPair("RS256");
  key = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  expect((await t.sim("POST", "/federated-issuers", { issuer: ISSUER, jwks: { keys: [jwk] } })).status).toBe(201);
  appId = (await t.createApp(["Group.Read.All"])).clientId;
  const fic = await t.sim("POST", `/applications/${appId}/federatedIdentityCredentials`, { name: "cluster", issuer: ISSUER, subject: SUBJECT });
  expect(fic).toMatchObject({ status: 201, body: { audiences: ["api://AzureADTokenExchange"], issuer: ISSUER, subject: SUBJECT } });
});
afterAll(async () => {
  await t?.close();
});

function assertion(claims: { iss?: string; sub?: string; aud?: string; exp?: number } = {}, signWith: CryptoKey = key, alg = "RS256"): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg, kid: "k1" })
    .setIssuer(claims.iss ?? ISSUER)
    .setSubject(claims.sub ?? SUBJECT)
    .setAudience(claims.aud ?? "api://AzureADTokenExchange")
    .setIssuedAt(now - 10)
    .setExpirationTime(claims.exp ?? now + 3600)
    .sign(signWith);
}

async function token(clientAssertion: string, clientId = appId): Promise<{ status: number; body: Json }> {
  const res = await undiciFetch(`${t.baseUrl}/${t.tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    dispatcher: t.dispatcher,
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: clientId,
      scope: "https://graph.microsoft.com/.default",
      client_assertion_type: JWT_BEARER_ASSERTION_TYPE,
      client_assertion: clientAssertion,
    }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

describe("federated client assertions", () => {
  it("matching issuer, subject and audience, signed by the issuer's key → an app token", async () => {
    const res = await token(await assertion());
    expect(res.status).toBe(200);
    const claims = decodeJwt(res.body.access_token);
    expect(claims).toMatchObject({ appid: appId, idtyp: "app", roles: ["Group.Read.All"] });
    expect((await t.graph("GET", "/v1.0/groups", undefined, { authorization: `Bearer ${res.body.access_token}` })).status).toBe(200);
  });

  it("no credential for the issuer, subject or audience → AADSTS700211, 700213, 700212", async () => {
    expect((await token(await assertion({ iss: "https://other.example" }))).body.error_codes).toEqual([700211]);
    expect((await token(await assertion({ sub: "system:serviceaccount:x:y" }))).body.error_codes).toEqual([700213]);
    expect((await token(await assertion({ aud: "api://Other" }))).body.error_codes).toEqual([700212]);
  });

  it("signed by another key, expired, or from an app without the credential → refused", async () => {
    const other = (await generateKeyPair("ES256")).privateKey;
    const forged = await token(await assertion({}, other, "ES256"));
    expect(forged).toMatchObject({ status: 401, body: { error: "invalid_client", error_codes: [700027] } });
    const old = await token(await assertion({ exp: Math.floor(Date.now() / 1000) - 3600 }));
    expect(old.body.error_codes).toEqual([700024]);
    expect((await token(await assertion(), t.clientId)).body.error_codes).toEqual([700211]);
  });

  it("an issuer whose keys were never registered → AADSTS50166", async () => {
    const issuer = "https://unregistered.example";
    await t.sim("POST", `/applications/${appId}/federatedIdentityCredentials`, { name: "unregistered", issuer, subject: SUBJECT });
    expect((await token(await assertion({ iss: issuer }))).body.error_codes).toEqual([50166]);
  });

  it("credential names are unique per app; bad bodies → 400", async () => {
    expect((await t.sim("POST", `/applications/${appId}/federatedIdentityCredentials`, { name: "Cluster", issuer: ISSUER, subject: "s" })).status).toBe(409);
    expect((await t.sim("POST", `/applications/${appId}/federatedIdentityCredentials`, { name: "x", issuer: "not a url", subject: "s" })).status).toBe(400);
    expect((await t.sim("POST", "/federated-issuers", { issuer: ISSUER, jwks: { keys: [] } })).status).toBe(400);
    expect((await t.sim("POST", "/applications/00000000-0000-0000-0000-000000000000/federatedIdentityCredentials", { name: "x", issuer: ISSUER, subject: "s" })).status).toBe(404);
  });
});
