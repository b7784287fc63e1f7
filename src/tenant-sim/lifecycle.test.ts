/** The tenant as a process sees it: restarts keep state and identity, reset starts clean, parallel writes lose nothing, clock, stats and replication lag. */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixturePermissions, fixtureRoutes, WIDGETS } from "./fixture-routes.ts";
import { startTestTenant } from "./testing.ts";

const tenantOpts = { routes: fixtureRoutes, permissions: fixturePermissions };
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("persistence and reset", () => {
  it("keeps documents, tenant identity and certificates across a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "holofleet-restart-"));
    dirs.push(dir);
    const a = await startTestTenant({ dir, tenant: tenantOpts });
    const created = await a.graph("POST", "/v1.0/widgets", { displayName: "persisted" });
    expect(created.status).toBe(201);
    const identity = { tenantId: a.tenantId, clientId: a.clientId, clientSecret: a.clientSecret, ca: a.caPem };
    await a.close();
    expect(statSync(join(dir, "state.db")).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, "server-key.pem")).mode & 0o777).toBe(0o600);

    const b = await startTestTenant({ dir, tenant: tenantOpts });
    try {
      expect({ tenantId: b.tenantId, clientId: b.clientId, clientSecret: b.clientSecret, ca: b.caPem }).toEqual(identity);
      expect(readFileSync(join(dir, "ca.pem"), "utf8")).toBe(identity.ca);
      const read = await b.graph("GET", `/v1.0/widgets/${created.body.id}`);
      expect(read.status).toBe(200);
      expect(read.body.displayName).toBe("persisted");
    } finally {
      await b.close();
    }
  });

  it("reset wipes the state but keeps the identity and apps, and seeds again", async () => {
    const t = await startTestTenant({ tenant: tenantOpts });
    try {
      const app = await t.createApp(["Directory.Read.All"]);
      await t.graph("POST", "/v1.0/widgets", { displayName: "gone after reset" });
      await t.sim("POST", "/clock", { advanceDays: 3 });
      expect((await t.sim("POST", "/reset")).status).toBe(204);
      expect(t.tenant.store.list(WIDGETS)).toEqual([]);
      expect(t.tenant.store.list<{ id: string }>("organization").map((o) => o.id)).toEqual([t.tenantId]);
      expect(Math.abs(Date.parse((await t.sim("GET", "/clock")).body.now) - Date.now())).toBeLessThan(60_000);
      expect(await t.tokenFor(app.clientId)).toMatch(/^ey/);
    } finally {
      await t.close();
    }
  });
});

describe("concurrency", () => {
  it("loses no update under parallel read-modify-write requests", async () => {
    const t = await startTestTenant({ tenant: tenantOpts });
    try {
      const w = await t.graph("POST", "/v1.0/widgets", { displayName: "counter" });
      const results = await Promise.all(Array.from({ length: 60 }, () => t.graph("PATCH", `/v1.0/widgets/${w.body.id}`, {})));
      expect(results.every((r) => r.status === 204)).toBe(true);
      expect(t.tenant.store.get<{ counter: number }>(WIDGETS, w.body.id)?.counter).toBe(60);
      const creates = await Promise.all(Array.from({ length: 40 }, (_, i) => t.graph("POST", "/v1.0/widgets", { displayName: `p${i}` })));
      expect(new Set(creates.map((c) => c.body.id)).size).toBe(40);
      expect(t.tenant.store.list(WIDGETS)).toHaveLength(41);
    } finally {
      await t.close();
    }
  });
});

describe("clock and stats", () => {
  it("moves the tenant's clock and reports requests by method, route and status", async () => {
    const t = await startTestTenant({ tenant: tenantOpts });
    try {
      const before = Date.parse((await t.sim("GET", "/clock")).body.now);
      const moved = await t.sim("POST", "/clock", { advanceDays: 2 });
      expect(Date.parse(moved.body.now) - before).toBeGreaterThanOrEqual(2 * 86_400_000);
      const set = await t.sim("POST", "/clock", { now: "2030-01-01T00:00:00Z" });
      expect(set.body.now.slice(0, 16)).toBe("2030-01-01T00:00");
      expect((await t.sim("POST", "/clock", { advanceDays: "x" })).status).toBe(400);
      // Graph error dates follow the tenant's clock.
      const missing = await t.graph("GET", "/v1.0/widgets/nope");
      expect(missing.body.error.innerError.date.slice(0, 10)).toBe("2030-01-01");

      await t.sim("DELETE", "/stats");
      await t.graph("GET", "/v1.0/widgets");
      await t.graph("GET", "/v1.0/widgets/nope");
      await t.graph("POST", "/v1.0/widgets", {});
      const stats = (await t.sim("GET", "/stats")).body;
      expect(stats.requests).toBe(3);
      expect(stats.byMethod).toEqual({ GET: 2, POST: 1 });
      expect(stats.byRoute).toEqual({ "v1.0 GET /widgets": 1, "v1.0 GET /widgets/{id}": 1, "v1.0 POST /widgets": 1 });
      expect(stats.byStatus).toEqual({ "200": 1, "404": 1, "201": 1 });
      expect(stats.writes).toBe(1);
    } finally {
      await t.close();
    }
  });
});

describe("eventual consistency", () => {
  it("answers 404 for a new object for newObjectLagMs, then finds it", async () => {
    const t = await startTestTenant({ consistency: { newObjectLagMs: 300 }, tenant: tenantOpts });
    try {
      const created = await t.graph("POST", "/v1.0/widgets", { displayName: "lagging" });
      expect(created.status).toBe(201);
      const early = await t.graph("GET", `/v1.0/widgets/${created.body.id}`);
      expect(early.status).toBe(404);
      expect(early.body.error.code).toBe("Request_ResourceNotFound");
      const earlyPatch = await t.graph("PATCH", `/v1.0/widgets/${created.body.id}`, {});
      expect(earlyPatch.status).toBe(404);
      await new Promise((r) => setTimeout(r, 350));
      const late = await t.graph("GET", `/v1.0/widgets/${created.body.id}`);
      expect(late.status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
