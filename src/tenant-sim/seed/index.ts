/**
 * The seed table: each area's `seed(store, ctx)` in order, run once on a tenant's first start and
 * again after `reset`. Areas add one line here. Seeds must be idempotent (skip what exists).
 */
import type { SimStore } from "../framework.ts";
import type { SeedContext, SeedFn } from "./context.ts";
import { seedOrganization } from "./organization.ts";
import { seedDirectory } from "../directory/seed.ts";
import { seedIntuneRbac } from "../intune/builtin-rbac.ts";
import { seedStoreApps } from "../intune/store-apps.ts";
import { seedEnrollmentConfigurations } from "../intune/enrollment-configuration-seed.ts";
import { seedPolicies } from "../policies/seed.ts";

export type { SeedContext, SeedFn } from "./context.ts";

export const allSeeds: SeedFn[] = [seedOrganization, seedDirectory, seedIntuneRbac, seedStoreApps, seedEnrollmentConfigurations, seedPolicies];

export function seedTenant(store: SimStore, ctx: SeedContext, seeds: readonly SeedFn[] = allSeeds): void {
  store.tx(() => {
    for (const seed of seeds) seed(store, ctx);
  });
}
