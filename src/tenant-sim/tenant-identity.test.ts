import { describe, expect, it } from "vitest";
import { APPLICATIONS_KIND, findApplication, type ApplicationDoc } from "./auth/applications.ts";
import { openSimStore } from "./store.ts";
import { appRolesFromEnvironment, ensureTenantIdentity, HOLOFLEET_APP_ROLES, HOLOFLEET_DELEGATED_SCOPES } from "./tenant-identity.ts";

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

describe("holofleet's app roles", () => {
  it("a start with other roles → exactly those; the next start with the defaults → the defaults again", () => {
    const store = openSimStore(":memory:");
    const identity = ensureTenantIdentity(store, new Date());
    const fewer = HOLOFLEET_APP_ROLES.filter((r) => r !== "Group.ReadWrite.All");
    expect(ensureTenantIdentity(store, new Date(), undefined, fewer)).toEqual(identity);
    expect(findApplication(store, identity.clientId)!._roles).toEqual([...fewer].sort());
    ensureTenantIdentity(store, new Date());
    expect(findApplication(store, identity.clientId)!._roles).toEqual([...HOLOFLEET_APP_ROLES].sort());
  });

  it("a new tenant with an identity seed → that tenant id and initial domain", () => {
    const store = openSimStore(":memory:");
    const identity = ensureTenantIdentity(store, new Date(), { tenantId: "2c1d6f0e-8b7a-4e3d-9c5b-7a6f1e2d3c4b", initialDomain: "woodgrove.onmicrosoft.com" });
    expect(identity).toMatchObject({ tenantId: "2c1d6f0e-8b7a-4e3d-9c5b-7a6f1e2d3c4b", initialDomain: "woodgrove.onmicrosoft.com" });
  });

  it.each([
    [undefined, undefined],
    ["", undefined],
    ["  ", undefined],
    ["User.ReadWrite.All", ["User.ReadWrite.All"]],
    [" Group.ReadWrite.All, User-PasswordProfile.ReadWrite.All ,Group.ReadWrite.All,", ["Group.ReadWrite.All", "User-PasswordProfile.ReadWrite.All"]],
  ])("HOLOFLEET_APP_ROLES=%j → %j", (value, roles) => {
    expect(appRolesFromEnvironment(value)).toEqual(roles);
  });

  it("HOLOFLEET_APP_ROLES with something that is not a permission name → an error naming it", () => {
    expect(() => appRolesFromEnvironment("User.ReadWrite.All;Group.ReadWrite.All")).toThrow(/HOLOFLEET_APP_ROLES: 'User.ReadWrite.All;Group.ReadWrite.All' is not a permission name/);
  });
});
