/**
 * Automation credentials against the local tenant, end to end through MSAL and the Graph client:
 * client secret, certificate and federated token file each authenticate; failures are located and
 * carry no secret.
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClientCertificate } from "../tenant-sim/certs.ts";
import { startTestTenant, type TestTenant } from "../tenant-sim/testing.ts";
import { AuthenticationError } from "./errors.ts";
import { nodeFiles } from "./node-files.ts";
import { resolveTarget, type Env, type Target } from "./target.ts";
import { graphFor, workDirFor } from "./testing.ts";
import { createTokenProvider } from "./token-provider.ts";

let t: TestTenant;
let cwd: string;
beforeAll(async () => {
  t = await startTestTenant();
  cwd = workDirFor(t);
});
afterAll(async () => {
  await t?.close();
  rmSync(cwd, { recursive: true, force: true });
});

function target(env: Env = {}): Target {
  const { target, diagnostics } = resolveTarget({ cwd }, env, nodeFiles);
  expect(diagnostics).toEqual([]);
  return target!;
}

/** Signs in with the target's credential and reads the organization through the Graph client. */
async function readOrganization(tg: Target): Promise<{ status: number; token: string }> {
  const provider = createTokenProvider(tg, { stateDir: join(cwd, ".holofleet") });
  const graph = graphFor(tg, provider);
  try {
    const res = await graph.request<{ value: { id: string }[] }>("GET", "/organization");
    return { status: res.status, token: await provider.getToken({ forceRefresh: false }) };
  } finally {
    await graph.close();
    await provider.close();
  }
}

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;

describe("automation credentials", () => {
  it("the local tenant's client secret (tenant.json) → a Graph call succeeds", async () => {
    const { status, token } = await readOrganization(target());
    expect(status).toBe(200);
    expect(claimsOf(token)).toMatchObject({ appid: t.clientId, appidacr: "1", idtyp: "app" });
  });

  it("AZURE_CLIENT_CERTIFICATE_PATH → MSAL signs an assertion with the key; a Graph call succeeds", async () => {
    const cert = await createClientCertificate("holofleet automation");
    const app = await t.createApp(["Organization.Read.All"], { certificatePem: cert.certPem });
    const file = join(cwd, "app.pem");
    writeFileSync(file, cert.certPem + cert.keyPem, { mode: 0o600 });
    const tg = target({ AZURE_TENANT_ID: t.tenantId, AZURE_CLIENT_ID: app.clientId, AZURE_CLIENT_CERTIFICATE_PATH: "app.pem" });
    expect(tg.credential.kind).toBe("clientCertificate");
    const { status, token } = await readOrganization(tg);
    expect(status).toBe(200);
    expect(claimsOf(token)).toMatchObject({ appid: app.clientId, appidacr: "2" });
  });

  it("AZURE_FEDERATED_TOKEN_FILE → the file's token is the assertion, read again on every request", async () => {
    const issuer = "https://token.actions.example";
    const { privateKey, publicKey } = await generateKeyPair("ES256");
    await t.sim("POST", "/federated-issuers", { issuer, jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: "ci" }] } });
    const app = await t.createApp(["Organization.Read.All"]);
    await t.sim("POST", `/applications/${app.clientId}/federatedIdentityCredentials`, { name: "ci", issuer, subject: "repo:holofleet:main" });
    const mint = (key: CryptoKey, subject: string) =>
      new SignJWT({}).setProtectedHeader({ alg: "ES256", kid: "ci" }).setIssuer(issuer).setSubject(subject).setAudience("api://AzureADTokenExchange").setIssuedAt().setExpirationTime("10m").sign(key);
    const file = join(cwd, "federated-token");
    writeFileSync(file, await mint(privateKey, "repo:holofleet:main"));
    const tg = target({ AZURE_TENANT_ID: t.tenantId, AZURE_CLIENT_ID: app.clientId, AZURE_FEDERATED_TOKEN_FILE: file });
    expect((await readOrganization(tg)).status).toBe(200);

    // The platform rotates the file; a forced refresh presents the new content (here: a wrong subject).
    const provider = createTokenProvider(tg, { stateDir: join(cwd, ".holofleet") });
    await provider.getToken({ forceRefresh: false });
    writeFileSync(file, await mint(privateKey, "repo:holofleet:other"));
    const err = await provider.getToken({ forceRefresh: true }).catch((e: unknown) => e);
    await provider.close();
    expect(err).toBeInstanceOf(AuthenticationError);
    expect((err as AuthenticationError).message).toContain("AADSTS700213");
  });

  it("a wrong secret → HF5109 with Entra's reason, and the planted secret appears nowhere", async () => {
    const planted = "Pl4nted~Wrong~Secret~0123456789abcdefghij";
    const tg = target({ AZURE_TENANT_ID: t.tenantId, AZURE_CLIENT_ID: t.clientId, AZURE_CLIENT_SECRET: planted });
    const provider = createTokenProvider(tg, { stateDir: join(cwd, ".holofleet") });
    const err = (await provider.getToken({ forceRefresh: false }).catch((e: unknown) => e)) as AuthenticationError;
    await provider.close();
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err.code).toBe("HF5109");
    expect(err.message).toContain("AADSTS7000215");
    for (const text of [err.message, JSON.stringify(err), JSON.stringify(err.toDiagnostic()), String(err.stack)]) expect(text).not.toContain(planted);
  });

  it("certificate files that cannot work → HF5106 located at the file", async () => {
    const cert = await createClientCertificate("bad files");
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const cases: [string, RegExp][] = [
      [cert.certPem, /no private key/],
      [cert.keyPem, /no PEM certificate/],
      [cert.certPem + ec, /EC key/],
    ];
    for (const [content, message] of cases) {
      const file = join(cwd, "bad.pem");
      writeFileSync(file, content);
      const tg = target({ AZURE_TENANT_ID: t.tenantId, AZURE_CLIENT_ID: t.clientId, AZURE_CLIENT_CERTIFICATE_PATH: file });
      const err = (() => {
        try {
          createTokenProvider(tg, { stateDir: cwd });
        } catch (e) {
          return e as AuthenticationError;
        }
      })();
      expect(err?.code).toBe("HF5106");
      expect(err?.message).toMatch(message);
      expect(err?.source?.file).toBe(file);
    }
    const missing = target({ AZURE_TENANT_ID: t.tenantId, AZURE_CLIENT_ID: t.clientId, AZURE_FEDERATED_TOKEN_FILE: join(cwd, "nope") });
    expect(() => createTokenProvider(missing, { stateDir: cwd })).toThrow(expect.objectContaining({ code: "HF5107" }));
  });

  it("a local tenant that is not running → HF5113 with the real cause and how to start it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "holofleet-stopped-"));
    const stopped = await startTestTenant({ dir });
    const work = workDirFor(stopped);
    await stopped.close();
    try {
      const { target: tg } = resolveTarget({ cwd: work }, {}, nodeFiles);
      const provider = createTokenProvider(tg!, { stateDir: join(work, ".holofleet") });
      const err = (await provider.getToken({ forceRefresh: false }).catch((e: unknown) => e)) as AuthenticationError;
      await provider.close();
      expect(err).toMatchObject({ code: "HF5113", fix: expect.stringContaining("holofleet tenant local start") });
      expect(err.message).toContain("ECONNREFUSED");
      expect(err.message).not.toContain(stopped.clientSecret);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(work, { recursive: true, force: true });
    }
  });
});
