/**
 * Access tokens of the local tenant: RS256 JWTs signed with the tenant key (`kid` in the header,
 * published at `/{tenant}/discovery/v2.0/keys`), audience `https://graph.microsoft.com`, the app's
 * application permissions in `roles`. Token lifetimes run on real time, not the `/_sim/clock`, so
 * cached tokens in clients stay valid when a test moves the tenant's clock.
 */
import { randomBytes } from "node:crypto";
import { SignJWT, errors as joseErrors, jwtVerify, type JWTPayload } from "jose";
import type { KeyObject } from "node:crypto";
import type { ApplicationDoc } from "./applications.ts";

export const GRAPH_AUDIENCE = "https://graph.microsoft.com";
/** Microsoft Graph's application id, which Entra also accepts as the resource of a `.default` scope. */
export const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
export const TOKEN_LIFETIME_SECONDS = 3599;

export interface TokenSigner {
  privateKey: KeyObject;
  publicKey: KeyObject;
  kid: string;
}

export interface AccessTokenClaims extends JWTPayload {
  tid: string;
  appid: string;
  azp: string;
  oid: string;
  roles?: string[];
  app_displayname: string;
}

/** `issuer` is `<origin>/<tenant>/v2.0`, the same value the OpenID document served to that client says. */
export async function issueAccessToken(
  signer: TokenSigner,
  app: ApplicationDoc,
  opts: { tenantId: string; issuer: string; credentialType: "secret" | "certificate"; nowSeconds: number },
): Promise<string> {
  // Entra: appidacr/azpacr are "1" for a client secret and "2" for a certificate.
  const acr = opts.credentialType === "secret" ? "1" : "2";
  const claims: AccessTokenClaims = {
    tid: opts.tenantId,
    appid: app.appId,
    azp: app.appId,
    appidacr: acr,
    azpacr: acr,
    app_displayname: app.displayName,
    idp: opts.issuer,
    idtyp: "app",
    oid: app._servicePrincipalId,
    uti: randomBytes(16).toString("base64url"),
    ver: "2.0",
    ...(app._roles.length ? { roles: app._roles } : {}),
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: signer.kid })
    .setIssuer(opts.issuer)
    .setAudience(GRAPH_AUDIENCE)
    .setSubject(app._servicePrincipalId)
    .setIssuedAt(opts.nowSeconds)
    .setNotBefore(opts.nowSeconds)
    .setExpirationTime(opts.nowSeconds + TOKEN_LIFETIME_SECONDS)
    .sign(signer.privateKey);
}

export type TokenCheck =
  | { ok: true; claims: AccessTokenClaims }
  | { ok: false; message: string };

/**
 * Checks a bearer token the way Graph's front door does. The messages are Graph's
 * `InvalidAuthenticationToken` texts (local-https-auth.md §2 for the empty token). Besides the
 * signature, audience and tenant, the token must name one of `issuers` (this server's
 * `<origin>/<tenant>/v2.0`) and carry `exp` and `nbf`, as every token Entra issues does: a token
 * signed with the tenant's key but without them, or for another issuer, is refused.
 */
export async function verifyAccessToken(
  signer: TokenSigner,
  authorization: string | undefined,
  tenantId: string,
  issuers: readonly string[],
): Promise<TokenCheck> {
  const match = /^Bearer\s+(.+)$/i.exec(authorization ?? "");
  const token = match?.[1]?.trim();
  if (!token) return { ok: false, message: "Access token is empty." };
  if (token.split(".").length !== 3) return { ok: false, message: "IDX14100: JWT is not well formed, there are no dots (.)." };
  try {
    const { payload } = await jwtVerify(token, signer.publicKey, {
      algorithms: ["RS256"],
      audience: [GRAPH_AUDIENCE, GRAPH_APP_ID],
      clockTolerance: 300,
      requiredClaims: ["exp", "nbf"],
    });
    const claims = payload as AccessTokenClaims;
    if (claims.tid !== tenantId) return { ok: false, message: "Access token validation failure. Invalid audience." };
    // Checked after the signature, so a forged token learns nothing from the message.
    if (typeof claims.iss !== "string" || !issuers.includes(claims.iss)) return { ok: false, message: "Access token validation failure. Invalid issuer." };
    return { ok: true, claims };
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) return { ok: false, message: "Lifetime validation failed, the token is expired." };
    if (err instanceof joseErrors.JWTClaimValidationFailed && err.claim === "nbf" && err.reason === "check_failed")
      return { ok: false, message: "Lifetime validation failed, the token is not yet valid." };
    if (err instanceof joseErrors.JWTClaimValidationFailed && err.claim === "aud")
      return { ok: false, message: "Access token validation failure. Invalid audience." };
    return { ok: false, message: "Access token validation failure." };
  }
}
