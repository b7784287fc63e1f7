/**
 * `GET|POST /{tenant}/oauth2/v2.0/authorize`: the OpenID Connect authorization code flow's front
 * channel, as Entra's v2 endpoint speaks it (entra-docs `v2-oauth2-auth-code-flow.md`). A GET checks
 * the request and shows the sign-in page; the page posts back the username and password (checked
 * against the password set through Graph's `passwordProfile`, `user-password.ts`), and a right one
 * redirects to `redirect_uri?code=…&state=…`.
 *
 * As on Entra, an unknown client or a redirect URI the app has not registered is shown on the page
 * and never redirected to; every later problem goes back to the redirect URI as `error`,
 * `error_description` (AADSTS…) and `state`. PKCE is required here, S256 only. Only
 * `response_mode=query` is served. The pending sign-in lives server-side (its token is the form's
 * `flowToken`, stored hashed), which also makes a forged form post useless.
 */
import { createHash, randomBytes } from "node:crypto";
import type { SimStore } from "../framework.ts";
import { findUser } from "../directory/lookup.ts";
import { findApplication, redirectUriRegistered } from "./applications.ts";
import { issueAuthorizationCode } from "./authorization-code.ts";
import { consentMessage, parseDelegatedScopes, scopeList, unconsentedScopes } from "./delegated-scopes.ts";
import { errorPage, signInPage } from "./sign-in-page.ts";
import { userPasswordMatches } from "./user-password.ts";

export const AUTHORIZE_FLOWS_KIND = "_simAuthorizeFlows";
/** How long the sign-in page stays usable (tenant clock). */
const FLOW_LIFETIME_MS = 15 * 60_000;
/** Wrong passwords one sign-in page takes before it must be started again (Entra locks out too). */
const MAX_FAILED_ATTEMPTS = 10;
/** PKCE S256 challenges are the base64url SHA-256 of the verifier: 43 characters. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

interface AuthorizeFlowDoc {
  /** SHA-256 of the flow token. */
  id: string;
  clientId: string;
  redirectUri: string;
  state: string | null;
  nonce: string | null;
  scopes: string[];
  codeChallenge: string;
  loginHint: string;
  failedAttempts: number;
  expiresAt: number;
}

export interface AuthorizeRequest {
  method: string;
  tenantSegment: string;
  query: URLSearchParams;
  /** The posted form (POST only). */
  form: URLSearchParams;
  origin: string;
  tenantId: string;
  tenantDomain: string;
  tenantName: string;
  store: SimStore;
  /** The tenant clock. */
  now: Date;
  correlationId: string;
}

export interface AuthorizeAnswer {
  status: number;
  headers: Record<string, string>;
  /** HTML. */
  body?: string;
}

const hash = (text: string) => createHash("sha256").update(text).digest("hex");

function entraTimestamp(now: Date): string {
  return now.toISOString().slice(0, 19).replace("T", " ") + "Z";
}

function html(status: number, body: string, formTarget?: string): AuthorizeAnswer {
  // The form posts to this endpoint, whose answer redirects to the app: both must be allowed targets.
  const formAction = ["'self'", ...(formTarget ? [new URL(formTarget).origin] : [])].join(" ");
  return {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store, no-cache",
      pragma: "no-cache",
      "content-security-policy": `default-src 'none'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
      "x-frame-options": "DENY",
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    },
    body,
  };
}

function redirect(location: string): AuthorizeAnswer {
  return { status: 302, headers: { location, "cache-control": "no-store, no-cache", pragma: "no-cache", "referrer-policy": "no-referrer" } };
}

function withParams(uri: string, params: Record<string, string | null>): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== null) url.searchParams.set(k, v);
  return url.toString();
}

export function handleAuthorize(req: AuthorizeRequest): AuthorizeAnswer {
  const timestamp = entraTimestamp(req.now);
  const shown = (status: number, code: number, message: string) => html(status, errorPage(code, message, req.correlationId, timestamp));
  const segment = req.tenantSegment.toLowerCase();
  if (segment !== req.tenantId.toLowerCase() && segment !== req.tenantDomain.toLowerCase())
    return shown(400, 90002, `Tenant '${req.tenantSegment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
  if (req.method === "POST") return signIn(req, shown);
  if (req.method !== "GET") return shown(405, 900561, "The endpoint only accepts GET and POST requests.");

  const q = req.query;
  const clientId = q.get("client_id");
  if (!clientId) return shown(400, 900144, "The request body must contain the following parameter: 'client_id'.");
  const app = findApplication(req.store, clientId);
  if (!app)
    return shown(400, 700016, `Application with identifier '${clientId}' was not found in the directory '${req.tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`);
  const redirectUri = q.get("redirect_uri");
  if (!redirectUri) return shown(400, 900144, "The request body must contain the following parameter: 'redirect_uri'.");
  if (!redirectUriRegistered(app, redirectUri))
    return shown(400, 50011, `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${app.appId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`);

  // From here on the redirect URI is trusted: errors go back to the app.
  const state = q.get("state");
  const back = (error: string, code: number, description: string) =>
    redirect(withParams(redirectUri, { error, error_description: `AADSTS${code}: ${description} Trace ID: ${randomBytes(16).toString("hex")} Correlation ID: ${req.correlationId} Timestamp: ${timestamp}`, state }));
  const responseType = q.get("response_type");
  if (!responseType) return back("invalid_request", 900144, "The request body must contain the following parameter: 'response_type'.");
  if (responseType !== "code") return back("unsupported_response_type", 700054, `response_type '${responseType}' is not enabled for the application.`);
  const responseMode = q.get("response_mode") ?? "query";
  if (responseMode !== "query") return back("invalid_request", 50000, `The local tenant answers with response_mode 'query' only, not '${responseMode}'.`);
  const parsed = parseDelegatedScopes(q.get("scope"));
  if (!parsed.ok) return back("invalid_scope", 70011, parsed.message);
  if (unconsentedScopes(app, parsed.scopes).length) return back("consent_required", 65001, consentMessage(app));
  const challenge = q.get("code_challenge");
  if (!challenge) return back("invalid_request", 9002325, "Proof Key for Code Exchange is required for this authorization request.");
  if (q.get("code_challenge_method") !== "S256") return back("invalid_request", 50149, "Invalid Code_Challenge_method parameter: only 'S256' is accepted.");
  if (!S256_CHALLENGE.test(challenge)) return back("invalid_request", 501491, "Invalid size of Code_Challenge parameter.");
  // The local tenant keeps no sign-in session of its own, so it can never sign in silently.
  if (q.get("prompt") === "none") return back("login_required", 50058, "A silent sign-in request was sent but no user is signed in.");

  const flowToken = randomBytes(32).toString("base64url");
  const flow: AuthorizeFlowDoc = {
    id: hash(flowToken),
    clientId: app.appId,
    redirectUri,
    state,
    nonce: q.get("nonce"),
    scopes: scopeList(parsed.scopes),
    codeChallenge: challenge,
    loginHint: q.get("login_hint") ?? "",
    failedAttempts: 0,
    expiresAt: req.now.getTime() + FLOW_LIFETIME_MS,
  };
  req.store.put(AUTHORIZE_FLOWS_KIND, flow);
  return html(200, signInPage({ action: actionOf(req), flowToken, appName: app.displayName, tenantName: req.tenantName, username: flow.loginHint }), redirectUri);
}

function actionOf(req: AuthorizeRequest): string {
  return `${req.origin}/${req.tenantSegment}/oauth2/v2.0/authorize`;
}

function signIn(req: AuthorizeRequest, shown: (status: number, code: number, message: string) => AuthorizeAnswer): AuthorizeAnswer {
  const flowToken = req.form.get("flowToken") ?? "";
  const flow = flowToken ? req.store.get<AuthorizeFlowDoc>(AUTHORIZE_FLOWS_KIND, hash(flowToken)) : undefined;
  if (!flow || flow.expiresAt < req.now.getTime()) {
    if (flow) req.store.delete(AUTHORIZE_FLOWS_KIND, flow.id);
    return shown(400, 50097, "This sign-in request is unknown or has expired. Go back to the application and sign in again.");
  }
  const app = findApplication(req.store, flow.clientId);
  if (!app) return shown(400, 700016, `Application with identifier '${flow.clientId}' was not found in the directory '${req.tenantId}'.`);
  const username = (req.form.get("username") ?? "").trim();
  const password = req.form.get("password") ?? "";
  const again = (error: string) =>
    html(200, signInPage({ action: actionOf(req), flowToken, appName: app.displayName, tenantName: req.tenantName, username, error }), flow.redirectUri);

  const user = username.includes("@") ? findUser(req.store, username) : undefined;
  // One answer for an unknown user and a wrong password: the page tells nobody which accounts exist.
  if (!user || !userPasswordMatches(user._passwordHash, password)) {
    const failedAttempts = flow.failedAttempts + 1;
    if (failedAttempts >= MAX_FAILED_ATTEMPTS) {
      req.store.delete(AUTHORIZE_FLOWS_KIND, flow.id);
      return shown(400, 50053, "You've tried to sign in too many times with an incorrect user ID or password. Go back to the application and sign in again.");
    }
    req.store.put(AUTHORIZE_FLOWS_KIND, { ...flow, failedAttempts });
    return again("Your account or password is incorrect.");
  }
  if ((user as { accountEnabled?: unknown }).accountEnabled === false) return again("AADSTS50057: The user account is disabled.");
  if (user._forceChangePasswordNextSignIn === true || user._forceChangePasswordNextSignInWithMfa === true)
    return again("AADSTS50055: You must update your password before you sign in. The local tenant has no page for it: set a new password through Graph (passwordProfile) without forceChangePasswordNextSignIn.");

  req.store.delete(AUTHORIZE_FLOWS_KIND, flow.id);
  const code = issueAuthorizationCode(
    req.store,
    { clientId: flow.clientId, redirectUri: flow.redirectUri, codeChallenge: flow.codeChallenge, nonce: flow.nonce, scopes: flow.scopes, userId: user.id },
    req.now,
  );
  return redirect(withParams(flow.redirectUri, { code, state: flow.state }));
}
