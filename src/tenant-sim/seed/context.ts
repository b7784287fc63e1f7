/** What every area's `seed(store, ctx)` gets on a tenant's first start (and after `reset`). */

export interface SeedContext {
  tenantId: string;
  /** The tenant's initial `*.onmicrosoft.com` domain, e.g. `holofleetlocal.onmicrosoft.com`. */
  initialDomain: string;
  /** The organisation's display name. */
  displayName: string;
  now(): Date;
}

export type SeedFn = (store: import("../framework.ts").SimStore, ctx: SeedContext) => void;
