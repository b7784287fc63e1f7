/**
 * The `scope` parameter of delegated requests (device code, refresh token), read the way Entra
 * reads it for Microsoft Graph: OIDC scopes (`openid`, `profile`, `email`, `offline_access`), and
 * Graph permissions as `https://graph.microsoft.com/<Permission>`, `<graph app id>/<Permission>`,
 * a bare `<Permission>` (Graph is the default resource) or `…/.default` (everything consented).
 */
import { GRAPH_APP_ID, GRAPH_AUDIENCE } from "./access-token.ts";
import type { ApplicationDoc } from "./applications.ts";

export const OIDC_SCOPES = ["openid", "profile", "email", "offline_access"] as const;

export interface ParsedScopes {
  oidc: string[];
  /** Graph permission names asked for (empty with `.default`). */
  graph: string[];
  /** `.default`: every permission consented for the app. */
  all: boolean;
}

export function parseDelegatedScopes(scope: string | null): { ok: true; scopes: ParsedScopes } | { ok: false; message: string } {
  if (!scope || !scope.trim()) return { ok: false, message: "The provided request must include a 'scope' input parameter." };
  const out: ParsedScopes = { oidc: [], graph: [], all: false };
  for (const raw of scope.trim().split(/\s+/)) {
    if ((OIDC_SCOPES as readonly string[]).includes(raw)) {
      out.oidc.push(raw);
      continue;
    }
    const m = /^(?:(https:\/\/graph\.microsoft\.com|00000003-0000-0000-c000-000000000000)\/)?([^/\s]+)$/i.exec(raw);
    const resource = m?.[1]?.toLowerCase();
    if (!m || (resource && resource !== GRAPH_AUDIENCE && resource !== GRAPH_APP_ID))
      return { ok: false, message: `The provided value for the input parameter 'scope' is not valid. The scope ${raw} is not valid.` };
    if (m[2] === ".default") out.all = true;
    else out.graph.push(m[2]!);
  }
  if (out.all && out.graph.length)
    return { ok: false, message: `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid. static scope limit exceeded.` };
  return { ok: true, scopes: out };
}

/** Graph permissions asked for that no admin consented to for this app (case-insensitive). */
export function unconsentedScopes(app: ApplicationDoc, scopes: ParsedScopes): string[] {
  const consented = new Set((app._delegatedScopes ?? []).map((s) => s.toLowerCase()));
  return scopes.graph.filter((s) => !consented.has(s.toLowerCase()));
}

/** AADSTS65001, what Entra answers when a permission was never consented. */
export function consentMessage(app: ApplicationDoc): string {
  return `The user or administrator has not consented to use the application with ID '${app.appId}' named '${app.displayName}'. Send an interactive authorization request for this user and resource.`;
}

/** The scope list as stored on a grant: OIDC scopes, then `.default` or the permission names. */
export function scopeList(scopes: ParsedScopes): string[] {
  return [...scopes.oidc, ...(scopes.all ? [".default"] : scopes.graph)];
}
