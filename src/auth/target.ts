/**
 * Which tenant a command talks to and with what credential, decided from the command line, the
 * environment and (for the local tenant) `./.holofleet/tenant/tenant.json` — with every problem
 * returned as a located diagnostic, never thrown. Files are read through `TargetFiles`, so the
 * function is pure apart from what it is handed.
 *
 * - `--tenant local` (the default): endpoints, CA, tenant id and holofleet's app from tenant.json.
 * - `--tenant <tenant id or domain>`: Microsoft's global endpoints, or a national cloud's through
 *   `--graph-url` / `--authority-url` (graph-facts §9.1).
 * - Credentials: the standard `AZURE_*` variables (secret, else certificate, else federated token
 *   file, the order of Azure Identity's environment credential), else — for the local tenant —
 *   tenant.json's secret, else the person signed in with `holofleet login` (device code).
 *   The variables apply to the local tenant only when `AZURE_TENANT_ID` names it.
 */
import { isAbsolute, join, resolve } from "node:path";
import { z } from "zod";
import type { Diagnostic } from "../diag/diagnostic.ts";

export const LOCAL = "local";
export const DEFAULT_TENANT_FILE = join(".holofleet", "tenant", "tenant.json");
/** Where holofleet keeps per-user state (the token cache) under the working directory. */
export const DEFAULT_STATE_DIR = ".holofleet";
/** The MSAL token cache of people who signed in, under the state dir. */
export const TOKEN_CACHE_FILE = join("auth", "token-cache.json");
/** The audience of Graph tokens in the global cloud, which the local tenant also issues. */
export const GLOBAL_GRAPH = "https://graph.microsoft.com";
export const GLOBAL_AUTHORITY = "https://login.microsoftonline.com";

/** Graph and sign-in roots of Microsoft's clouds (graph-facts §9.1, national clouds). */
export const CLOUDS: readonly { graph: string; authority: string }[] = [
  { graph: GLOBAL_GRAPH, authority: GLOBAL_AUTHORITY },
  { graph: "https://graph.microsoft.us", authority: "https://login.microsoftonline.us" },
  { graph: "https://dod-graph.microsoft.us", authority: "https://login.microsoftonline.us" },
  { graph: "https://microsoftgraph.chinacloudapi.cn", authority: "https://login.chinacloudapi.cn" },
];

export type Credential =
  | { kind: "clientSecret"; clientSecret: string }
  | { kind: "clientCertificate"; certificatePath: string; password?: string; sendChain: boolean }
  | { kind: "federatedTokenFile"; tokenFile: string }
  /** A person, signed in with `holofleet login` (tokens from the cache). */
  | { kind: "user" };

export interface Target {
  kind: "local" | "remote";
  /** As given to `--tenant` (a tenant id or domain), or the local tenant's id. */
  tenant: string;
  /** Graph's root without a version (`https://graph.microsoft.com`). */
  graphUrl: string;
  /** The sign-in root without a tenant (`https://login.microsoftonline.com`). */
  authorityUrl: string;
  /** The resource tokens are asked for: `<graphResource>/.default`. */
  graphResource: string;
  clientId: string;
  credential: Credential;
  /** PEM of the local tenant's CA (trusted for this target only). */
  caPem?: string;
  /** Where the settings came from, for messages: `.holofleet/tenant/tenant.json` or `environment`. */
  source: string;
}

export interface TargetOptions {
  /** `local` (default), a tenant id or a domain. */
  tenant?: string;
  graphUrl?: string;
  authorityUrl?: string;
  /** The app a person signs in with (`holofleet login` against a real tenant). */
  clientId?: string;
  /** `login`: always the device code sign-in; `run` (default): automation first. */
  purpose?: "run" | "login";
  /** Working directory (relative paths and `.holofleet/`). */
  cwd: string;
  /** tenant.json of the local tenant (default `<cwd>/.holofleet/tenant/tenant.json`). */
  tenantFile?: string;
}

export interface TargetFiles {
  /** The file's text, or undefined when it does not exist; throws for other read errors. */
  read(path: string): string | undefined;
}

export type Env = Readonly<Record<string, string | undefined>>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

const tenantFileSchema = z.object({
  graphUrl: z.url(),
  authorityUrl: z.url(),
  tenantId: z.string().regex(GUID),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  caFile: z.string().min(1),
});

function error(code: string, message: string, extra: Partial<Diagnostic> = {}): Diagnostic {
  return { severity: "error", code, message, ...extra };
}

/** 1-based line and column of a character offset. */
function positionAt(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split("\n").length;
  return { line, col: offset - before.lastIndexOf("\n") };
}

/** Where `"key"` is written in a JSON text (first occurrence), for located messages. */
function keyPosition(text: string, key: string): { line: number; col: number } {
  const at = text.indexOf(`"${key}"`);
  return positionAt(text, at < 0 ? 0 : at);
}

/** A root URL: https, no path, query or credentials; returned without a trailing slash. */
export function parseRootUrl(raw: string): string | undefined {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return undefined;
  }
  if (u.protocol !== "https:" || u.username || u.password || u.search || u.hash || (u.pathname !== "/" && u.pathname !== "")) return undefined;
  return u.origin;
}

function envCredential(env: Env, cwd: string): Credential | undefined {
  if (env.AZURE_CLIENT_SECRET) return { kind: "clientSecret", clientSecret: env.AZURE_CLIENT_SECRET };
  if (env.AZURE_CLIENT_CERTIFICATE_PATH)
    return {
      kind: "clientCertificate",
      certificatePath: resolve(cwd, env.AZURE_CLIENT_CERTIFICATE_PATH),
      ...(env.AZURE_CLIENT_CERTIFICATE_PASSWORD ? { password: env.AZURE_CLIENT_CERTIFICATE_PASSWORD } : {}),
      sendChain: /^(1|true)$/i.test(env.AZURE_CLIENT_SEND_CERTIFICATE_CHAIN ?? ""),
    };
  if (env.AZURE_FEDERATED_TOKEN_FILE) return { kind: "federatedTokenFile", tokenFile: resolve(cwd, env.AZURE_FEDERATED_TOKEN_FILE) };
  return undefined;
}

function endpoints(opts: TargetOptions, env: Env, diagnostics: Diagnostic[]): { graphUrl: string; authorityUrl: string } | undefined {
  const check = (flag: string, raw: string | undefined) => {
    if (raw === undefined) return undefined;
    const root = parseRootUrl(raw);
    if (!root)
      diagnostics.push(
        error("HF5108", `${flag} must be an https root URL without a path, not '${raw}'`, {
          fix: `Give the root only, e.g. ${flag === "--graph-url" ? "https://graph.microsoft.us" : "https://login.microsoftonline.us"} (no version, no tenant).`,
        }),
      );
    return root ?? null;
  };
  const graph = check("--graph-url", opts.graphUrl);
  // Azure Identity reads the sign-in host from AZURE_AUTHORITY_HOST; so does holofleet.
  const authority = check(opts.authorityUrl !== undefined ? "--authority-url" : "AZURE_AUTHORITY_HOST", opts.authorityUrl ?? env.AZURE_AUTHORITY_HOST);
  if (graph === null || authority === null) return undefined;
  const cloudOfGraph = graph ? CLOUDS.find((c) => c.graph === graph) : undefined;
  const cloudOfAuthority = authority ? CLOUDS.find((c) => c.authority === authority) : undefined;
  const graphUrl = graph ?? cloudOfAuthority?.graph ?? (authority ? undefined : GLOBAL_GRAPH);
  const authorityUrl = authority ?? cloudOfGraph?.authority ?? (graph ? undefined : GLOBAL_AUTHORITY);
  if (!graphUrl || !authorityUrl) {
    diagnostics.push(
      error("HF5108", graphUrl ? `no sign-in endpoint is known for ${graphUrl}` : `no Graph endpoint is known for ${authorityUrl}`, {
        fix: "Give both --graph-url and --authority-url.",
      }),
    );
    return undefined;
  }
  return { graphUrl, authorityUrl };
}

function localTarget(opts: TargetOptions, env: Env, files: TargetFiles, diagnostics: Diagnostic[]): Target | undefined {
  const file = opts.tenantFile ? resolve(opts.cwd, opts.tenantFile) : join(opts.cwd, DEFAULT_TENANT_FILE);
  const text = files.read(file);
  if (text === undefined) {
    diagnostics.push(error("HF5101", `the local tenant has not been started: ${file} does not exist`, { fix: "Start it with `holofleet tenant local start`." }));
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const at = Number(/position (\d+)/.exec((err as Error).message)?.[1] ?? 0);
    diagnostics.push(error("HF5102", `${file} is not valid JSON`, { source: { file, start: positionAt(text, at) }, fix: "Restart the local tenant to rewrite it." }));
    return undefined;
  }
  const parsed = tenantFileSchema.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "");
      diagnostics.push(
        error("HF5102", `${file}: ${key || "the file"}: ${issue.message}`, { source: { file, start: keyPosition(text, key) }, path: issue.path.map(String), fix: "Restart the local tenant to rewrite it." }),
      );
    }
    return undefined;
  }
  const t = parsed.data;
  const caFile = isAbsolute(t.caFile) ? t.caFile : resolve(file, "..", t.caFile);
  let caPem: string | undefined;
  try {
    caPem = files.read(caFile);
  } catch {
    caPem = undefined;
  }
  if (!caPem?.includes("BEGIN CERTIFICATE")) {
    diagnostics.push(error("HF5103", `the local tenant's CA certificate ${caFile} cannot be read`, { source: { file, start: keyPosition(text, "caFile") }, fix: "Restart the local tenant (`holofleet tenant local start`) to recreate it." }));
    return undefined;
  }
  const eps = endpoints({ ...opts, graphUrl: opts.graphUrl ?? t.graphUrl, authorityUrl: opts.authorityUrl ?? t.authorityUrl }, {}, diagnostics);
  if (!eps) return undefined;
  const envApplies = env.AZURE_TENANT_ID?.toLowerCase() === t.tenantId.toLowerCase();
  const fromEnv = envApplies ? envCredential(env, opts.cwd) : undefined;
  if (fromEnv && !env.AZURE_CLIENT_ID) {
    diagnostics.push(error("HF5105", "AZURE_CLIENT_ID is not set, but AZURE_TENANT_ID names the local tenant and credentials are in the environment", { fix: "Set AZURE_CLIENT_ID to the app the credentials belong to." }));
    return undefined;
  }
  const credential: Credential = opts.purpose === "login" ? { kind: "user" } : (fromEnv ?? { kind: "clientSecret", clientSecret: t.clientSecret });
  return {
    kind: "local",
    tenant: t.tenantId,
    ...eps,
    graphResource: GLOBAL_GRAPH,
    clientId: fromEnv ? env.AZURE_CLIENT_ID! : (opts.purpose === "login" && opts.clientId) || t.clientId,
    credential,
    caPem,
    source: file,
  };
}

/**
 * The app a person signed in to `tenant` with, read from MSAL's cache file (its `Account` and
 * `RefreshToken` entries): the account on the same sign-in host whose tenant id is `tenant`, or
 * whose UPN is in the domain `tenant`.
 */
export function signedInClientId(cacheText: string | undefined, tenant: string, authorityUrl: string): string | undefined {
  if (!cacheText) return undefined;
  let cache: { Account?: Record<string, Record<string, string>>; RefreshToken?: Record<string, Record<string, string>> };
  try {
    cache = JSON.parse(cacheText) as typeof cache;
  } catch {
    return undefined;
  }
  const host = new URL(authorityUrl).host.toLowerCase();
  const wanted = tenant.toLowerCase();
  const account = Object.values(cache.Account ?? {}).find(
    (a) => a.environment?.toLowerCase() === host && (a.realm?.toLowerCase() === wanted || a.username?.toLowerCase().endsWith(`@${wanted}`)),
  );
  if (!account) return undefined;
  return Object.values(cache.RefreshToken ?? {}).find((r) => r.home_account_id === account.home_account_id && r.environment?.toLowerCase() === host)?.client_id;
}

function remoteTarget(tenant: string, opts: TargetOptions, env: Env, files: TargetFiles, diagnostics: Diagnostic[]): Target | undefined {
  const envTenant = env.AZURE_TENANT_ID;
  if (envTenant && GUID.test(envTenant) && GUID.test(tenant) && envTenant.toLowerCase() !== tenant.toLowerCase()) {
    diagnostics.push(
      error("HF5104", `--tenant names ${tenant} but AZURE_TENANT_ID names ${envTenant}`, { fix: "Unset AZURE_TENANT_ID or give the same tenant to --tenant; holofleet will not guess which one you mean." }),
    );
    return undefined;
  }
  const eps = endpoints(opts, env, diagnostics);
  if (!eps) return undefined;
  const fromEnv = opts.purpose === "login" ? undefined : envCredential(env, opts.cwd);
  // Without an app in the environment, a person who signed in to this tenant is used, with their app.
  const signedIn = fromEnv || opts.purpose === "login" ? undefined : signedInClientId(files.read(join(opts.cwd, DEFAULT_STATE_DIR, TOKEN_CACHE_FILE)), tenant, eps.authorityUrl);
  const clientId = opts.clientId ?? env.AZURE_CLIENT_ID ?? signedIn;
  if (!clientId) {
    diagnostics.push(
      error("HF5105", `no app to sign in to ${tenant} with: AZURE_CLIENT_ID is not set${opts.purpose === "login" ? " and --client-id was not given" : ""}`, {
        fix:
          opts.purpose === "login"
            ? "Give --client-id of an app registration that allows public client flows and has holofleet's delegated permissions (docs/permissions.md)."
            : "Set AZURE_CLIENT_ID and one of AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE, or sign in first with `holofleet login --tenant " +
              tenant +
              " --client-id <app>`.",
      }),
    );
    return undefined;
  }
  return {
    kind: "remote",
    tenant,
    ...eps,
    graphResource: eps.graphUrl,
    clientId,
    credential: fromEnv ?? { kind: "user" },
    source: fromEnv ? "environment" : "holofleet login",
  };
}

/** Decides the target; `target` is set exactly when there is no error diagnostic. */
export function resolveTarget(opts: TargetOptions, env: Env, files: TargetFiles): { target?: Target; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const tenant = (opts.tenant ?? LOCAL).trim();
  if (opts.clientId !== undefined && !GUID.test(opts.clientId))
    diagnostics.push(error("HF5104", `--client-id must be an application (client) id, a GUID, not '${opts.clientId}'`));
  if (tenant.toLowerCase() !== LOCAL && !GUID.test(tenant) && !DOMAIN.test(tenant))
    diagnostics.push(
      error("HF5104", `--tenant must be 'local', a tenant id (GUID) or a domain such as contoso.onmicrosoft.com, not '${tenant}'`, {
        fix: "Use `--tenant local` for the local tenant.",
      }),
    );
  if (diagnostics.length) return { diagnostics };
  const target = tenant.toLowerCase() === LOCAL ? localTarget(opts, env, files, diagnostics) : remoteTarget(tenant, opts, env, files, diagnostics);
  return diagnostics.length ? { diagnostics } : { target, diagnostics };
}
