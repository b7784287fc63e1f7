/**
 * The token endpoint against the real `@azure/msal-node` 7 (client secret and certificate), with
 * TLS verified against the tenant's CA through a custom network client (local-https-auth.md §3).
 */
import { ConfidentialClientApplication, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from "@azure/msal-node";
import { Agent, fetch as undiciFetch } from "undici";
import { decodeJwt, decodeProtectedHeader, SignJWT, importPKCS8 } from "jose";
import { createHash, X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClientCertificate } from "../certs.ts";
import { ROUTE_TEST_APP_ROLES, startTestTenant, type TestTenant } from "../testing.ts";

function caNetworkClient(ca: string): INetworkModule {
  const dispatcher = new Agent({ connect: { ca } });
  const call = async <T>(url: string, init: { method?: string; headers?: Record<string, string>; body?: string }): Promise<NetworkResponse<T>> => {
    const r = await undiciFetch(url, { ...init, dispatcher });
    const headers: Record<string, string> = {};
    r.headers.forEach((v, k) => (headers[k] = v));
    return { status: r.status, headers, body: (await r.json()) as T };
  };
  return {
    sendGetRequestAsync: <T>(url: string, o?: NetworkRequestOptions) => call<T>(url, { headers: o?.headers }),
    sendPostRequestAsync: <T>(url: string, o?: NetworkRequestOptions) => call<T>(url, { method: "POST", headers: o?.headers, body: o?.body }),
  };
}

let t: TestTenant;
let hostPort: string;
beforeAll(async () => {
  t = await startTestTenant();
  hostPort = new URL(t.baseUrl).host;
});
afterAll(async () => {
  await t?.close();
});

const scopes = ["https://graph.microsoft.com/.default"];

describe("token endpoint with @azure/msal-node", () => {
  it("issues a verifiable RS256 token for a client secret, with the app's roles", async () => {
    const app = new ConfidentialClientApplication({
      auth: { clientId: t.clientId, authority: `${t.baseUrl}/${t.tenantId}`, clientSecret: t.clientSecret, knownAuthorities: [hostPort] },
      system: { networkClient: caNetworkClient(t.caPem) },
    });
    const result = await app.acquireTokenByClientCredential({ scopes });
    expect(result?.accessToken).toBeTruthy();
    expect(result!.expiresOn!.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    const header = decodeProtectedHeader(result!.accessToken);
    expect(header.alg).toBe("RS256");
    const claims = decodeJwt(result!.accessToken);
    expect(claims.aud).toBe("https://graph.microsoft.com");
    expect(claims.iss).toBe(`${t.baseUrl}/${t.tenantId}/v2.0`);
    expect(claims.tid).toBe(t.tenantId);
    expect(claims.appid).toBe(t.clientId);
    expect(claims.appidacr).toBe("1");
    expect(typeof claims.oid).toBe("string");
    expect(claims.roles).toEqual(ROUTE_TEST_APP_ROLES);

    // The JWKS publishes the key that signed it.
    const keys = await undiciFetch(`${t.baseUrl}/${t.tenantId}/discovery/v2.0/keys`, { dispatcher: t.dispatcher }).then((r) => r.json() as Promise<{ keys: { kid: string }[] }>);
    expect(keys.keys.map((k) => k.kid)).toContain(header.kid);

    // And Graph accepts it.
    const org = await t.graph("GET", "/v1.0/organization", undefined, { authorization: `Bearer ${result!.accessToken}` });
    expect(org.status).toBe(200);
  });

  it("works through the localhost name too (issuer follows the Host header)", async () => {
    const authorityHost = `localhost:${new URL(t.baseUrl).port}`;
    const app = new ConfidentialClientApplication({
      auth: { clientId: t.clientId, authority: `https://${authorityHost}/${t.tenantId}`, clientSecret: t.clientSecret, knownAuthorities: [authorityHost] },
      system: { networkClient: caNetworkClient(t.caPem) },
    });
    const result = await app.acquireTokenByClientCredential({ scopes });
    expect(decodeJwt(result!.accessToken).iss).toBe(`https://${authorityHost}/${t.tenantId}/v2.0`);
  });

  it("issues a token for a certificate client assertion (PS256, x5t#S256)", async () => {
    const cert = await createClientCertificate("holofleet test client");
    const created = await t.createApp(["Organization.Read.All"], { certificatePem: cert.certPem });
    const app = new ConfidentialClientApplication({
      auth: {
        clientId: created.clientId,
        authority: `${t.baseUrl}/${t.tenantId}`,
        clientCertificate: { thumbprintSha256: cert.thumbprintSha256, privateKey: cert.keyPem },
        knownAuthorities: [hostPort],
      },
      system: { networkClient: caNetworkClient(t.caPem) },
    });
    const result = await app.acquireTokenByClientCredential({ scopes });
    const claims = decodeJwt(result!.accessToken);
    expect(claims.appid).toBe(created.clientId);
    expect(claims.appidacr).toBe("2");
    expect(claims.roles).toEqual(["Organization.Read.All"]);
  });

  it("accepts an assertion that also carries the certificate chain (x5c)", async () => {
    const cert = await createClientCertificate("holofleet x5c client");
    const created = await t.createApp(["Organization.Read.All"], { certificatePem: cert.certPem });
    const app = new ConfidentialClientApplication({
      auth: {
        clientId: created.clientId,
        authority: `${t.baseUrl}/${t.tenantId}`,
        clientCertificate: { thumbprintSha256: cert.thumbprintSha256, privateKey: cert.keyPem, x5c: cert.certPem },
        knownAuthorities: [hostPort],
      },
      system: { networkClient: caNetworkClient(t.caPem) },
    });
    const result = await app.acquireTokenByClientCredential({ scopes });
    expect(decodeJwt(result!.accessToken).appid).toBe(created.clientId);
  });

  it("validates /_sim/applications input", async () => {
    expect((await t.sim("POST", "/applications", { displayName: "x", roles: ["not a role!"] })).status).toBe(400);
    expect((await t.sim("POST", "/applications", { roles: [] })).status).toBe(400);
    const noSecret = await t.sim("POST", "/applications", { displayName: "cert only", roles: [], withSecret: false });
    expect(noSecret.status).toBe(201);
    expect(noSecret.body.clientSecret).toBeUndefined();
  });

  it("rejects a wrong client secret with Entra's invalid_client / AADSTS7000215", async () => {
    const app = new ConfidentialClientApplication({
      auth: { clientId: t.clientId, authority: `${t.baseUrl}/${t.tenantId}`, clientSecret: "not-the-secret", knownAuthorities: [hostPort] },
      system: { networkClient: caNetworkClient(t.caPem) },
    });
    const err = await app.acquireTokenByClientCredential({ scopes }).then(
      () => undefined,
      (e: unknown) => e as { errorCode?: string; message: string },
    );
    expect(err?.errorCode).toBe("invalid_client");
    expect(err?.message).toContain("AADSTS7000215");
    expect(err?.message).not.toContain("not-the-secret");
  });

  it("rejects an assertion signed by a certificate the app does not have (AADSTS700027)", async () => {
    const registered = await createClientCertificate("registered");
    const other = await createClientCertificate("other");
    const created = await t.createApp(["Organization.Read.All"], { certificatePem: registered.certPem });
    const app = new ConfidentialClientApplication({
      auth: {
        clientId: created.clientId,
        authority: `${t.baseUrl}/${t.tenantId}`,
        clientCertificate: { thumbprintSha256: other.thumbprintSha256, privateKey: other.keyPem },
        knownAuthorities: [hostPort],
      },
      system: { networkClient: caNetworkClient(t.caPem) },
    });
    const err = await app.acquireTokenByClientCredential({ scopes }).then(() => undefined, (e: unknown) => e as Error);
    expect(err?.message).toContain("AADSTS700027");
  });
});

describe("token endpoint wire details", () => {
  async function post(form: Record<string, string>, tenant = t.tenantId) {
    const r = await undiciFetch(`${t.baseUrl}/${tenant}/oauth2/v2.0/token`, {
      method: "POST",
      dispatcher: t.dispatcher,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
    });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  }
  const base = () => ({ grant_type: "client_credentials", client_id: t.clientId, scope: "https://graph.microsoft.com/.default" });

  it("answers a numeric expires_in and Bearer token_type", async () => {
    const res = await post({ ...base(), client_secret: t.clientSecret });
    expect(res.status).toBe(200);
    expect(res.body.token_type).toBe("Bearer");
    expect(res.body.expires_in).toBe(3599);
    expect(typeof res.body.ext_expires_in).toBe("number");
  });

  it("uses Entra's error shape", async () => {
    const res = await post({ ...base(), client_secret: "wrong" });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("invalid_client");
    expect(res.body.error_codes).toEqual([7000215]);
    expect(String(res.body.error_description)).toMatch(/^AADSTS7000215: /);
    expect(res.body).toHaveProperty("trace_id");
    expect(res.body).toHaveProperty("correlation_id");
    expect(String(res.body.timestamp)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  });

  it.each([
    [{ client_id: "00000000-0000-0000-0000-000000000001" }, 400, "unauthorized_client", 700016],
    [{ grant_type: "password" }, 400, "unsupported_grant_type", 70003],
    [{ scope: "https://management.azure.com/.default" }, 400, "invalid_scope", 1002012],
    [{}, 401, "invalid_client", 7000218],
  ])("rejects %j with %i %s", async (override, status, error, code) => {
    const res = await post({ ...base(), ...override });
    expect(res.status).toBe(status);
    expect(res.body.error).toBe(error);
    expect(res.body.error_codes).toEqual([code]);
  });

  it("rejects an unknown tenant with AADSTS90002", async () => {
    const res = await post({ ...base(), client_secret: t.clientSecret }, "00000000-0000-0000-0000-00000000abcd");
    expect(res.status).toBe(400);
    expect(res.body.error_codes).toEqual([90002]);
  });

  it("accepts an RS256 assertion with nbf slightly in the future but rejects a wrong audience", async () => {
    const cert = await createClientCertificate("manual");
    const created = await t.createApp(["Organization.Read.All"], { certificatePem: cert.certPem });
    const key = await importPKCS8(cert.keyPem, "RS256");
    const x5tS256 = createHash("sha256").update(new X509Certificate(cert.certPem).raw).digest("base64url");
    const now = Math.floor(Date.now() / 1000);
    const assertion = (aud: string) =>
      new SignJWT({ jti: crypto.randomUUID() })
        .setProtectedHeader({ alg: "RS256", typ: "JWT", "x5t#S256": x5tS256 })
        .setIssuer(created.clientId)
        .setSubject(created.clientId)
        .setAudience(aud)
        .setIssuedAt(now)
        .setNotBefore(now + 2)
        .setExpirationTime(now + 600)
        .sign(key);
    const form = (a: string) => ({
      grant_type: "client_credentials",
      client_id: created.clientId,
      scope: "https://graph.microsoft.com/.default",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: a,
    });
    const ok = await post(form(await assertion(`${t.baseUrl}/${t.tenantId}/oauth2/v2.0/token`)));
    expect(ok.status).toBe(200);
    const bad = await post(form(await assertion("https://login.microsoftonline.com/other/oauth2/v2.0/token")));
    expect(bad.status).toBe(401);
    expect(bad.body.error_codes).toEqual([700027]);
  });

  describe("client assertions: one use each, a bounded lifetime", () => {
    async function certApp() {
      const cert = await createClientCertificate("assertion limits");
      const created = await t.createApp(["Organization.Read.All"], { certificatePem: cert.certPem });
      const key = await importPKCS8(cert.keyPem, "PS256");
      const x5tS256 = createHash("sha256").update(new X509Certificate(cert.certPem).raw).digest("base64url");
      const sign = (claims: { jti?: string | null; exp?: number; nbf?: number }) => {
        const now = Math.floor(Date.now() / 1000);
        const jwt = new SignJWT(claims.jti === null ? {} : { jti: claims.jti ?? crypto.randomUUID() })
          .setProtectedHeader({ alg: "PS256", typ: "JWT", "x5t#S256": x5tS256 })
          .setIssuer(created.clientId)
          .setSubject(created.clientId)
          .setAudience(`${t.baseUrl}/${t.tenantId}/oauth2/v2.0/token`)
          .setNotBefore(claims.nbf ?? now)
          .setExpirationTime(claims.exp ?? now + 600);
        return jwt.sign(key);
      };
      const form = (assertion: string) => ({
        grant_type: "client_credentials",
        client_id: created.clientId,
        scope: "https://graph.microsoft.com/.default",
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: assertion,
      });
      return { sign, form };
    }

    it("the same assertion twice → the second is refused (jti replay), a fresh one passes", async () => {
      const { sign, form } = await certApp();
      const assertion = await sign({});
      expect((await post(form(assertion))).status).toBe(200);
      const replay = await post(form(assertion));
      expect(replay.status).toBe(401);
      expect(replay.body.error).toBe("invalid_client");
      expect(replay.body.error_codes).toEqual([700027]);
      expect(String(replay.body.error_description)).toMatch(/already been used/);
      expect((await post(form(await sign({})))).status).toBe(200);
    });

    it("an assertion without jti → 401 AADSTS700027", async () => {
      const { sign, form } = await certApp();
      const res = await post(form(await sign({ jti: null })));
      expect(res.status).toBe(401);
      expect(res.body.error_codes).toEqual([700027]);
    });

    it("an assertion valid for ten years → 401 AADSTS700024; one for 59 minutes passes", async () => {
      const { sign, form } = await certApp();
      const now = Math.floor(Date.now() / 1000);
      const long = await post(form(await sign({ exp: now + 10 * 365 * 86_400 })));
      expect(long.status).toBe(401);
      expect(long.body.error_codes).toEqual([700024]);
      expect((await post(form(await sign({ exp: now + 59 * 60 })))).status).toBe(200);
    });

    it("an expired assertion → 401 AADSTS700024", async () => {
      const { sign, form } = await certApp();
      const now = Math.floor(Date.now() / 1000);
      const res = await post(form(await sign({ nbf: now - 3600, exp: now - 600 })));
      expect(res.status).toBe(401);
      expect(res.body.error_codes).toEqual([700024]);
    });
  });

  it("serves OpenID metadata with and without v2.0, built from the Host header", async () => {
    for (const path of ["v2.0/.well-known/openid-configuration", ".well-known/openid-configuration"]) {
      const r = await undiciFetch(`${t.baseUrl}/${t.tenantId}/${path}`, { dispatcher: t.dispatcher });
      const doc = (await r.json()) as Record<string, string>;
      expect(r.status).toBe(200);
      expect(doc.issuer).toBe(`${t.baseUrl}/${t.tenantId}/v2.0`);
      expect(doc.token_endpoint).toBe(`${t.baseUrl}/${t.tenantId}/oauth2/v2.0/token`);
      expect(doc.jwks_uri).toBe(`${t.baseUrl}/${t.tenantId}/discovery/v2.0/keys`);
      expect(doc.authorization_endpoint).toBeTruthy();
    }
  });
});
