/**
 * The tenant's identity, created on first start and kept in the store (`_sim/tenant`): tenant id,
 * initial domain, and holofleet's app registration with the application permissions holofleet
 * needs (`HOLOFLEET_APP_ROLES`). The plaintext client secret is kept here (the state dir is 0700,
 * the database 0600) because `tenant.json` must be rewritten on every start.
 */
import { randomUUID } from "node:crypto";
import type { SimStore } from "./framework.ts";
import { createApplication, findApplication } from "./auth/applications.ts";

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
 * permissions map for what holofleet does (graph-facts §0) plus the reads its audit needs.
 */
export const HOLOFLEET_APP_ROLES: readonly string[] = [
  "Device.ReadWrite.All",
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

const KIND = "_sim";

export function readTenantIdentity(store: SimStore): TenantIdentity | undefined {
  return store.get<TenantIdentity>(KIND, "tenant");
}

/** Returns the stored identity, creating it (and holofleet's app) on first start. */
export function ensureTenantIdentity(store: SimStore, now: Date, keep?: TenantIdentity): TenantIdentity {
  const existing = readTenantIdentity(store);
  if (existing && findApplication(store, existing.clientId)) return existing;
  return store.tx(() => {
    const base = keep ?? existing;
    const tenantId = base?.tenantId ?? randomUUID();
    const { app, clientSecret } = createApplication(
      store,
      { displayName: "holofleet", roles: [...HOLOFLEET_APP_ROLES], appId: base?.clientId },
      now,
    );
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
