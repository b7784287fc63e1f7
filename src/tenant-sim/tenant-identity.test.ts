import { describe, expect, it } from "vitest";
import { APPLICATIONS_KIND, findApplication, type ApplicationDoc } from "./auth/applications.ts";
import { openSimStore } from "./store.ts";
import { ensureTenantIdentity, HOLOFLEET_APP_ROLES, HOLOFLEET_DELEGATED_SCOPES } from "./tenant-identity.ts";

describe("ensureTenantIdentity", () => {
  it("a new tenant → holofleet's app with its roles, delegated consent and public client flows", () => {
    const store = openSimStore(":memory:");
    const identity = ensureTenantIdentity(store, new Date());
    const app = findApplication(store, identity.clientId)!;
    expect(app._roles).toEqual([...HOLOFLEET_APP_ROLES].sort());
    expect(app._delegatedScopes).toEqual([...HOLOFLEET_DELEGATED_SCOPES]);
    expect(app.isFallbackPublicClient).toBe(true);
  });

  it("a tenant made before sign-ins existed → upgraded on start, same app and secret", () => {
    const store = openSimStore(":memory:");
    const identity = ensureTenantIdentity(store, new Date());
    const { _delegatedScopes: _d, isFallbackPublicClient: _p, ...old } = findApplication(store, identity.clientId)!;
    store.put<ApplicationDoc>(APPLICATIONS_KIND, old);
    expect(ensureTenantIdentity(store, new Date())).toEqual(identity);
    expect(findApplication(store, identity.clientId)!._delegatedScopes).toEqual([...HOLOFLEET_DELEGATED_SCOPES]);
  });

  it("a tenant made before a permission was added → holofleet's app gains the role and the delegated scope on start, keeps the others", () => {
    const store = openSimStore(":memory:");
    const identity = ensureTenantIdentity(store, new Date());
    const app = findApplication(store, identity.clientId)!;
    store.put<ApplicationDoc>(APPLICATIONS_KIND, {
      ...app,
      _roles: app._roles.filter((r) => r !== "Policy.Read.DeviceConfiguration"),
      _delegatedScopes: [...app._delegatedScopes!.filter((s) => s !== "Policy.Read.All"), "Extra.Read.All"],
    });
    ensureTenantIdentity(store, new Date());
    const upgraded = findApplication(store, identity.clientId)!;
    expect(upgraded._roles).toContain("Policy.Read.DeviceConfiguration");
    expect(upgraded._delegatedScopes).toEqual([...HOLOFLEET_DELEGATED_SCOPES, "Extra.Read.All"].sort());
  });
});
