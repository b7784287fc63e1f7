/**
 * Test harness: a real local tenant over HTTPS on 127.0.0.1 (port 0, temp dir) in the test's own
 * process, and helpers that call it the way clients do — a real token from the tenant's token
 * endpoint, TLS verified against the tenant's CA (undici Agent, local-https-auth.md §6).
 *
 * @example
 *   const t = await startTestTenant();
 *   const res = await t.graph("GET", "/v1.0/organization");
 *   await t.close();
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent, fetch as undiciFetch } from "undici";
import { createLocalTenant, type LocalTenant, type LocalTenantOptions, type ThrottlingMode } from "./app.ts";
import { DEVICE_CODE_GRANT } from "./auth/device-code.ts";

export interface TestResponse {
  status: number;
  /** Lower-cased response headers. */
  headers: Record<string, string>;
  /** Parsed JSON, the raw text when it is not JSON, or undefined when empty. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface TestTenant {
  baseUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  caPem: string;
  dir: string;
  /** The running tenant (its `store` is handy for arranging state directly). */
  tenant: LocalTenant;
  /** An undici dispatcher that trusts the tenant's CA, for other clients under test. */
  dispatcher: Agent;
  /**
   * Calls Graph with a token of holofleet's app. `path` is `/v1.0/…`, `/beta/…` or an absolute URL
   * (a nextLink). Pass an `authorization` header to override the token (`""` sends none).
   */
  graph(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  /** Calls a control route: `/faults` or `/_sim/faults` (with the tenant's `X-Sim-Key`). */
  sim(method: string, path: string, body?: unknown): Promise<TestResponse>;
  /** A fresh access token for holofleet's app, or for an app created with `createApp`. */
  tokenFor(clientId?: string): Promise<string>;
  /**
   * A delegated access token (`idtyp: user`, an `scp` claim) for an existing, enabled user signed in to
   * holofleet's app, or to `clientId`, through the tenant's device code flow as `holofleet login` signs in:
   * a device code from `/oauth2/v2.0/devicecode`, the sign-in scripted with `POST /_sim/sign-ins`, the
   * code redeemed at the token endpoint. Its `scp` holds every delegated permission consented for the app.
   */
  signedInToken(userPrincipalName: string, clientId?: string): Promise<string>;
  /**
   * Registers an app people sign in to: no application permission, these delegated permissions
   * consented, public client flows allowed (`POST` and `PATCH /_sim/applications`).
   */
  createDelegatedApp(scopes: string[], opts?: { displayName?: string }): Promise<{ clientId: string }>;
  /** Registers another app with the given application permissions; its secret is remembered for `tokenFor`. */
  createApp(roles: string[], opts?: { displayName?: string; certificatePem?: string }): Promise<{ clientId: string; clientSecret: string }>;
  /** Stops the server and deletes the temp dir. */
  close(): Promise<void>;
}

export interface TestTenantOptions {
  throttling?: ThrottlingMode;
  consistency?: { newObjectLagMs?: number };
  /** Extra options for `createLocalTenant` (e.g. own routes in core tests). */
  tenant?: Partial<Omit<LocalTenantOptions, "dir" | "port">>;
  /** Reuse a state dir (persistence tests); it is then not deleted on close. */
  dir?: string;
}

async function toResponse(res: Awaited<ReturnType<typeof undiciFetch>>): Promise<TestResponse> {
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
  const text = await res.text();
  let body: unknown;
  if (text !== "") {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: res.status, headers, body };
}

export async function startTestTenant(opts: TestTenantOptions = {}): Promise<TestTenant> {
  const ownDir = opts.dir === undefined;
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), "holofleet-tenant-"));
  const tenant = await createLocalTenant({
    ...opts.tenant,
    dir,
    port: 0,
    throttling: opts.throttling ?? opts.tenant?.throttling ?? "off",
    consistency: opts.consistency ?? opts.tenant?.consistency,
  });
  const dispatcher = new Agent({ connect: { ca: tenant.caPem } });
  const secrets = new Map<string, string>([[tenant.clientId, tenant.clientSecret]]);
  const tokens = new Map<string, string>();

  async function tokenFor(clientId: string = tenant.clientId): Promise<string> {
    const secret = secrets.get(clientId);
    if (!secret) throw new Error(`startTestTenant: no secret known for app ${clientId}`);
    const res = await undiciFetch(`${tenant.url}/${tenant.tenantId}/oauth2/v2.0/token`, {
      method: "POST",
      dispatcher,
      headers: { "content-type": "application/x-www-form-urlencoded;charset=utf-8" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: clientId,
        client_secret: secret,
        scope: "https://graph.microsoft.com/.default",
      }).toString(),
    });
    const json = (await res.json()) as { access_token?: string; error_description?: string };
    if (!json.access_token) throw new Error(`token request failed: ${res.status} ${json.error_description ?? ""}`);
    return json.access_token;
  }

  async function cachedToken(): Promise<string> {
    let t = tokens.get(tenant.clientId);
    if (!t) {
      t = await tokenFor();
      tokens.set(tenant.clientId, t);
    }
    return t;
  }

  async function call(method: string, url: string, body: unknown, headers: Record<string, string>): Promise<TestResponse> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined && !Object.keys(h).some((k) => k.toLowerCase() === "content-type")) h["content-type"] = "application/json";
    const res = await undiciFetch(url, {
      method,
      dispatcher,
      headers: h,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    return toResponse(res);
  }

  async function createApp(roles: string[], o: { displayName?: string; certificatePem?: string } = {}): Promise<{ clientId: string; clientSecret: string }> {
    const res = await call(
      "POST",
      `${tenant.url}/_sim/applications`,
      { displayName: o.displayName ?? "test app", roles, ...(o.certificatePem ? { certificatePem: o.certificatePem } : {}) },
      { "x-sim-key": tenant.simKey },
    );
    if (res.status !== 201) throw new Error(`createApp failed: ${res.status} ${JSON.stringify(res.body)}`);
    const created = res.body as { clientId: string; clientSecret: string };
    secrets.set(created.clientId, created.clientSecret);
    return created;
  }

  return {
    baseUrl: tenant.url,
    tenantId: tenant.tenantId,
    clientId: tenant.clientId,
    clientSecret: tenant.clientSecret,
    caPem: tenant.caPem,
    dir,
    tenant,
    dispatcher,
    async graph(method, path, body, headers = {}) {
      const url = /^https:\/\//.test(path) ? path : `${tenant.url}${path.startsWith("/") ? "" : "/"}${path}`;
      const h = { ...headers };
      const authKey = Object.keys(h).find((k) => k.toLowerCase() === "authorization");
      if (authKey === undefined) h.authorization = `Bearer ${await cachedToken()}`;
      else if (h[authKey] === "") delete h[authKey];
      return call(method, url, body, h);
    },
    sim(method, path, body) {
      const p = path.startsWith("/_sim") ? path : `/_sim${path.startsWith("/") ? "" : "/"}${path}`;
      return call(method, `${tenant.url}${p}`, body, { "x-sim-key": tenant.simKey });
    },
    tokenFor,
    async signedInToken(userPrincipalName, clientId = tenant.clientId) {
      const entra = `${tenant.url}/${tenant.tenantId}/oauth2/v2.0`;
      const form = (fields: Record<string, string>) => ({
        method: "POST",
        dispatcher,
        headers: { "content-type": "application/x-www-form-urlencoded;charset=utf-8" },
        body: new URLSearchParams(fields).toString(),
      });
      const code = (await (await undiciFetch(`${entra}/devicecode`, form({ client_id: clientId, scope: "https://graph.microsoft.com/.default openid" }))).json()) as {
        device_code?: string;
        user_code?: string;
        error_description?: string;
      };
      if (!code.device_code || !code.user_code) throw new Error(`device code request failed: ${code.error_description ?? ""}`);
      const signIn = await call("POST", `${tenant.url}/_sim/sign-ins`, { userCode: code.user_code, userPrincipalName }, { "x-sim-key": tenant.simKey });
      if (signIn.status !== 200 || signIn.body?.status !== "approved") throw new Error(`sign-in failed: ${signIn.status} ${JSON.stringify(signIn.body)}`);
      const token = (await (await undiciFetch(`${entra}/token`, form({ grant_type: DEVICE_CODE_GRANT, client_id: clientId, device_code: code.device_code }))).json()) as {
        access_token?: string;
        error_description?: string;
      };
      if (!token.access_token) throw new Error(`device code redemption failed: ${token.error_description ?? ""}`);
      return token.access_token;
    },
    async createDelegatedApp(scopes, o = {}) {
      const { clientId } = await createApp([], { displayName: o.displayName ?? "test public client" });
      const consented = await call("PATCH", `${tenant.url}/_sim/applications/${clientId}`, { delegatedScopes: scopes, isFallbackPublicClient: true }, { "x-sim-key": tenant.simKey });
      if (consented.status !== 200) throw new Error(`consent failed: ${consented.status} ${JSON.stringify(consented.body)}`);
      return { clientId };
    },
    createApp,
    async close() {
      await tenant.close();
      await dispatcher.close();
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
