/**
 * `POST /{tenant}/oauth2/v2.0/token` for the client credentials grant, with a client secret or a
 * certificate `client_assertion`, answering like Entra: a numeric `expires_in` (without it MSAL and
 * identity treat the token as expired, local-https-auth.md §2) and Entra's error shape
 * `{ error, error_description: "AADSTS…", error_codes, timestamp, trace_id, correlation_id }`.
 * Delegated grants live in `device-code.ts`, `authorization-code.ts` and `refresh-token.ts`, federated assertions in
 * `federated-assertion.ts`.
 */
import { randomUUID } from "node:crypto";
import { decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from "jose";
import type { SimStore } from "../framework.ts";
import { GRAPH_APP_ID, GRAPH_AUDIENCE, TOKEN_LIFETIME_SECONDS, issueAccessToken, type TokenSigner } from "./access-token.ts";
import { findApplication, findAssertionCertificate, secretMatches, type ApplicationDoc } from "./applications.ts";
import { redeemAuthorizationCode } from "./authorization-code.ts";
import { issuerOf, tokenEndpointOf } from "./openid.ts";
import { createAssertionReplayCache, type AssertionReplayCache } from "./assertion-replay.ts";
import { isDeviceCodeGrant, redeemDeviceCode } from "./device-code.ts";
import { checkFederatedAssertion, isFederatedAssertion } from "./federated-assertion.ts";
import { redeemRefreshToken } from "./refresh-token.ts";

export const JWT_BEARER_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/** Entra tolerates about five minutes of clock skew on client assertions. */
const ASSERTION_CLOCK_TOLERANCE_SECONDS = 300;
/**
 * The longest an assertion may still be valid when it is presented. Microsoft's certificate
 * credentials page asks for "5-10 minutes after nbf at most" (MSAL signs for 10) but says Entra
 * sets no limit on `exp` today; the local tenant refuses anything valid for more than an hour, so
 * a leaked assertion is not a long-lived credential (and the replay cache stays small).
 */
export const MAX_ASSERTION_LIFETIME_SECONDS = 3600;

/** Shared by tenants that pass none (keys include the client id; jtis are GUIDs). */
const defaultReplayCache = createAssertionReplayCache();

export interface TokenRequest {
  /** The `{tenant}` path segment as sent. */
  tenantSegment: string;
  form: URLSearchParams;
  /** Origin the client used (from `Host`), e.g. `https://127.0.0.1:8443`. */
  origin: string;
  tenantId: string;
  /** Accepted alias of the tenant id in the path (the initial domain). */
  tenantDomain?: string;
  store: SimStore;
  signer: TokenSigner;
  now: Date;
  correlationId?: string;
  /** Where used client assertion jtis are remembered (one per tenant). */
  assertionReplay?: AssertionReplayCache;
}

export interface TokenResponse {
  status: number;
  body: Record<string, unknown>;
}

/** Answers with Entra's error body. */
export type Fail = (status: number, error: string, code: number, description: string) => TokenResponse;

export function entraError(
  status: number,
  error: string,
  code: number,
  description: string,
  now: Date,
  correlationId: string,
): TokenResponse {
  const traceId = randomUUID();
  // Entra's timestamp format: "2026-11-29 10:17:06Z".
  const timestamp = now.toISOString().slice(0, 19).replace("T", " ") + "Z";
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}

/** True when `scope` asks for Microsoft Graph's `.default` (OIDC scopes that MSAL may add are ignored). */
function scopeProblem(scope: string | null): string | undefined {
  if (!scope) return "The request body must contain the following parameter: 'scope'.";
  const scopes = scope.split(/\s+/).filter((s) => s && !["openid", "profile", "offline_access", "email"].includes(s));
  const graph = scopes.filter((s) => {
    const m = /^(.*)\/\.default$/.exec(s);
    return m && [GRAPH_AUDIENCE, `${GRAPH_AUDIENCE}/`, GRAPH_APP_ID].includes(m[1] ?? "");
  });
  if (graph.length === 1 && scopes.length === 1) return undefined;
  return `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`;
}

export async function handleTokenRequest(req: TokenRequest): Promise<TokenResponse> {
  const { form, now } = req;
  const correlationId = req.correlationId || form.get("client-request-id") || randomUUID();
  const fail = (status: number, error: string, code: number, description: string) =>
    entraError(status, error, code, description, now, correlationId);

  const segment = req.tenantSegment.toLowerCase();
  if (segment !== req.tenantId.toLowerCase() && segment !== req.tenantDomain?.toLowerCase())
    return fail(400, "invalid_request", 90002, `Tenant '${req.tenantSegment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);

  const grantType = form.get("grant_type");
  if (!grantType) return fail(400, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'.");
  // Delegated sign-ins (a person, not the app): device code and refresh token grants.
  if (isDeviceCodeGrant(grantType)) return redeemDeviceCode(req, fail);
  if (grantType === "refresh_token") return redeemRefreshToken(req, fail);
  if (grantType === "authorization_code") return redeemAuthorizationCode(req, fail);
  if (grantType !== "client_credentials")
    return fail(400, "unsupported_grant_type", 70003, `The app requested an unsupported grant type '${grantType}'.`);

  const clientId = form.get("client_id");
  if (!clientId) return fail(400, "invalid_request", 900144, "The request body must contain the following parameter: 'client_id'.");

  const badScope = scopeProblem(form.get("scope"));
  if (badScope) return fail(400, "invalid_scope", 1002012, badScope);

  const app = findApplication(req.store, clientId);
  if (!app)
    return fail(
      400,
      "unauthorized_client",
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${req.tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    );

  const client = await authenticateClient(req, app, fail);
  if (!client.ok) return client.response;
  const credentialType = client.credentialType;

  const accessToken = await issueAccessToken(req.signer, app, {
    tenantId: req.tenantId,
    issuer: issuerOf(req.origin, req.tenantId),
    credentialType,
    nowSeconds: Math.floor(Date.now() / 1000),
  });
  return {
    status: 200,
    body: {
      token_type: "Bearer",
      expires_in: TOKEN_LIFETIME_SECONDS,
      ext_expires_in: TOKEN_LIFETIME_SECONDS,
      access_token: accessToken,
    },
  };
}

export type ClientAuthentication = { ok: true; credentialType: "secret" | "certificate" } | { ok: false; response: TokenResponse };

/**
 * A confidential client proves who it is with a client secret or a `client_assertion` (a certificate
 * assertion, or a federated token); shared by the client credentials and authorization code grants.
 */
export async function authenticateClient(req: TokenRequest, app: ApplicationDoc, fail: Fail): Promise<ClientAuthentication> {
  const secret = req.form.get("client_secret");
  const assertion = req.form.get("client_assertion");
  const refuse = (status: number, error: string, code: number, description: string): ClientAuthentication => ({ ok: false, response: fail(status, error, code, description) });
  if (secret !== null) {
    if (!secretMatches(app, secret)) return refuse(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '" + app.appId + "'.");
    return { ok: true, credentialType: "secret" };
  }
  if (assertion !== null) {
    if (req.form.get("client_assertion_type") !== JWT_BEARER_ASSERTION_TYPE)
      return refuse(400, "invalid_request", 50027, "JWT token is invalid or malformed: client_assertion_type is not 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'.");
    const problem = isFederatedAssertion(app, assertion) ? await checkFederatedAssertion(req.store, app, assertion) : await checkClientAssertion(req, app, assertion);
    if (problem) return refuse(401, "invalid_client", problem.code, problem.message);
    return { ok: true, credentialType: "certificate" };
  }
  return refuse(401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
}

/**
 * Checks a certificate client assertion: signed (PS256 or RS256, what MSAL uses) by a certificate
 * registered on the app, `iss` = `sub` = client id, `aud` = this token endpoint, `exp` and `nbf`
 * present and at most `MAX_ASSERTION_LIFETIME_SECONDS` away, and a `jti` not used before (each
 * assertion is good for one token). `nbf` may be a second in the future with MSAL
 * (local-https-auth.md §2), hence the clock tolerance.
 */
async function checkClientAssertion(
  req: TokenRequest,
  app: ApplicationDoc,
  assertion: string,
): Promise<{ code: number; message: string } | undefined> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    return { code: 50027, message: "JWT token is invalid or malformed." };
  }
  const cert = findAssertionCertificate(app, header as { "x5t#S256"?: unknown; x5t?: unknown });
  if (!cert)
    return {
      code: 700027,
      message: `Client assertion failed signature validation. The key was not found. Thumbprint of key used by client: '${String(header["x5t#S256"] ?? header.x5t ?? "")}'. Please verify that the certificate is registered on app '${app.appId}'.`,
    };
  const audiences = [tokenEndpointOf(req.origin, req.tenantId), `${req.origin}/${req.tenantId}/v2.0`];
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(assertion, cert.publicKey, {
      algorithms: ["PS256", "RS256"],
      audience: audiences,
      issuer: app.appId,
      subject: app.appId,
      clockTolerance: ASSERTION_CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ["exp", "nbf", "aud", "iss", "sub", "jti"],
    }));
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired)
      return { code: 700024, message: "Client assertion is not within its valid time range." };
    if (err instanceof joseErrors.JWTClaimValidationFailed && err.claim === "aud")
      return { code: 700027, message: `Client assertion failed signature/claims validation: "aud" must be '${audiences[0]}'.` };
    const reason = err instanceof Error ? err.message : String(err);
    return { code: 700027, message: `Client assertion failed signature/claims validation: ${reason}` };
  }
  // Assertion times are real time, like the access tokens (the tenant clock is for tenant data).
  const nowSeconds = Math.floor(Date.now() / 1000);
  const exp = claims.exp!;
  if (exp - nowSeconds > MAX_ASSERTION_LIFETIME_SECONDS + ASSERTION_CLOCK_TOLERANCE_SECONDS)
    return {
      code: 700024,
      message: `Client assertion is not within its valid time range. It expires at ${new Date(exp * 1000).toISOString()}; an assertion may be valid for at most ${MAX_ASSERTION_LIFETIME_SECONDS} seconds.`,
    };
  const replay = req.assertionReplay ?? defaultReplayCache;
  if (typeof claims.jti !== "string" || claims.jti === "" || !replay.claim(app.appId, claims.jti, exp + ASSERTION_CLOCK_TOLERANCE_SECONDS, nowSeconds))
    return { code: 700027, message: "Client assertion failed signature/claims validation: an assertion with this jti has already been used; sign a new one for each request." };
  return undefined;
}
