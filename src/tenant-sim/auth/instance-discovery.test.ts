/**
 * Entra instance discovery, `GET /common/discovery/instance`, replayed the way MSAL for Python
 * sends it when its `instance_discovery` setting names the local tenant: `authorization_endpoint` =
 * `https://<host>/<tenant>/oauth2/v2.0/authorize`, `api-version=1.0` (authority validation) or
 * `1.1` (the alias metadata). MSAL then reads `tenant_discovery_endpoint` and fetches it.
 */
import { fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestTenant, type TestTenant } from "../testing.ts";

let t: TestTenant;
let hostPort: string;
beforeAll(async () => {
  t = await startTestTenant();
  hostPort = new URL(t.baseUrl).host;
});
afterAll(async () => {
  await t?.close();
});

async function discover(query: Record<string, string>, origin = t.baseUrl) {
  const res = await fetch(`${origin}/common/discovery/instance?${new URLSearchParams(query)}`, { dispatcher: t.dispatcher });
  return { status: res.status, contentType: res.headers.get("content-type"), body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe("GET /common/discovery/instance", () => {
  it("MSAL Python's authority validation (api-version 1.0) → the tenant discovery endpoint, which serves the OpenID metadata", async () => {
    const res = await discover({ authorization_endpoint: `${t.baseUrl}/${t.tenantId}/oauth2/v2.0/authorize`, "api-version": "1.0" });
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^application\/json/);
    expect(res.body.tenant_discovery_endpoint).toBe(`${t.baseUrl}/${t.tenantId}/v2.0/.well-known/openid-configuration`);
    const oidc = await fetch(res.body.tenant_discovery_endpoint, { dispatcher: t.dispatcher });
    expect(oidc.status).toBe(200);
    const config = (await oidc.json()) as { token_endpoint: string; authorization_endpoint: string };
    expect(config.token_endpoint).toBe(`${t.baseUrl}/${t.tenantId}/oauth2/v2.0/token`);
    expect(config.authorization_endpoint).toBe(`${t.baseUrl}/${t.tenantId}/oauth2/v2.0/authorize`);
  });

  it("api-version 1.1 → Entra's shape with the local host as preferred network, preferred cache and alias", async () => {
    const res = await discover({ "api-version": "1.1", authorization_endpoint: `${t.baseUrl}/${t.tenantId}/oauth2/v2.0/authorize` });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      tenant_discovery_endpoint: `${t.baseUrl}/${t.tenantId}/v2.0/.well-known/openid-configuration`,
      "api-version": "1.1",
      metadata: [
        { preferred_network: hostPort, preferred_cache: hostPort, aliases: [hostPort, `localhost:${t.tenant.port}`] },
      ],
    });
  });

  it("keeps the tenant segment the client asked about (common, the initial domain)", async () => {
    for (const tenant of ["common", t.tenant.initialDomain]) {
      const res = await discover({ "api-version": "1.1", authorization_endpoint: `${t.baseUrl}/${tenant}/oauth2/v2.0/authorize` });
      expect(res.body.tenant_discovery_endpoint).toBe(`${t.baseUrl}/${tenant}/v2.0/.well-known/openid-configuration`);
    }
  });

  it("asked through localhost → every URL and the preferred host use localhost", async () => {
    const origin = `https://localhost:${t.tenant.port}`;
    const res = await discover({ "api-version": "1.1", authorization_endpoint: `${origin}/${t.tenantId}/oauth2/v2.0/authorize` }, origin);
    expect(res.status).toBe(200);
    expect(res.body.tenant_discovery_endpoint).toBe(`${origin}/${t.tenantId}/v2.0/.well-known/openid-configuration`);
    expect(res.body.metadata[0]).toMatchObject({ preferred_network: `localhost:${t.tenant.port}`, preferred_cache: `localhost:${t.tenant.port}` });
    expect(res.body.metadata[0].aliases).toEqual(expect.arrayContaining([`localhost:${t.tenant.port}`, `127.0.0.1:${t.tenant.port}`]));
  });

  it("an authority on another host, or none → 400 invalid_instance (AADSTS50049) in Entra's error shape", async () => {
    for (const query of <Record<string, string>[]>[
      { "api-version": "1.1", authorization_endpoint: "https://login.example.invalid/contoso/oauth2/v2.0/authorize" },
      { "api-version": "1.1", authorization_endpoint: "not a url" },
      { "api-version": "1.1" },
    ]) {
      const res = await discover(query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body).toMatchObject({ error: "invalid_instance", error_codes: [50049] });
      expect(res.body.error_description).toMatch(/^AADSTS50049: Unknown or invalid instance\./);
      expect(res.body).toHaveProperty("trace_id");
      expect(res.body).toHaveProperty("correlation_id");
    }
  });
});
