/**
 * Makes a fresh local tenant look like the tenant a blueprint was written for, as an admin would
 * before running holofleet: the blueprint's domains verified, every SKU it assigns subscribed with a
 * seat for each account. The requirements come from the product (`tenantRequirements`) and are met
 * through the tenant's `/_sim` routes over HTTP; everything holofleet itself creates goes through Graph.
 */
import type { Blueprint } from "../../../src/blueprint/types.ts";
import { arrangeThroughSimRoutes } from "../../../src/tenant-sim/arrange/arrange-client.ts";
import { tenantRequirements } from "../../../src/tenant-sim/arrange/requirements.ts";
import type { TestTenant } from "../../../src/tenant-sim/testing.ts";

/** All arrangements for `bp`; returns the domains added and SKUs subscribed, so a test can say what it assumed. */
export async function arrangeTenantFor(t: TestTenant, bp: Blueprint): Promise<{ domains: string[]; skus: string[] }> {
  return arrangeThroughSimRoutes((method, path, body) => t.sim(method, path, body), tenantRequirements(bp));
}
