/**
 * The token endpoint's refresh token grant for delegated sign-ins: a refresh token issued by
 * `delegated-token.ts` buys a new access token (and a new refresh token; the old one is spent) for
 * the same client and user, as long as the user still exists and is enabled and the scopes asked
 * for are consented. Errors as Entra words them: AADSTS9002313 for a token it does not know,
 * 700082 for one past its 90 days, 50034 / 50057 for a deleted or disabled user.
 */
import { findUser } from "../directory/lookup.ts";
import { findApplication, secretMatches } from "./applications.ts";
import { consentMessage, parseDelegatedScopes, scopeList, unconsentedScopes } from "./delegated-scopes.ts";
import { hashToken, issueDelegatedTokens, REFRESH_TOKENS_KIND, type RefreshTokenDoc } from "./delegated-token.ts";
import { issuerOf } from "./openid.ts";
import type { TokenRequest, TokenResponse } from "./token-endpoint.ts";

type Fail = (status: number, error: string, code: number, description: string) => TokenResponse;

export async function redeemRefreshToken(req: TokenRequest, fail: Fail): Promise<TokenResponse> {
  const clientId = req.form.get("client_id");
  if (!clientId) return fail(400, "invalid_request", 900144, "The request body must contain the following parameter: 'client_id'.");
  const token = req.form.get("refresh_token");
  if (!token) return fail(400, "invalid_request", 900144, "The request body must contain the following parameter: 'refresh_token'.");
  const app = findApplication(req.store, clientId);
  if (!app) return fail(400, "unauthorized_client", 700016, `Application with identifier '${clientId}' was not found in the directory '${req.tenantId}'.`);
  const secret = req.form.get("client_secret");
  if (secret !== null && !secretMatches(app, secret)) return fail(401, "invalid_client", 7000215, `Invalid client secret provided for app '${app.appId}'.`);

  const doc = req.store.get<RefreshTokenDoc>(REFRESH_TOKENS_KIND, hashToken(token));
  if (!doc || doc.clientId.toLowerCase() !== app.appId.toLowerCase())
    return fail(400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.");
  const nowSeconds = Math.floor(Date.now() / 1000);
  if (doc.expiresAt < nowSeconds) {
    req.store.delete(REFRESH_TOKENS_KIND, doc.id);
    return fail(400, "invalid_grant", 700082, "The refresh token has expired due to inactivity. The token was inactive for 90.00:00:00.");
  }
  const user = findUser(req.store, doc.userId);
  if (!user) return fail(400, "invalid_grant", 50034, "The user account does not exist in this directory.");
  if ((user as { accountEnabled?: unknown }).accountEnabled === false) return fail(400, "invalid_grant", 50057, "The user account is disabled.");

  const asked = req.form.get("scope");
  const parsed = parseDelegatedScopes(asked ?? doc.scopes.join(" "));
  if (!parsed.ok) return fail(400, "invalid_scope", 70011, parsed.message);
  if (unconsentedScopes(app, parsed.scopes).length) return fail(400, "invalid_grant", 65001, consentMessage(app));

  req.store.delete(REFRESH_TOKENS_KIND, doc.id);
  // A refresh keeps the refresh token's offline access even when the new request omits it.
  const scopes = [...new Set([...scopeList(parsed.scopes), ...doc.scopes.filter((s) => s === "offline_access")])];
  return {
    status: 200,
    body: await issueDelegatedTokens(req.store, req.signer, {
      app,
      user,
      scopes,
      tenantId: req.tenantId,
      issuer: issuerOf(req.origin, req.tenantId),
      origin: req.origin,
      nowSeconds,
    }),
  };
}
