import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../diag/diagnostic.ts";
import { resolveTarget, type TargetFiles } from "./target.ts";

const CWD = "/w";
const TENANT_ID = "11111111-2222-3333-4444-555555555555";
const LOCAL_SECRET = "Pl4nted~LocalSecret";
const tenantJson = (over: Record<string, unknown> = {}) =>
  JSON.stringify(
    {
      graphUrl: "https://127.0.0.1:8443",
      authorityUrl: "https://127.0.0.1:8443",
      tenantId: TENANT_ID,
      clientId: "aaaaaaaa-0000-0000-0000-000000000001",
      clientSecret: LOCAL_SECRET,
      caFile: "/w/.holofleet/tenant/ca.pem",
      pid: 42,
      ...over,
    },
    null,
    2,
  );
const CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

function files(map: Record<string, string>): TargetFiles {
  return { read: (p) => map[p] };
}
const withTenant = (text = tenantJson()) => files({ "/w/.holofleet/tenant/tenant.json": text, "/w/.holofleet/tenant/ca.pem": CA });

describe("resolveTarget: the local tenant", () => {
  it("no --tenant → tenant.json's endpoints, CA, tenant and app with its secret", () => {
    const { target, diagnostics } = resolveTarget({ cwd: CWD }, {}, withTenant());
    expect(diagnostics).toEqual([]);
    expect(target).toMatchObject({
      kind: "local",
      tenant: TENANT_ID,
      graphUrl: "https://127.0.0.1:8443",
      authorityUrl: "https://127.0.0.1:8443",
      graphResource: "https://graph.microsoft.com",
      clientId: "aaaaaaaa-0000-0000-0000-000000000001",
      credential: { kind: "clientSecret", clientSecret: LOCAL_SECRET },
      caPem: CA,
    });
  });

  it("login → a device code sign-in with tenant.json's app", () => {
    const { target } = resolveTarget({ cwd: CWD, tenant: "local", purpose: "login" }, {}, withTenant());
    expect(target).toMatchObject({ credential: { kind: "user" }, clientId: "aaaaaaaa-0000-0000-0000-000000000001" });
  });

  it("AZURE_* variables → used only when AZURE_TENANT_ID names the local tenant", () => {
    const env = { AZURE_CLIENT_ID: "bbbbbbbb-0000-0000-0000-000000000002", AZURE_CLIENT_CERTIFICATE_PATH: "certs/app.pem" };
    expect(resolveTarget({ cwd: CWD }, env, withTenant()).target?.credential.kind).toBe("clientSecret");
    const { target } = resolveTarget({ cwd: CWD }, { ...env, AZURE_TENANT_ID: TENANT_ID.toUpperCase() }, withTenant());
    expect(target).toMatchObject({ clientId: env.AZURE_CLIENT_ID, credential: { kind: "clientCertificate", certificatePath: "/w/certs/app.pem", sendChain: false } });
  });

  it("no tenant.json → HF5101 naming the file and the fix", () => {
    const { target, diagnostics } = resolveTarget({ cwd: CWD }, {}, files({}));
    expect(target).toBeUndefined();
    expect(diagnostics).toEqual([expect.objectContaining({ code: "HF5101", fix: expect.stringContaining("holofleet tenant local start") })]);
    expect(diagnostics[0]!.message).toContain("/w/.holofleet/tenant/tenant.json");
  });

  it("broken JSON → HF5102 at its line and column", () => {
    const { diagnostics } = resolveTarget({ cwd: CWD }, {}, withTenant('{\n  "graphUrl": "https://x",\n  oops\n}'));
    expect(diagnostics[0]).toMatchObject({ code: "HF5102", source: { file: "/w/.holofleet/tenant/tenant.json", start: { line: 3 } } });
  });

  it("a wrong field → HF5102 located at its key; the secret never appears", () => {
    const { diagnostics } = resolveTarget({ cwd: CWD }, {}, withTenant(tenantJson({ tenantId: "not-a-guid" })));
    expect(diagnostics[0]).toMatchObject({ code: "HF5102", path: ["tenantId"], source: { start: { line: 4, col: 3 } } });
    expect(diagnostics.map(formatDiagnostic).join("\n")).not.toContain(LOCAL_SECRET);
  });

  it("an unreadable CA file → HF5103 located at caFile", () => {
    const { diagnostics } = resolveTarget({ cwd: CWD }, {}, files({ "/w/.holofleet/tenant/tenant.json": tenantJson() }));
    expect(diagnostics[0]).toMatchObject({ code: "HF5103", source: { start: { line: 7 } } });
  });
});

describe("resolveTarget: a real tenant", () => {
  const app = "cccccccc-0000-0000-0000-000000000003";
  it("a domain with a secret in the environment → global endpoints, the secret credential", () => {
    const { target } = resolveTarget({ cwd: CWD, tenant: "contoso.onmicrosoft.com" }, { AZURE_CLIENT_ID: app, AZURE_CLIENT_SECRET: "s", AZURE_CLIENT_CERTIFICATE_PATH: "/c.pem" }, files({}));
    expect(target).toMatchObject({
      kind: "remote",
      tenant: "contoso.onmicrosoft.com",
      graphUrl: "https://graph.microsoft.com",
      authorityUrl: "https://login.microsoftonline.com",
      graphResource: "https://graph.microsoft.com",
      credential: { kind: "clientSecret" },
      source: "environment",
    });
    expect(target?.caPem).toBeUndefined();
  });

  it("a federated token file → that credential; none at all → the signed-in user", () => {
    const fed = resolveTarget({ cwd: CWD, tenant: TENANT_ID }, { AZURE_CLIENT_ID: app, AZURE_FEDERATED_TOKEN_FILE: "/var/run/token" }, files({}));
    expect(fed.target?.credential).toEqual({ kind: "federatedTokenFile", tokenFile: "/var/run/token" });
    const user = resolveTarget({ cwd: CWD, tenant: TENANT_ID, clientId: app }, {}, files({}));
    expect(user.target).toMatchObject({ credential: { kind: "user" }, clientId: app, source: "holofleet login" });
  });

  it("no app in the environment, but a person signed in to that tenant → their app, from the token cache", () => {
    const home = `uid.${TENANT_ID}`;
    const cache = JSON.stringify({
      Account: { a: { home_account_id: home, environment: "login.microsoftonline.com", realm: TENANT_ID, username: "ada@contoso.com" } },
      RefreshToken: { r: { home_account_id: home, environment: "login.microsoftonline.com", client_id: app, secret: "rt" } },
    });
    const withCache = files({ "/w/.holofleet/auth/token-cache.json": cache });
    for (const tenant of [TENANT_ID, "contoso.com"])
      expect(resolveTarget({ cwd: CWD, tenant }, {}, withCache).target).toMatchObject({ clientId: app, credential: { kind: "user" } });
    // Another tenant, or another cloud's sign-in host → not that sign-in.
    expect(resolveTarget({ cwd: CWD, tenant: "fabrikam.com" }, {}, withCache).diagnostics[0]?.code).toBe("HF5105");
    expect(resolveTarget({ cwd: CWD, tenant: TENANT_ID, graphUrl: "https://graph.microsoft.us" }, {}, withCache).diagnostics[0]?.code).toBe("HF5105");
  });

  it("a national cloud → the matching sign-in host and Graph scope", () => {
    const { target } = resolveTarget({ cwd: CWD, tenant: TENANT_ID, graphUrl: "https://graph.microsoft.us/" }, { AZURE_CLIENT_ID: app, AZURE_CLIENT_SECRET: "s" }, files({}));
    expect(target).toMatchObject({ graphUrl: "https://graph.microsoft.us", authorityUrl: "https://login.microsoftonline.us", graphResource: "https://graph.microsoft.us" });
    const china = resolveTarget({ cwd: CWD, tenant: TENANT_ID, authorityUrl: "https://login.chinacloudapi.cn" }, { AZURE_CLIENT_ID: app, AZURE_CLIENT_SECRET: "s" }, files({}));
    expect(china.target?.graphUrl).toBe("https://microsoftgraph.chinacloudapi.cn");
  });

  it("mistakes → one clear diagnostic each, never a secret", () => {
    const secret = "Pl4nted~EnvSecret";
    const cases: [Parameters<typeof resolveTarget>[0], Record<string, string>, string][] = [
      [{ cwd: CWD, tenant: "not a tenant" }, {}, "HF5104"],
      [{ cwd: CWD, tenant: TENANT_ID }, { AZURE_TENANT_ID: "99999999-2222-3333-4444-555555555555", AZURE_CLIENT_ID: app, AZURE_CLIENT_SECRET: secret }, "HF5104"],
      [{ cwd: CWD, tenant: TENANT_ID }, { AZURE_CLIENT_SECRET: secret }, "HF5105"],
      [{ cwd: CWD, tenant: TENANT_ID, graphUrl: "https://graph.microsoft.com/v1.0" }, { AZURE_CLIENT_ID: app, AZURE_CLIENT_SECRET: secret }, "HF5108"],
      [{ cwd: CWD, tenant: TENANT_ID, graphUrl: "http://graph.example" }, { AZURE_CLIENT_ID: app }, "HF5108"],
      [{ cwd: CWD, tenant: TENANT_ID, graphUrl: "https://graph.example" }, { AZURE_CLIENT_ID: app }, "HF5108"],
      [{ cwd: CWD, tenant: TENANT_ID, clientId: "app" }, {}, "HF5104"],
    ];
    for (const [opts, env, code] of cases) {
      const { target, diagnostics } = resolveTarget(opts, env, files({}));
      expect(target, code).toBeUndefined();
      expect(diagnostics.map((d) => d.code), JSON.stringify(opts)).toEqual([code]);
      expect(JSON.stringify(diagnostics)).not.toContain(secret);
    }
  });
});
