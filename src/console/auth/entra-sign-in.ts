/**
 * Sign-in to the console with Microsoft Entra ID: OpenID Connect's authorization code flow with PKCE
 * through `@azure/msal-node`'s confidential client, with the app credentials holofleet already uses for
 * its tenant. `GET /login/entra` sends the browser to the tenant's authorize endpoint; `GET
 * /login/entra/callback` redeems the code, reads the ID token's UPN and groups, and gives the highest
 * role whose groups (`console.entraSignIn.roles`) the person is in. Tokens stay in memory for the
 * length of one request and are never logged or kept.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { ConfidentialClientApplication, CryptoProvider, type Configuration } from "@azure/msal-node";
import { Hono, type Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { html } from "hono/html";
import { loadClientCertificate } from "../../auth/client-certificate.ts";
import { readFederatedToken } from "../../auth/automation.ts";
import { describeMsalError } from "../../auth/errors.ts";
import { msalSetup, type MsalSetup } from "../../auth/msal-config.ts";
import type { Target } from "../../auth/target.ts";
import { groupNickname } from "../../blueprint/object-names.ts";
import { isConsoleGroupKey } from "../../blueprint/schema/console.ts";
import type { ConsoleSection } from "../../blueprint/types.ts";
import { UserError } from "../../diag/diagnostic.ts";
import type { ConsoleRole } from "../../fleet/store/port.ts";
import { odataString } from "../../resources/graph-reads.ts";
import { consoleActor, type ConsoleDeps, type ConsoleEnv } from "../deps.ts";

import type { StartSession } from "./session.ts";

export interface EntraSignInOptions {
  deps: ConsoleDeps;
  /** The console's own origin as the browser reaches it, e.g. `http://127.0.0.1:8080`. */
  baseUrl: string;
  startSession: StartSession;
  /** The tenant and app people sign in with: the console's own target (its app credential). */
  target: Target;
}

export const ENTRA_LOGIN_PATH = "/login/entra";
export const ENTRA_CALLBACK_PATH = "/login/entra/callback";
/** Ties the callback to the browser that started the sign-in (the state alone could be replayed by someone else). */
const FLOW_COOKIE = "hf_entra_flow";
/** Entra's codes live about 10 minutes; a sign-in not finished by then starts again. */
const FLOW_LIFETIME_MS = 10 * 60_000;
/** Pending sign-ins held at once; the oldest go first, so a flood of starts cannot grow memory. */
const MAX_PENDING = 1000;
const OIDC_SCOPES = ["openid", "profile"];
const ROLES_HIGHEST_FIRST: readonly ConsoleRole[] = ["admin", "operator", "viewer"];

interface PendingSignIn {
  verifier: string;
  nonce: string;
  next: string | undefined;
  /** SHA-256 of the flow cookie's value. */
  browser: Buffer;
  expiresAt: number;
}

type RoleGroups = NonNullable<ConsoleSection["entraSignIn"]>["roles"];

const sha256 = (text: string) => createHash("sha256").update(text).digest();

/** A path on this console (`/devices?x=1`), never another site (`//evil`, `/\evil`, `https://…`). */
function localPath(next: string | undefined): string | undefined {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || /[\u0000-\u001f]/.test(next)) return undefined;
  return next;
}

/** MSAL's confidential client for the target's app credential (the person's own sign-in has none to offer). */
function confidentialClient(target: Target, setup: MsalSetup): ConfidentialClientApplication {
  const cred = target.credential;
  let auth: Configuration["auth"];
  if (cred.kind === "clientSecret") auth = { ...setup.auth, clientSecret: cred.clientSecret };
  else if (cred.kind === "clientCertificate") {
    const cert = loadClientCertificate(cred.certificatePath, cred.password);
    auth = { ...setup.auth, clientCertificate: { thumbprintSha256: cert.thumbprintSha256, privateKey: cert.privateKeyPem, ...(cred.sendChain ? { x5c: cert.chainPem } : {}) } };
  } else if (cred.kind === "federatedTokenFile") {
    auth = { ...setup.auth, clientAssertion: async () => readFederatedToken(cred.tokenFile) };
  } else {
    throw new UserError("the console's Entra ID sign-in needs holofleet's app credential", [
      {
        severity: "error",
        code: "HF8205",
        message: `console.entraSignIn is set, but ${target.tenant} is reached as a signed-in person, not with an app credential`,
        why: "The console redeems the sign-in's authorization code as a confidential client (a web app), which must prove itself with a secret, a certificate or a federated token.",
        fix: "Set AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE for the app people sign in with, or remove console.entraSignIn from the blueprint.",
      },
    ]);
  }
  return new ConfidentialClientApplication({ auth, system: setup.system });
}

function page(c: Context, status: 400 | 403 | 502, title: string, message: string) {
  c.header("cache-control", "no-store");
  return c.html(
    html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · holofleet</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/assets/console.css"></head>
<body>
<main>
<h1>${title}</h1>
<p>${message}</p>
<p><a href="/login">Back to sign-in</a></p>
</main>
</body>
</html>
`,
    status,
  );
}

/**
 * The groups of each role as Entra object ids: ids as written, console group keys by the `uniqueName`
 * the compiler gave their group (`<prefix>-console-operators`). Looked up at each sign-in, so a group
 * created or replaced after the console started counts.
 */
async function roleGroupIds(deps: ConsoleDeps, roles: RoleGroups, actor: string): Promise<Record<ConsoleRole, Set<string>>> {
  const keys = [...new Set([...roles.admin, ...roles.operator, ...roles.viewer].filter(isConsoleGroupKey))];
  const ids = new Map<string, string[]>();
  if (keys.length) {
    const graph = deps.fleetFor(actor).graph;
    for (const key of keys) {
      const uniqueName = groupNickname(deps.blueprint.tenant.namingPrefix, ...key.split("-"));
      const found = await graph.collect<{ id: string }>("/groups", { query: { $filter: `uniqueName eq ${odataString(uniqueName)}`, $select: "id" } });
      ids.set(key, found.map((g) => g.id.toLowerCase()));
    }
  }
  const resolve = (refs: string[]) => new Set(refs.flatMap((ref) => (isConsoleGroupKey(ref) ? (ids.get(ref) ?? []) : [ref.toLowerCase()])));
  return { admin: resolve(roles.admin), operator: resolve(roles.operator), viewer: resolve(roles.viewer) };
}

/**
 * The session cookie is SameSite=Strict, and this callback was reached from the tenant's site: a browser
 * sends no Strict cookie on a redirect chain that began on another site, so a plain redirect to the next
 * page would land on the sign-in page again. A page of this console that moves on by itself (a meta
 * refresh, which the CSP allows) makes the next request same-site.
 */
function sameSiteHop(res: Response): Response {
  const location = res.headers.get("location");
  if (res.status < 300 || res.status >= 400 || !location) return res;
  const headers = new Headers(res.headers);
  headers.delete("location");
  headers.set("content-type", "text/html; charset=utf-8");
  const href = location.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${href}"><title>Signed in · holofleet</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/assets/console.css"></head><body><main><h1>Signed in</h1><p><a href="${href}">Continue</a></p></main></body></html>`;
  return new Response(body, { status: 200, headers });
}

/** The highest role any of `groups` gives, or null. */
export function roleFor(groups: readonly string[], byRole: Record<ConsoleRole, Set<string>>): ConsoleRole | null {
  const mine = new Set(groups.map((g) => g.toLowerCase()));
  return ROLES_HIGHEST_FIRST.find((role) => [...byRole[role]].some((id) => mine.has(id))) ?? null;
}

export function entraSignInRoutes(opts: EntraSignInOptions): Hono<ConsoleEnv> | null {
  const { deps, startSession } = opts;
  const roles = deps.blueprint.console?.entraSignIn?.roles;
  if (!roles) return null;
  const target = opts.target;
  const setup = msalSetup(target);
  const msal = confidentialClient(target, setup);
  const crypto = new CryptoProvider();
  const baseUrl = opts.baseUrl.replace(/\/+$/, "");
  const redirectUri = `${baseUrl}${ENTRA_CALLBACK_PATH}`;
  const secureCookie = baseUrl.startsWith("https://");
  const pending = new Map<string, PendingSignIn>();

  const forget = (now: number) => {
    for (const [state, p] of pending) if (p.expiresAt <= now) pending.delete(state);
    while (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value!);
  };

  const app = new Hono<ConsoleEnv>();

  app.get(ENTRA_LOGIN_PATH, async (c) => {
    const now = Date.now();
    forget(now);
    const { verifier, challenge } = await crypto.generatePkceCodes();
    const state = randomBytes(32).toString("base64url");
    const nonce = randomBytes(32).toString("base64url");
    const browser = randomBytes(32).toString("base64url");
    let url: string;
    try {
      url = await msal.getAuthCodeUrl({
        scopes: OIDC_SCOPES,
        redirectUri,
        state,
        nonce,
        codeChallenge: challenge,
        codeChallengeMethod: "S256",
        responseMode: "query",
        prompt: "select_account",
      });
    } catch (err) {
      return page(c, 502, "Microsoft Entra ID cannot be reached", `The console could not reach ${target.authorityUrl}: ${setup.network.lastFailure() ?? describeMsalError(err)}`);
    }
    pending.set(state, { verifier, nonce, next: localPath(c.req.query("next")), browser: sha256(browser), expiresAt: now + FLOW_LIFETIME_MS });
    // Lax, not Strict: the callback is a top-level navigation coming from the tenant's site, and a
    // Strict cookie is not sent on it. Lax still keeps it off cross-site subrequests and POSTs.
    setCookie(c, FLOW_COOKIE, browser, { httpOnly: true, sameSite: "Lax", secure: secureCookie, path: ENTRA_LOGIN_PATH, maxAge: FLOW_LIFETIME_MS / 1000 });
    c.header("cache-control", "no-store");
    return c.redirect(url, 302);
  });

  app.get(ENTRA_CALLBACK_PATH, async (c) => {
    const state = c.req.query("state") ?? "";
    const flow = pending.get(state);
    // Single use: whatever happens next, this state is spent.
    pending.delete(state);
    const cookie = getCookie(c, FLOW_COOKIE);
    deleteCookie(c, FLOW_COOKIE, { path: ENTRA_LOGIN_PATH, secure: secureCookie, httpOnly: true, sameSite: "Lax" });
    const sameBrowser = flow !== undefined && cookie !== undefined && timingSafeEqual(sha256(cookie), flow.browser);
    if (!flow || flow.expiresAt <= Date.now() || !sameBrowser)
      return page(c, 400, "Sign-in could not be completed", "This sign-in was not started here, was already used, or took longer than 10 minutes. Start again.");

    const error = c.req.query("error");
    if (error) {
      const description = (c.req.query("error_description") ?? "").split(" Trace ID:")[0];
      return page(c, 400, "Microsoft Entra ID refused the sign-in", `${error}: ${description}`);
    }
    const code = c.req.query("code");
    if (!code) return page(c, 400, "Sign-in could not be completed", "The answer from Microsoft Entra ID carries no authorization code. Start again.");

    let claims: Record<string, unknown>;
    try {
      const result = await msal.acquireTokenByCode(
        { code, scopes: OIDC_SCOPES, redirectUri, codeVerifier: flow.verifier, state, nonce: flow.nonce },
        { code, state },
      );
      claims = (result.idTokenClaims ?? {}) as Record<string, unknown>;
      // MSAL keeps what it redeems in its cache; the console needs none of it after this request.
      if (result.account) await msal.getTokenCache().removeAccount(result.account);
    } catch (err) {
      return page(c, 400, "Sign-in could not be completed", `Redeeming the sign-in failed: ${describeMsalError(err)}`);
    }
    // MSAL checks the nonce too; the audience and tenant are checked here, as OIDC asks of the client.
    if (claims.nonce !== flow.nonce || claims.aud !== target.clientId || (typeof claims.tid === "string" && /^[0-9a-f-]{36}$/i.test(target.tenant) && claims.tid.toLowerCase() !== target.tenant.toLowerCase()))
      return page(c, 400, "Sign-in could not be completed", "The ID token is not for this console (nonce, audience or tenant differ).");
    const name = typeof claims.preferred_username === "string" ? claims.preferred_username.toLowerCase() : "";
    if (!name) return page(c, 400, "Sign-in could not be completed", "The ID token names no user (preferred_username).");
    const viewerActor = consoleActor({ name, role: "viewer", via: "entra" });
    const refuse = async (reason: string, message: string) => {
      await deps.store.events.append({ actor: viewerActor, action: "console.sign-in-refused", subjectType: "console-user", subjectId: name, after: { via: "entra", reason } });
      return page(c, 403, "No access to this console", message);
    };

    if (!Array.isArray(claims.groups)) {
      // Past 200 groups Entra sends `_claim_names` instead of the list; without either the app asks for none.
      const overage = typeof claims._claim_names === "object" && claims._claim_names !== null && "groups" in claims._claim_names;
      return refuse(
        overage ? "groups-overage" : "no-groups-claim",
        overage
          ? `${name} is in more than 200 groups, so Microsoft Entra ID sent a link to the list instead of the list, which the console does not follow. Sign in with a local account instead.`
          : `Microsoft Entra ID sent no group membership for ${name}: the app registration must have groupMembershipClaims set to SecurityGroup or All.`,
      );
    }
    let byRole: Record<ConsoleRole, Set<string>>;
    try {
      byRole = await roleGroupIds(deps, roles, viewerActor);
    } catch (err) {
      return page(c, 502, "The tenant cannot be reached", `The console could not look up its sign-in groups: ${err instanceof Error ? err.message : String(err)}`);
    }
    const role = roleFor(claims.groups.filter((g): g is string => typeof g === "string"), byRole);
    if (!role)
      return refuse("no-mapped-group", `${name} signed in with Microsoft Entra ID but is in none of the groups this console gives a role to. An admin can add you to one of them.`);
    return sameSiteHop(await startSession(c, { name, role, via: "entra" }, flow.next));
  });

  return app;
}
