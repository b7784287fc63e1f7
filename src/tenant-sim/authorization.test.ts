/** Graph's authorization at the front door: 401 for missing, forged, expired or foreign tokens; 403 without the route's permission. */
import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestTenant, type TestTenant } from "./testing.ts";

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant();
});
afterAll(async () => {
  await t?.close();
});

async function signed(key: Parameters<SignJWT["sign"]>[0], claims: Record<string, unknown>, exp: number) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ tid: t.tenantId, appid: t.clientId, roles: ["Organization.Read.All"], ...claims })
    .setProtectedHeader({ alg: "RS256", typ: "JWT" })
    .setIssuer(`${t.baseUrl}/${t.tenantId}/v2.0`)
    .setAudience("https://graph.microsoft.com")
    .setIssuedAt(now - 7200)
    .setNotBefore(now - 7200)
    .setExpirationTime(now + exp)
    .sign(key);
}

const tenantKey = () => createPrivateKey(readFileSync(join(t.dir, "token-signing-key.pem")));

/** A token signed with the tenant's own key, with exactly the claims given (no defaults). */
function signedExactly(claims: Record<string, unknown>) {
  return new SignJWT({ tid: t.tenantId, appid: t.clientId, aud: "https://graph.microsoft.com", roles: ["Organization.Read.All"], ...claims })
    .setProtectedHeader({ alg: "RS256", typ: "JWT" })
    .sign(tenantKey());
}

describe("authorization", () => {
  it.each([
    ["a malformed token", () => Promise.resolve("Bearer abc"), /JWT is not well formed/],
    ["a token signed by another key", () => signed(generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey, {}, 600).then((x) => `Bearer ${x}`), /^Access token validation failure\.$/],
    ["an expired token", () => signed(createPrivateKey(readFileSync(join(t.dir, "token-signing-key.pem"))), {}, -3600).then((x) => `Bearer ${x}`), /token is expired/],
    ["a token of another tenant", () => signed(createPrivateKey(readFileSync(join(t.dir, "token-signing-key.pem"))), { tid: "00000000-0000-0000-0000-000000000009" }, 600).then((x) => `Bearer ${x}`), /Invalid audience/],
  ])("answers 401 InvalidAuthenticationToken for %s", async (_name, auth, message) => {
    const res = await t.graph("GET", "/v1.0/organization", undefined, { authorization: await auth() });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("InvalidAuthenticationToken");
    expect(res.body.error.message).toMatch(message);
    expect(res.headers["www-authenticate"]).toMatch(/^Bearer /);
  });

  describe("tokens the tenant's own key signed: iss, exp and nbf are enforced", () => {
    const now = () => Math.floor(Date.now() / 1000);
    const issuer = () => `${t.baseUrl}/${t.tenantId}/v2.0`;
    it.each([
      ["no exp", () => ({ iss: issuer(), nbf: now() - 60 }), /^Access token validation failure\.$/],
      ["no nbf", () => ({ iss: issuer(), exp: now() + 600 }), /^Access token validation failure\.$/],
      ["no iss", () => ({ nbf: now() - 60, exp: now() + 600 }), /Invalid issuer/],
      ["a foreign iss", () => ({ iss: `https://login.microsoftonline.com/${t.tenantId}/v2.0`, nbf: now() - 60, exp: now() + 600 }), /Invalid issuer/],
      ["another port's iss", () => ({ iss: `https://127.0.0.1:1/${t.tenantId}/v2.0`, nbf: now() - 60, exp: now() + 600 }), /Invalid issuer/],
      ["an nbf an hour ahead", () => ({ iss: issuer(), nbf: now() + 3600, exp: now() + 7200 }), /not yet valid/],
    ])("%s → 401", async (_name, claims, message) => {
      const res = await t.graph("GET", "/v1.0/organization", undefined, { authorization: `Bearer ${await signedExactly(claims())}` });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("InvalidAuthenticationToken");
      expect(res.body.error.message).toMatch(message);
    });

    it("the issuer of either host name of this server (127.0.0.1 or localhost) → 200", async () => {
      const port = new URL(t.baseUrl).port;
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
        const token = await signedExactly({ iss: `https://${host}/${t.tenantId}/v2.0`, nbf: now() - 60, exp: now() + 600 });
        expect((await t.graph("GET", "/v1.0/organization", undefined, { authorization: `Bearer ${token}` })).status).toBe(200);
      }
    });
  });

  it("answers 403 Authorization_RequestDenied when no listed application permission is held", async () => {
    const app = await t.createApp(["User.Read.All"]);
    const denied = await t.graph("GET", `/v1.0/organization/${t.tenantId}`, undefined, { authorization: `Bearer ${await t.tokenFor(app.clientId)}` });
    // GET /organization/{id} lists User.Read.All in the map, GET /organization too: both allowed.
    expect(denied.status).toBe(200);
    const none = await t.createApp(["Mail.Read"]);
    const res = await t.graph("GET", "/v1.0/organization", undefined, { authorization: `Bearer ${await t.tokenFor(none.clientId)}` });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("Authorization_RequestDenied");
    expect(res.body.error.message).toBe("Insufficient privileges to complete the operation.");
  });

  it("answers 400 for an unknown segment and 404 for a missing version, as Graph does", async () => {
    const seg = await t.graph("GET", "/v1.0/nothingHere");
    expect(seg.status).toBe(400);
    expect(seg.body.error.message).toBe("Resource not found for the segment 'nothingHere'.");
    const ver = await t.graph("GET", "/deviceManagement/deviceConfigurations");
    expect(ver.status).toBe(404);
    expect(ver.body.error).toMatchObject({ code: "ResourceNotFound", message: "Invalid version: deviceManagement" });
  });

  it("answers 405 for a method the path does not have", async () => {
    const res = await t.graph("DELETE", "/v1.0/organization");
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe("GET");
  });
});
