/**
 * The tenant's identity, created on first start and kept in the store (`_sim/tenant`): tenant id,
 * initial domain, and holofleet's app registration with the application permissions holofleet
 * needs (`HOLOFLEET_APP_ROLES`) and, for people who sign in with it, the delegated ones
 * (`HOLOFLEET_DELEGATED_SCOPES`, public client flows allowed). The plaintext client secret is kept here (the state dir is 0700,
 * the database 0600) because `tenant.json` must be rewritten on every start.
 */
import { randomUUID } from "node:crypto";
import type { SimStore } from "./framework.ts";
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
 * The application permissions of holofleet's own app registration: least-privileged ones from the
 * permissions map for what holofleet does (graph-facts §0) plus the reads its audit and the tenant
 * preconditions need (`Policy.Read.DeviceConfiguration` reads the Entra join policy; no precondition
 * is ever written, so no `Policy.ReadWrite.*`).
 */
export const HOLOFLEET_APP_ROLES: readonly string[] = [
  "Device.ReadWrite.All",
  "DeviceManagementApps.ReadWrite.All",
  "DeviceManagementConfiguration.ReadWrite.All",
  "DeviceManagementManagedDevices.PrivilegedOperations.All",
  "DeviceManagementManagedDevices.ReadWrite.All",
  "DeviceManagementServiceConfig.ReadWrite.All",
  "Directory.Read.All",
  "Domain.ReadWrite.All",
  "Group.Create",
  "Group.ReadWrite.All",
  "GroupMember.ReadWrite.All",
  "LicenseAssignment.ReadWrite.All",
  "Organization.Read.All",
  "Policy.Read.DeviceConfiguration",
  "User-PasswordProfile.ReadWrite.All",
  "User.ReadWrite.All",
];

/**
 * The delegated permissions consented for holofleet's app (a signed-in person's `scp`): the
 * delegated counterparts of `HOLOFLEET_APP_ROLES` that Microsoft's map lists for a work account
 * (`Device.ReadWrite.All` and `Group.Create` have none; device writes need a directory role), plus
 * `Policy.Read.All`, the one read permission of the MDM user scope precondition, which Graph serves to
 * signed-in users only (no application permission; its only other one, `Policy.ReadWrite.MobilityManagement`,
 * would let holofleet change it).
 */
export const HOLOFLEET_DELEGATED_SCOPES: readonly string[] = [
  "DeviceManagementConfiguration.ReadWrite.All",
  "DeviceManagementManagedDevices.PrivilegedOperations.All",
  "DeviceManagementManagedDevices.ReadWrite.All",
  "DeviceManagementServiceConfig.ReadWrite.All",
  "Directory.Read.All",
  "Domain.ReadWrite.All",
  "Group.ReadWrite.All",
  "GroupMember.ReadWrite.All",
  "LicenseAssignment.ReadWrite.All",
  "Organization.Read.All",
  "Policy.Read.All",
  "Policy.Read.DeviceConfiguration",
  "User-PasswordProfile.ReadWrite.All",
  "User.ReadWrite.All",
];

const KIND = "_sim";

function allowDelegated(app: ApplicationDoc): ApplicationDoc {
  return { ...app, isFallbackPublicClient: true, _delegatedScopes: [...HOLOFLEET_DELEGATED_SCOPES] };
}

export function readTenantIdentity(store: SimStore): TenantIdentity | undefined {
  return store.get<TenantIdentity>(KIND, "tenant");
}

/** Returns the stored identity, creating it (and holofleet's app) on first start. */
export function ensureTenantIdentity(store: SimStore, now: Date, keep?: TenantIdentity): TenantIdentity {
  const existing = readTenantIdentity(store);
  const existingApp = existing ? findApplication(store, existing.clientId) : undefined;
  if (existing && existingApp) {
    // A tenant made by an earlier version gains the permissions holofleet needs now, application and
    // delegated (none are taken away), and, if made before people could sign in, holofleet's delegated
    // consent and public client flows.
    const missing = HOLOFLEET_APP_ROLES.filter((r) => !existingApp._roles.includes(r));
    let app = missing.length ? { ...existingApp, _roles: [...existingApp._roles, ...missing].sort() } : existingApp;
    if (app._delegatedScopes === undefined) app = allowDelegated(app);
    const consented = app._delegatedScopes ?? [];
    const missingScopes = HOLOFLEET_DELEGATED_SCOPES.filter((s) => !consented.includes(s));
    if (missingScopes.length) app = { ...app, _delegatedScopes: [...consented, ...missingScopes].sort() };
    if (app !== existingApp) store.put(APPLICATIONS_KIND, app);
    return existing;
  }
  return store.tx(() => {
    const base = keep ?? existing;
    const tenantId = base?.tenantId ?? randomUUID();
    const { app, clientSecret } = createApplication(
      store,
      { displayName: "holofleet", roles: [...HOLOFLEET_APP_ROLES], appId: base?.clientId },
      now,
    );
    store.put(APPLICATIONS_KIND, allowDelegated(app));
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
