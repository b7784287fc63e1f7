/**
 * Test-only: the console's pages over a real temporary SQLite store, the bundled example program, an audit
 * of it (the posture fixtures: the example applied, minus its app-control profile, so devices fail) and a
 * plan source, mounted behind a stand-in for the server's session middleware that sets the viewer, the
 * CSRF token and the CSP nonce from the test (`as`).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import type { FleetContext } from "../../operations/fleet-context.ts";
import { exampleAudit } from "../../operations/audit-testing.ts";
import { exampleBlueprint, type FleetTest } from "../../operations/fleet-testing.ts";
import { openSqliteFleetStore } from "../../fleet/store/sqlite.ts";
import type { FleetStore } from "../../fleet/store/port.ts";
import { seedFleet } from "../../fleet/store/testing/seed-fleet.ts";
import type { ConsoleDeps, ConsoleEnv, ConsoleViewer, LatestAudit, PendingPlan } from "../deps.ts";

export { exampleAudit };
import { consolePages } from "./index.ts";

export const CSRF = "csrf-token-for-tests";
export const VIEWER: ConsoleViewer = { name: "vera", role: "viewer", via: "local" };
export const OPERATOR: ConsoleViewer = { name: "otto", role: "operator", via: "local" };

export interface PagesTest {
  deps: ConsoleDeps;
  store: FleetStore;
  /** Sets what the store writes as "now" (loans' dates). */
  setStoreNow(at: Date): void;
  /** GET `path` as this person; `headers` adds request headers (htmx's). */
  get(path: string, as?: ConsoleViewer, headers?: Record<string, string>): Promise<{ status: number; text: string; headers: Headers }>;
  close(): Promise<void>;
}

export interface PagesTestOptions {
  /** The console's clock (default 2026-03-15T12:00Z). */
  now?: Date;
  audit?: LatestAudit | null;
  plan?: () => Promise<PendingPlan>;
  /** A fleet test (test tenant + store) when a page reads the tenant; its store and blueprint are used. */
  fleet?: FleetTest;
}

export async function startPagesTest(opts: PagesTestOptions = {}): Promise<PagesTest> {
  const now = opts.now ?? new Date("2026-03-15T12:00:00.000Z");
  let storeNow = new Date("2026-03-01T09:00:00.000Z");
  const dir = mkdtempSync(join(tmpdir(), "holofleet-console-pages-"));
  const store = opts.fleet?.store ?? (await openSqliteFleetStore({ file: join(dir, "fleet.sqlite"), clock: () => storeNow }));
  const blueprint = opts.fleet?.ctx.blueprint ?? exampleBlueprint("contoso.onmicrosoft.com");
  const audit = opts.audit === undefined ? exampleAudit() : opts.audit;
  const noGraph = new Proxy({} as FleetContext["graph"], {
    get() {
      throw new Error("this test has no tenant: pass `fleet` to startPagesTest");
    },
  });
  const deps: ConsoleDeps = {
    store,
    blueprint,
    blueprintFile: "holofleet.yaml",
    fleetFor: (actor) => (opts.fleet ? { ...opts.fleet.ctx, actor, now: () => now } : { store, graph: noGraph, blueprint, actor, now: () => now, wait: async () => {} }),
    audits: {
      latest: () => audit,
      run: async () => {
        throw new Error("pages never run an audit; the server's action does");
      },
    },
    plans: { compute: opts.plan ?? (async () => ({ at: now.toISOString(), plan: null, diagnostics: [{ severity: "error", code: "HF5601", message: "no tenant in this test" }] })) },
    now: () => now,
    toolVersion: "test",
  };
  let viewer: ConsoleViewer = VIEWER;
  const app = new Hono<ConsoleEnv>();
  app.use(async (c, next) => {
    c.set("viewer", viewer);
    c.set("csrfToken", CSRF);
    c.set("cspNonce", "nonce-for-tests");
    await next();
  });
  app.route("/", consolePages(deps));
  return {
    deps,
    store,
    setStoreNow: (at) => (storeNow = at),
    async get(path, as = VIEWER, headers = {}) {
      viewer = as;
      const res = await app.request(`http://console.test${path}`, { headers });
      return { status: res.status, text: await res.text(), headers: res.headers };
    },
    async close() {
      if (!opts.fleet) await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The example's clients and accounts, `devices` devices and `loans` loans on the first of them (seedFleet), dated from the store's clock. */
export async function seedExample(t: PagesTest, devices: number, loans = 0): Promise<string[]> {
  const clients = t.deps.blueprint.clients.map((c) => ({ id: c.id, displayName: c.displayName, upns: c.accounts.map((a) => a.userPrincipalName) }));
  const { serials } = await seedFleet(t.store, { devices, loans, clients, now: new Date("2026-03-01T09:00:00.000Z") });
  return serials;
}
