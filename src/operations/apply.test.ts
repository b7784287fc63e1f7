import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workDirFor } from "../auth/testing.ts";
import { openSqliteFleetStoreOn } from "../fleet/store/sqlite.ts";
import type { FleetStore } from "../fleet/store/port.ts";
import { startTestTenant, type TestTenant } from "../tenant-sim/testing.ts";
import { arrangeTenantFor } from "../../test/e2e/support/arrange-tenant.ts";
import { applyBlueprint } from "./apply.ts";
import { loadAndCompile } from "./blueprint.ts";

const file = fileURLToPath(new URL("../../examples/same-tenant-three-clients.holofleet.yaml", import.meta.url));

let t: TestTenant;
let store: FleetStore;
beforeAll(async () => {
  t = await startTestTenant();
  arrangeTenantFor(t, (await loadAndCompile(file)).blueprint!);
  store = await openSqliteFleetStoreOn(new Database(":memory:"));
}, 60_000);
afterAll(async () => {
  await store?.close();
  await t?.close();
});

describe("applyBlueprint with a fleet store", () => {
  it("an apply that changes the tenant, then one with nothing to do → two apply.run events with the actor and the summary", async () => {
    const target = { cwd: workDirFor(t), graph: { retry: { baseDelayMs: 5 } } };
    const fleetLog = { events: store.events, actor: "console:alice" };
    const first = await applyBlueprint({ file, target, approve: async () => true, fleetLog });
    expect(first.result?.summary.failed).toBe(0);
    expect(first.result!.summary.applied).toBeGreaterThan(0);
    const second = await applyBlueprint({ file, target, approve: async () => true, fleetLog });
    expect(second.result?.summary.applied).toBe(0);
    const events = await store.events.list({ action: "apply.run", newestFirst: true });
    expect(events).toEqual([
      expect.objectContaining({ actor: "console:alice", subjectType: "tenant", subjectId: second.plan!.tenant.id, after: { blueprint: expect.any(String), applied: 0, failed: 0, skipped: 0 } }),
      expect.objectContaining({ after: expect.objectContaining({ applied: first.result!.summary.applied, failed: 0 }) }),
    ]);
  }, 120_000);
});
