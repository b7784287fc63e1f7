/**
 * Authorization codes of the OpenID Connect code flow (entra-docs `v2-oauth2-auth-code-flow.md`):
 * issued by the sign-in page (`authorize.ts`), redeemed at the token endpoint with
 * `grant_type=authorization_code`. A code is single use, lives 10 minutes on the tenant clock (so a
 * test can let it expire with `/_sim/clock`), and is bound to the client, the redirect URI, the PKCE
 * challenge (S256 only) and the nonce. Only its SHA-256 is stored. Any redemption attempt by the
 * right client uses the code up, so a stolen code cannot be tried against many verifiers.
 */
import { createHash, randomBytes } from "node:crypto";
import type { SimStore } from "../framework.ts";
import { findUser } from "../directory/lookup.ts";
import { findApplication } from "./applications.ts";
import { issueDelegatedTokens } from "./delegated-token.ts";
import { issuerOf } from "./openid.ts";
import { authenticateClient, type Fail, type TokenRequest, type TokenResponse } from "./token-endpoint.ts";

export const AUTHORIZATION_CODES_KIND = "_simAuthorizationCodes";
/** Entra: authorization codes are short lived, about 10 minutes. */
export const AUTHORIZATION_CODE_LIFETIME_MS = 10 * 60_000;

export interface AuthorizationCodeDoc {
  /** SHA-256 of the code. */
  id: string;
  clientId: string;
  redirectUri: string;
  /** BASE64URL(SHA-256(code_verifier)). */
  codeChallenge: string;
  nonce: string | null;
  scopes: string[];
  userId: string;
  /** Tenant clock, ms since the epoch. */
  expiresAt: number;
  redeemed: boolean;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest();

export function issueAuthorizationCode(store: SimStore, grant: Omit<AuthorizationCodeDoc, "id" | "expiresAt" | "redeemed">, now: Date): string {
  const code = `0.A${randomBytes(64).toString("base64url")}`;
  store.put<AuthorizationCodeDoc>(AUTHORIZATION_CODES_KIND, {
    id: sha256(code).toString("hex"),
    ...grant,
    expiresAt: now.getTime() + AUTHORIZATION_CODE_LIFETIME_MS,
    redeemed: false,
  });
  return code;
}

/** RFC 7636 S256: the verifier's SHA-256, base64url, must equal the challenge. */
export function verifierMatches(verifier: string, challenge: string): boolean {
  return sha256(verifier).toString("base64url") === challenge;
}

/** The token endpoint's `grant_type=authorization_code`. */
export async function redeemAuthorizationCode(req: TokenRequest, fail: Fail): Promise<TokenResponse> {
  const form = req.form;
  const missing = (name: string) => fail(400, "invalid_request", 900144, `The request body must contain the following parameter: '${name}'.`);
  const clientId = form.get("client_id");
  if (!clientId) return missing("client_id");
  const code = form.get("code");
  if (!code) return missing("code");
  const app = findApplication(req.store, clientId);
  if (!app) return fail(400, "unauthorized_client", 700016, `Application with identifier '${clientId}' was not found in the directory '${req.tenantId}'.`);
  // The web platform's redirect URIs belong to a confidential client: it must authenticate.
  const client = await authenticateClient(req, app, fail);
  if (!client.ok) return client.response;

  const doc = req.store.get<AuthorizationCodeDoc>(AUTHORIZATION_CODES_KIND, sha256(code).toString("hex"));
  if (!doc) return fail(400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.");
  if (doc.clientId.toLowerCase() !== app.appId.toLowerCase())
    return fail(400, "invalid_grant", 70000, "The provided authorization code was issued to another application.");
  if (doc.redeemed)
    return fail(400, "invalid_grant", 54005, "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.");
  req.store.put<AuthorizationCodeDoc>(AUTHORIZATION_CODES_KIND, { ...doc, redeemed: true });
  if (req.now.getTime() > doc.expiresAt)
    return fail(400, "invalid_grant", 70008, "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.");
  const redirectUri = form.get("redirect_uri");
  if (!redirectUri) return missing("redirect_uri");
  if (redirectUri !== doc.redirectUri)
    return fail(400, "invalid_grant", 500112, "The reply address does not match the reply address provided when requesting Authorization code.");
  const verifier = form.get("code_verifier");
  if (!verifier) return missing("code_verifier");
  if (!verifierMatches(verifier, doc.codeChallenge))
    return fail(400, "invalid_grant", 501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request.");

  const user = findUser(req.store, doc.userId);
  if (!user) return fail(400, "invalid_grant", 50034, "The user account does not exist in this directory.");
  if ((user as { accountEnabled?: unknown }).accountEnabled === false) return fail(400, "invalid_grant", 50057, "The user account is disabled.");
  return {
    status: 200,
    body: await issueDelegatedTokens(req.store, req.signer, {
      app,
      user,
      scopes: doc.scopes,
      tenantId: req.tenantId,
      issuer: issuerOf(req.origin, req.tenantId),
      nowSeconds: Math.floor(Date.now() / 1000),
      origin: req.origin,
      ...(doc.nonce !== null ? { nonce: doc.nonce } : {}),
    }),
  };
}
