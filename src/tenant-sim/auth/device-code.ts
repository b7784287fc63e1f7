/**
 * The OAuth 2.0 device authorization grant (RFC 8628) as Entra serves it
 * (entra-docs `identity-platform/v2-oauth2-device-code.md`): `POST /{tenant}/oauth2/v2.0/devicecode`
 * issues a device code and a user code (15 minutes, polling interval 5 s); the token endpoint
 * redeems the device code with `grant_type=urn:ietf:params:oauth:grant-type:device_code` (or the
 * short `device_code` MSAL sends), answering
 * `authorization_pending` (AADSTS70016) until the user has signed in, `authorization_declined`,
 * `bad_verification_code` (70018), `expired_token` (70020), and RFC 8628's `slow_down` to a client
 * that polls faster than the interval. The local tenant has no sign-in page: a person or a test
 * signs in through `POST /_sim/sign-ins` (`sim-auth-routes.ts`).
 *
 * Codes are stored hashed (`_simDeviceCodes`) and timed on real time, like tokens.
 */
import { createHash, randomBytes, randomInt } from "node:crypto";
import type { SimStore } from "../framework.ts";
import { findUser } from "../directory/lookup.ts";
import { findApplication, secretMatches } from "./applications.ts";
import { consentMessage, parseDelegatedScopes, scopeList, unconsentedScopes } from "./delegated-scopes.ts";
import { issueDelegatedTokens } from "./delegated-token.ts";
import { issuerOf } from "./openid.ts";
import type { TokenRequest, TokenResponse } from "./token-endpoint.ts";

export const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

/** RFC 8628's grant type, or the short `device_code` MSAL sends (Entra takes both). */
export function isDeviceCodeGrant(grantType: string): boolean {
  return grantType === DEVICE_CODE_GRANT || grantType === "device_code";
}
export const DEVICE_CODES_KIND = "_simDeviceCodes";
export const QUEUED_SIGN_INS_KIND = "_simQueuedSignIns";
/** Entra: "the user has 15 minutes to sign in", polling every 5 seconds. */
export const DEVICE_CODE_LIFETIME_SECONDS = 900;
export const POLL_INTERVAL_SECONDS = 5;
/** A poll this much earlier than the interval still counts as on time (timers are not exact). */
const POLL_TOLERANCE_MS = 500;

export type SignInOutcome = "approve" | "decline" | "expire";

export interface DeviceCodeDoc {
  /** SHA-256 of the device code. */
  id: string;
  userCode: string;
  clientId: string;
  scopes: string[];
  expiresAt: number;
  lastPollAt?: number;
  status: "pending" | "approved" | "declined" | "consent_required" | "expired";
  userId?: string;
}

export interface QueuedSignIn {
  id: string;
  userPrincipalName?: string;
  outcome: SignInOutcome;
  clientId?: string;
}

type Fail = (status: number, error: string, code: number, description: string) => TokenResponse;

const hash = (text: string) => createHash("sha256").update(text).digest("hex");

/** Entra's user codes are nine characters of capital letters and digits, e.g. `FRWQDE7YL`. */
function newUserCode(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  return Array.from({ length: 9 }, () => alphabet[randomInt(alphabet.length)]).join("");
}

function knownTenant(req: Pick<TokenRequest, "tenantSegment" | "tenantId" | "tenantDomain">): boolean {
  const segment = req.tenantSegment.toLowerCase();
  return segment === req.tenantId.toLowerCase() || segment === req.tenantDomain?.toLowerCase();
}

/** `POST /{tenant}/oauth2/v2.0/devicecode`. */
export function handleDeviceAuthorization(req: Omit<TokenRequest, "signer">, fail: Fail): TokenResponse {
  if (!knownTenant(req))
    return fail(400, "invalid_request", 90002, `Tenant '${req.tenantSegment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
  const clientId = req.form.get("client_id");
  if (!clientId) return fail(400, "invalid_request", 900144, "The request body must contain the following parameter: 'client_id'.");
  const app = findApplication(req.store, clientId);
  if (!app)
    return fail(400, "unauthorized_client", 700016, `Application with identifier '${clientId}' was not found in the directory '${req.tenantId}'.`);
  const parsed = parseDelegatedScopes(req.form.get("scope"));
  if (!parsed.ok) return fail(400, "invalid_scope", 70011, parsed.message);

  const deviceCode = `DAQABIQEAAAD${randomBytes(96).toString("base64url")}`;
  const userCode = newUserCode();
  const doc: DeviceCodeDoc = {
    id: hash(deviceCode),
    userCode,
    clientId: app.appId,
    scopes: scopeList(parsed.scopes),
    expiresAt: Date.now() + DEVICE_CODE_LIFETIME_SECONDS * 1000,
    status: "pending",
  };
  req.store.put(DEVICE_CODES_KIND, doc);
  // A sign-in a test arranged in advance happens now (no waiting for a poll interval).
  const queued = req.store.list<QueuedSignIn>(QUEUED_SIGN_INS_KIND).find((q) => !q.clientId || q.clientId.toLowerCase() === app.appId.toLowerCase());
  if (queued) {
    req.store.delete(QUEUED_SIGN_INS_KIND, queued.id);
    signIn(req.store, userCode, queued.userPrincipalName, queued.outcome);
  }
  const verificationUri = `${req.origin}/_sim/sign-ins`;
  return {
    status: 200,
    body: {
      user_code: userCode,
      device_code: deviceCode,
      verification_uri: verificationUri,
      expires_in: DEVICE_CODE_LIFETIME_SECONDS,
      interval: POLL_INTERVAL_SECONDS,
      message: `To sign in to the local tenant, approve the code ${userCode}: POST ${verificationUri} with {"userCode":"${userCode}","userPrincipalName":"<your UPN>"} (the local tenant has no sign-in page).`,
    },
  };
}

export type SignInResult =
  | { ok: true; status: DeviceCodeDoc["status"] }
  | { ok: false; httpStatus: number; message: string };

/** A user signs in (or declines) for a user code, or the code is made to expire. */
export function signIn(store: SimStore, userCode: string, userPrincipalName: string | undefined, outcome: SignInOutcome): SignInResult {
  const wanted = userCode.replace(/[\s-]/g, "").toUpperCase();
  const doc = store.list<DeviceCodeDoc>(DEVICE_CODES_KIND).find((d) => d.userCode === wanted);
  if (!doc || doc.expiresAt < Date.now() || doc.status === "expired") return { ok: false, httpStatus: 404, message: `No pending sign-in has the code '${userCode}' (it may have expired).` };
  if (doc.status !== "pending") return { ok: false, httpStatus: 409, message: `The code '${userCode}' was already used (${doc.status}).` };
  if (outcome === "expire") {
    store.put(DEVICE_CODES_KIND, { ...doc, status: "expired" });
    return { ok: true, status: "expired" };
  }
  if (outcome === "decline") {
    store.put(DEVICE_CODES_KIND, { ...doc, status: "declined" });
    return { ok: true, status: "declined" };
  }
  const user = userPrincipalName ? findUser(store, userPrincipalName) : undefined;
  if (!user) return { ok: false, httpStatus: 404, message: `No user '${userPrincipalName ?? ""}' in this tenant.` };
  if ((user as { accountEnabled?: unknown }).accountEnabled === false)
    return { ok: false, httpStatus: 400, message: `AADSTS50057: The user account is disabled. The account '${user.userPrincipalName}' cannot sign in.` };
  const app = findApplication(store, doc.clientId);
  const parsed = parseDelegatedScopes(doc.scopes.join(" "));
  const consentMissing = !app || !parsed.ok || unconsentedScopes(app, parsed.scopes).length > 0;
  const status = consentMissing ? "consent_required" : "approved";
  store.put(DEVICE_CODES_KIND, { ...doc, status, userId: user.id });
  return { ok: true, status };
}

/** The token endpoint's device code grant. */
export async function redeemDeviceCode(req: TokenRequest, fail: Fail): Promise<TokenResponse> {
  const clientId = req.form.get("client_id");
  if (!clientId) return fail(400, "invalid_request", 900144, "The request body must contain the following parameter: 'client_id'.");
  const code = req.form.get("device_code");
  if (!code) return fail(400, "invalid_request", 900144, "The request body must contain the following parameter: 'device_code'.");
  const app = findApplication(req.store, clientId);
  if (!app) return fail(400, "unauthorized_client", 700016, `Application with identifier '${clientId}' was not found in the directory '${req.tenantId}'.`);
  const secret = req.form.get("client_secret");
  if (secret !== null) {
    if (!secretMatches(app, secret)) return fail(401, "invalid_client", 7000215, `Invalid client secret provided for app '${app.appId}'.`);
  } else if (app.isFallbackPublicClient !== true) {
    return fail(401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
  }

  const doc = req.store.get<DeviceCodeDoc>(DEVICE_CODES_KIND, hash(code));
  if (!doc || doc.clientId.toLowerCase() !== app.appId.toLowerCase())
    return fail(400, "bad_verification_code", 70018, "The device_code sent to the /token endpoint wasn't recognized. Invalid verification code.");
  const now = Date.now();
  if (doc.status === "expired" || doc.expiresAt < now) {
    req.store.delete(DEVICE_CODES_KIND, doc.id);
    return fail(400, "expired_token", 70020, "The provided value for the input parameter 'device_code' is not valid. This device code has expired.");
  }
  if (doc.status === "declined") {
    req.store.delete(DEVICE_CODES_KIND, doc.id);
    return fail(400, "authorization_declined", 70000, "The end user denied the authorization request.");
  }
  if (doc.status === "consent_required") {
    req.store.delete(DEVICE_CODES_KIND, doc.id);
    return fail(400, "invalid_grant", 65001, consentMessage(app));
  }
  if (doc.status === "pending") {
    const early = doc.lastPollAt !== undefined && now - doc.lastPollAt < POLL_INTERVAL_SECONDS * 1000 - POLL_TOLERANCE_MS;
    req.store.put(DEVICE_CODES_KIND, { ...doc, lastPollAt: now });
    if (early) return fail(400, "slow_down", 70016, `The client is polling too fast; wait at least ${POLL_INTERVAL_SECONDS} seconds between requests.`);
    return fail(400, "authorization_pending", 70016, "OAuth 2.0 device flow error. Authorization is pending. Continue polling.");
  }

  const user = doc.userId ? findUser(req.store, doc.userId) : undefined;
  if (!user) return fail(400, "invalid_grant", 50034, "The user account does not exist in this directory.");
  req.store.delete(DEVICE_CODES_KIND, doc.id);
  return {
    status: 200,
    body: await issueDelegatedTokens(req.store, req.signer, {
      app,
      user,
      scopes: doc.scopes,
      tenantId: req.tenantId,
      issuer: issuerOf(req.origin, req.tenantId),
      origin: req.origin,
      nowSeconds: Math.floor(now / 1000),
    }),
  };
}
