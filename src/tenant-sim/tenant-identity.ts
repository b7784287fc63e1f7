/**
 * The tenant's identity, created on first start and kept in the store (`_sim/tenant`): tenant id,
 * initial domain, and holofleet's app registration with the application permissions holofleet
 * needs (`HOLOFLEET_APP_ROLES`) and, for people who sign in with it, the delegated ones
 * (`HOLOFLEET_DELEGATED_SCOPES`, public client flows allowed), and the console's sign-in (its redirect
 * URIs, the `groups` claim). The plaintext client secret is kept here (the state dir is 0700,
 * the database 0600) because `tenant.json` must be rewritten on every start.
 */
import { randomUUID } from "node:crypto";
import type { SimStore } from "./framework.ts";
import { REQUIRED_APP_ROLES, REQUIRED_DELEGATED_SCOPES } from "../auth/required-permissions.ts";
import { APPLICATIONS_KIND, createApplication, findApplication, type ApplicationDoc } from "./auth/applications.ts";

export interface TenantIdentity {
  id: "tenant";
  tenantId: string;
  initialDomain: string;
  displayName: string;
  clientId: string;
  clientSecret: string;
}

/**
 * The application permissions of holofleet's own app registration: the least ones holofleet needs
 * (`src/auth/required-permissions.ts`, the one list docs/permissions.md is made from). Only that
 * data is shared with holofleet's code; the tenant enforces Microsoft's permissions map on its own.
 */
export const HOLOFLEET_APP_ROLES: readonly string[] = REQUIRED_APP_ROLES;

/** The delegated permissions consented for holofleet's app (a signed-in person's `scp`). */
export const HOLOFLEET_DELEGATED_SCOPES: readonly string[] = REQUIRED_DELEGATED_SCOPES;

/** Permission names as Entra writes them (`User.ReadWrite.All`, `User-PasswordProfile.ReadWrite.All`). */
const PERMISSION_NAME = /^[A-Za-z][\w.-]*$/;

/**
 * The roles `HOLOFLEET_APP_ROLES` (comma-separated) asks for instead of the default, or undefined when
 * it is unset or blank. A name that is not a permission name is refused, so a typo cannot pass for a removal.
 */
export function appRolesFromEnvironment(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const roles = value.split(",").map((r) => r.trim()).filter((r) => r !== "");
  const bad = roles.find((r) => !PERMISSION_NAME.test(r));
  if (bad !== undefined) throw new Error(`HOLOFLEET_APP_ROLES: '${bad}' is not a permission name (expected e.g. User.ReadWrite.All, comma-separated)`);
  return [...new Set(roles)].sort();
}

const KIND = "_sim";

function allowDelegated(app: ApplicationDoc): ApplicationDoc {
  return { ...app, isFallbackPublicClient: true, _delegatedScopes: [...HOLOFLEET_DELEGATED_SCOPES] };
}

/**
 * Where the console's Entra sign-in comes back to (`holofleet console`, `/login/entra/callback`). Both
 * are loopback URIs, so any port matches, as on Entra (`redirectUriRegistered`).
 */
export const HOLOFLEET_REDIRECT_URIS: readonly string[] = ["http://127.0.0.1/login/entra/callback", "http://localhost/login/entra/callback"];

/**
 * The console signs people in with holofleet's app and maps their security groups to roles, so the
 * app registration lists the console's redirect URIs and asks for the `groups` claim.
 */
function allowConsoleSignIn(app: ApplicationDoc): ApplicationDoc {
  const registered = app.web?.redirectUris ?? [];
  const missing = HOLOFLEET_REDIRECT_URIS.filter((u) => !registered.includes(u));
  if (!missing.length && app.groupMembershipClaims !== undefined) return app;
  return { ...app, web: { redirectUris: [...registered, ...missing] }, groupMembershipClaims: app.groupMembershipClaims === undefined ? "SecurityGroup" : app.groupMembershipClaims };
}

export function readTenantIdentity(store: SimStore): TenantIdentity | undefined {
  return store.get<TenantIdentity>(KIND, "tenant");
}

/** What a new tenant takes instead of the defaults (e.g. the tenant id a blueprint names). */
export type IdentitySeed = Partial<Pick<TenantIdentity, "tenantId" | "initialDomain" | "displayName" | "clientId">>;

/**
 * Returns the stored identity, creating it (and holofleet's app) on first start. holofleet's app holds
 * exactly `roles` afterwards, at every start: a tenant made by an earlier version, or started before
 * with other `HOLOFLEET_APP_ROLES`, gets the roles asked for now; one made before people could sign in
 * gains holofleet's delegated consent and public client flows.
 */
export function ensureTenantIdentity(store: SimStore, now: Date, keep?: IdentitySeed, roles: readonly string[] = HOLOFLEET_APP_ROLES): TenantIdentity {
  const wanted = [...new Set(roles)].sort();
  const existing = readTenantIdentity(store);
  const existingApp = existing ? findApplication(store, existing.clientId) : undefined;
  if (existing && existingApp) {
    const sameRoles = existingApp._roles.length === wanted.length && [...existingApp._roles].sort().every((r, i) => r === wanted[i]);
    let app = sameRoles ? existingApp : { ...existingApp, _roles: wanted };
    if (app._delegatedScopes === undefined) app = allowDelegated(app);
    const consented = app._delegatedScopes ?? [];
    const missingScopes = HOLOFLEET_DELEGATED_SCOPES.filter((s) => !consented.includes(s));
    if (missingScopes.length) app = { ...app, _delegatedScopes: [...consented, ...missingScopes].sort() };
    app = allowConsoleSignIn(app);
    if (app !== existingApp) store.put(APPLICATIONS_KIND, app);
    return existing;
  }
  return store.tx(() => {
    const base = keep ?? existing;
    const tenantId = base?.tenantId ?? randomUUID();
    const { app, clientSecret } = createApplication(store, { displayName: "holofleet", roles: wanted, appId: base?.clientId }, now);
    store.put(APPLICATIONS_KIND, allowConsoleSignIn(allowDelegated(app)));
    const identity: TenantIdentity = {
      id: "tenant",
      tenantId,
      initialDomain: base?.initialDomain ?? "holofleetlocal.onmicrosoft.com",
      displayName: base?.displayName ?? "holofleet local tenant",
      clientId: app.appId,
      clientSecret: clientSecret!,
    };
    store.put(KIND, identity);
    return identity;
  });
}
