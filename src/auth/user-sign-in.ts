/**
 * People sign in with the device code flow (`holofleet login`): MSAL's public client asks for a
 * device code, the person approves it in a browser (the local tenant: `POST /_sim/sign-ins`), and
 * the resulting tokens — delegated, `scp` — go to the token cache in the state dir (0600,
 * `token-cache.ts`). Later commands take tokens from that cache silently, refreshing them with the
 * refresh token; `holofleet logout` removes the accounts.
 */
import { PublicClientApplication, type AccountInfo } from "@azure/msal-node";
import type { TokenProvider } from "../graph/types.ts";
import type { ClosableTokenProvider } from "./automation.ts";
import { AuthenticationError, describeMsalError } from "./errors.ts";
import { msalSetup, signInFailure } from "./msal-config.ts";
import type { Target } from "./target.ts";
import { fileTokenCache, readTokenCache, removeTokenCache } from "./token-cache.ts";

export interface SignedIn {
  username: string;
  name?: string;
  tenantId: string;
  /** The delegated permissions granted (the token's `scp`). */
  scopes: string[];
  expiresOn?: Date;
}

function publicClient(target: Target, cachePath: string) {
  const setup = msalSetup(target);
  const app = new PublicClientApplication({ auth: setup.auth, cache: { cachePlugin: fileTokenCache(cachePath) }, system: setup.system });
  return { app, setup };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The cached account for this target: same sign-in host, and the tenant by id or by the UPN's domain. */
export function accountFor(accounts: readonly AccountInfo[], target: Target): AccountInfo | undefined {
  const host = new URL(target.authorityUrl).host.toLowerCase();
  const here = accounts.filter((a) => a.environment.toLowerCase() === host);
  if (GUID.test(target.tenant)) return here.find((a) => a.tenantId.toLowerCase() === target.tenant.toLowerCase());
  const byDomain = here.filter((a) => a.username.toLowerCase().endsWith(`@${target.tenant.toLowerCase()}`));
  if (byDomain.length === 1) return byDomain[0];
  return here.length === 1 ? here[0] : undefined;
}

export interface DeviceCodeOptions {
  cachePath: string;
  /** Shows the person what to do (the server's message: where to go, which code). */
  onMessage: (message: string) => void;
  /** Stop polling (e.g. Ctrl+C). */
  signal?: AbortSignal;
}

export async function signInWithDeviceCode(target: Target, opts: DeviceCodeOptions): Promise<SignedIn> {
  const { app, setup } = publicClient(target, opts.cachePath);
  const request = {
    scopes: setup.scopes,
    deviceCodeCallback: (r: { message: string }) => opts.onMessage(r.message),
    cancel: false,
  };
  const stop = () => (request.cancel = true);
  opts.signal?.addEventListener("abort", stop, { once: true });
  try {
    const result = await app.acquireTokenByDeviceCode(request);
    if (!result?.account) throw new AuthenticationError("HF5111", "the device code sign-in returned no account");
    const claims = decodePayload(result.accessToken);
    return {
      username: result.account.username,
      ...(result.account.name ? { name: result.account.name } : {}),
      tenantId: result.account.tenantId,
      scopes: typeof claims.scp === "string" ? claims.scp.split(" ").filter(Boolean) : [],
      ...(result.expiresOn ? { expiresOn: result.expiresOn } : {}),
    };
  } catch (err) {
    if (err instanceof AuthenticationError) throw err;
    const code = (err as { errorCode?: string }).errorCode;
    const reason = describeMsalError(err);
    const declined = /authorization_declined|expired_token|device_code_expired|device_code_polling_cancelled|bad_verification_code/.test(`${code} ${reason}`);
    if (declined)
      throw new AuthenticationError("HF5111", `signing in to ${target.authorityUrl}/${target.tenant} with a device code did not complete: ${reason}`, {
        fix: "Run `holofleet login` again and complete the sign-in within 15 minutes.",
        cause: err,
      });
    throw signInFailure(err, setup, target, "with a device code", "Check that the app allows public client flows and has holofleet's delegated permissions consented.");
  } finally {
    opts.signal?.removeEventListener("abort", stop);
    await setup.network.close();
  }
}

/** The payload of a JWT, unverified (only to report what was granted). */
function decodePayload(jwt: string): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Tokens of the person who signed in to this target, from the cache (refreshed when due). */
export function userTokenProvider(target: Target, cachePath: string): ClosableTokenProvider & TokenProvider {
  const { app, setup } = publicClient(target, cachePath);
  const notSignedIn = () =>
    new AuthenticationError("HF5110", `nobody is signed in to ${target.tenant}`, {
      fix: `Sign in with \`holofleet login --tenant ${target.kind === "local" ? "local" : target.tenant}\`, or set the AZURE_* variables for an app.`,
    });
  return {
    description: `the signed-in user (app ${target.clientId})`,
    async getToken({ forceRefresh }) {
      const account = accountFor(await app.getTokenCache().getAllAccounts(), target);
      if (!account) throw notSignedIn();
      try {
        const result = await app.acquireTokenSilent({ account, scopes: setup.scopes, forceRefresh });
        if (!result?.accessToken) throw notSignedIn();
        return result.accessToken;
      } catch (err) {
        if (err instanceof AuthenticationError) throw err;
        if (setup.network.lastFailure())
          throw signInFailure(err, setup, target, `as ${account.username}`, "");
        throw new AuthenticationError("HF5110", `the sign-in of ${account.username} to ${target.tenant} can no longer be used: ${describeMsalError(err)}`, {
          fix: `Sign in again with \`holofleet login --tenant ${target.kind === "local" ? "local" : target.tenant}\`.`,
          cause: err,
        });
      }
    },
    close: () => setup.network.close(),
  };
}

/**
 * Removes the cached sign-ins: those of `target` when given, else all. Returns the usernames
 * removed; the cache file is deleted once it holds no account.
 */
export async function signOut(cachePath: string, target?: Target): Promise<string[]> {
  if (readTokenCache(cachePath) === undefined) return [];
  // Only the cache is touched: no request is sent, so any client id will do without a target.
  const app = new PublicClientApplication({
    auth: { clientId: target?.clientId ?? "00000000-0000-0000-0000-000000000000" },
    cache: { cachePlugin: fileTokenCache(cachePath) },
    system: { loggerOptions: { piiLoggingEnabled: false, loggerCallback: () => {} } },
  });
  const cache = app.getTokenCache();
  const all = await cache.getAllAccounts();
  const chosen = target ? [accountFor(all, target)].filter((a): a is AccountInfo => Boolean(a)) : all;
  for (const account of chosen) await cache.removeAccount(account);
  if ((await cache.getAllAccounts()).length === 0) removeTokenCache(cachePath);
  return chosen.map((a) => a.username);
}
