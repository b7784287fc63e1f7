/**
 * Tokens for a signed-in user (delegated access), as Entra issues them to a public client: an
 * access token for Graph with `idtyp: user`, the user's `oid`/`upn`/`name` and the consented
 * delegated permissions in `scp` (no `roles`); an ID token (audience: the client) and `client_info`
 * when `openid` was asked for, which MSAL needs to build its account; and a refresh token when
 * `offline_access` was asked for. Refresh tokens are opaque, kept only as SHA-256 hashes in the
 * store, single use (rotated on every redemption) and valid 90 days, on real time like access tokens.
 */
import { createHash, randomBytes } from "node:crypto";
import { SignJWT } from "jose";
import type { SimStore } from "../framework.ts";
import type { UserDoc } from "../directory/types.ts";
import { GRAPH_AUDIENCE, TOKEN_LIFETIME_SECONDS, type TokenSigner } from "./access-token.ts";
import type { ApplicationDoc } from "./applications.ts";
import { groupClaims } from "./group-claims.ts";

export const REFRESH_TOKENS_KIND = "_simRefreshTokens";
/** Entra's refresh tokens last 90 days (a sliding window: every redemption issues a new one). */
export const REFRESH_TOKEN_LIFETIME_SECONDS = 90 * 86_400;

export interface RefreshTokenDoc {
  /** SHA-256 of the token. */
  id: string;
  clientId: string;
  userId: string;
  /** The scopes the token was first issued for (OIDC scopes included). */
  scopes: string[];
  expiresAt: number;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface DelegatedGrant {
  app: ApplicationDoc;
  user: UserDoc & { accountEnabled?: boolean };
  /** Requested scopes: OIDC ones (`openid`, `profile`, `offline_access`) and Graph ones. */
  scopes: string[];
  tenantId: string;
  issuer: string;
  nowSeconds: number;
  /** The local tenant's origin: the groups overage claim points at its Graph. */
  origin: string;
  /** The authorization code flow's `nonce`, repeated in the ID token. */
  nonce?: string;
}

/** MSAL's `client_info`: base64url JSON of the user's object id and home tenant. */
export function clientInfoOf(userId: string, tenantId: string): string {
  return Buffer.from(JSON.stringify({ uid: userId, utid: tenantId })).toString("base64url");
}

/** Entra's pairwise `sub`: stable per user and app, not the object id. */
function pairwiseSubject(userId: string, appId: string): string {
  return createHash("sha256").update(`${userId}|${appId}`).digest("base64url").slice(0, 43);
}

/** The token response body of a successful delegated grant (device code, authorization code or refresh token). */
export async function issueDelegatedTokens(store: SimStore, signer: TokenSigner, grant: DelegatedGrant): Promise<Record<string, unknown>> {
  const { app, user, nowSeconds } = grant;
  const granted = [...(app._delegatedScopes ?? [])].sort();
  const sub = pairwiseSubject(user.id, app.appId);
  const accessToken = await new SignJWT({
    tid: grant.tenantId,
    oid: user.id,
    upn: user.userPrincipalName,
    unique_name: user.userPrincipalName,
    name: user.displayName ?? user.userPrincipalName,
    appid: app.appId,
    azp: app.appId,
    appidacr: "0",
    azpacr: "0",
    app_displayname: app.displayName,
    idp: grant.issuer,
    idtyp: "user",
    scp: granted.join(" "),
    uti: randomBytes(16).toString("base64url"),
    ver: "2.0",
  })
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: signer.kid })
    .setIssuer(grant.issuer)
    .setAudience(GRAPH_AUDIENCE)
    .setSubject(sub)
    .setIssuedAt(nowSeconds)
    .setNotBefore(nowSeconds)
    .setExpirationTime(nowSeconds + TOKEN_LIFETIME_SECONDS)
    .sign(signer.privateKey);

  const body: Record<string, unknown> = {
    token_type: "Bearer",
    // Entra lists the granted Graph permissions by their short names, plus the OIDC scopes asked for.
    scope: [...granted, ...grant.scopes.filter((s) => ["openid", "profile", "email", "offline_access"].includes(s))].join(" "),
    expires_in: TOKEN_LIFETIME_SECONDS,
    ext_expires_in: TOKEN_LIFETIME_SECONDS,
    access_token: accessToken,
  };
  if (grant.scopes.includes("openid")) {
    body.id_token = await new SignJWT({
      tid: grant.tenantId,
      oid: user.id,
      preferred_username: user.userPrincipalName,
      name: user.displayName ?? user.userPrincipalName,
      ver: "2.0",
      ...(grant.nonce !== undefined ? { nonce: grant.nonce } : {}),
      // Entra lists the groups in every ID token of an app that asks for them, whatever the flow.
      ...groupClaims(store, app, user.id, grant.origin),
    })
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: signer.kid })
      .setIssuer(grant.issuer)
      .setAudience(app.appId)
      .setSubject(sub)
      .setIssuedAt(nowSeconds)
      .setNotBefore(nowSeconds)
      .setExpirationTime(nowSeconds + TOKEN_LIFETIME_SECONDS)
      .sign(signer.privateKey);
    body.client_info = clientInfoOf(user.id, grant.tenantId);
  }
  if (grant.scopes.includes("offline_access")) {
    const refreshToken = `1.${randomBytes(48).toString("base64url")}`;
    const doc: RefreshTokenDoc = {
      id: hashToken(refreshToken),
      clientId: app.appId,
      userId: user.id,
      scopes: grant.scopes,
      expiresAt: nowSeconds + REFRESH_TOKEN_LIFETIME_SECONDS,
    };
    store.put(REFRESH_TOKENS_KIND, doc);
    body.refresh_token = refreshToken;
  }
  return body;
}
