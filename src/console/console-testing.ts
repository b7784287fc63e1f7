/**
 * Test-only: the console app over a test tenant and a temporary SQLite store (the fleet test harness), its
 * local accounts made with a cheap scrypt cost, and helpers that sign in and post the way a browser does
 * (cookies carried by hand, the CSRF token as the form field).
 */
import { workDirFor } from "../auth/testing.ts";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { ConsoleRole } from "../fleet/store/port.ts";
import { EXAMPLE_BLUEPRINT, startFleetTest, type FleetTest } from "../operations/fleet-testing.ts";
import { snapshotTenant } from "../operations/snapshot.ts";
import { createConsoleApp, type ConsoleAppOptions } from "./app.ts";
import { createAuditSource } from "./audit-source.ts";
import { csrfTokenFor } from "./auth/csrf.ts";
import { hashPassword } from "./auth/local-password.ts";
import type { ConsoleDeps } from "./deps.ts";
import { createPlanSource } from "./plan-source.ts";

export const BASE = "http://127.0.0.1:4400";

export interface ConsoleTest {
  f: FleetTest;
  deps: ConsoleDeps;
  app: ReturnType<typeof createConsoleApp>;
  /** Adds a local account (cheap hash) and returns its password. */
  addUser(name: string, role: ConsoleRole): Promise<string>;
  /** Signs in through /login and returns the session cookie and its CSRF token. */
  signIn(name: string, password: string): Promise<{ cookie: string; csrf: string }>;
  request(path: string, init?: RequestInit & { cookie?: string }): Promise<Response>;
  /** A form POST as a browser sends it from the console's own page. */
  post(path: string, fields: Record<string, string>, cookie: string): Promise<Response>;
  close(): Promise<void>;
}

/** `name=value` of a Set-Cookie header's cookie called `name` (or with its `__Host-` prefix). */
export function cookieFrom(res: Response, name: string): string | null {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const [k] = pair!.split("=");
    if (k === name || k === `__Host-${name}`) return pair!;
  }
  return null;
}

export async function startConsoleTest(options: ConsoleAppOptions = {}): Promise<ConsoleTest> {
  const f = await startFleetTest();
  const cwd = workDirFor(f.t);
  const now = () => new Date();
  const blueprintText = readFileSync(EXAMPLE_BLUEPRINT, "utf8").replaceAll("contoso.onmicrosoft.com", f.ctx.blueprint.tenant.domain);
  const deps: ConsoleDeps = {
    store: f.store,
    blueprint: f.ctx.blueprint,
    blueprintFile: "holofleet.yaml",
    fleetFor: (actor) => ({ ...f.ctx, actor }),
    audits: createAuditSource({ readSnapshot: () => snapshotTenant({ cwd }, {}, { now }), blueprint: { file: "holofleet.yaml", text: blueprintText }, store: f.store, toolVersion: "test" }),
    plans: createPlanSource({ blueprintFile: "holofleet.yaml", target: { cwd, env: {} }, now }),
    now,
    toolVersion: "test",
  };
  const app = createConsoleApp(deps, options);
  const request = (path: string, init: RequestInit & { cookie?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.cookie) headers.set("Cookie", init.cookie);
    if (!headers.has("Accept")) headers.set("Accept", "text/html");
    return Promise.resolve(app.request(`${BASE}${path}`, { ...init, headers }));
  };
  const post = (path: string, fields: Record<string, string>, cookie: string) =>
    request(path, { method: "POST", cookie, headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE, "Sec-Fetch-Site": "same-origin" }, body: new URLSearchParams(fields).toString() });
  return {
    f,
    deps,
    app,
    request,
    post,
    async addUser(name, role) {
      const password = createHash("sha256").update(`${name}-${Math.random()}`).digest("base64url").slice(0, 20);
      await f.store.consoleUsers.add({ name, role, passwordHash: await hashPassword(password, { N: 1024, r: 8, p: 1 }) }, "cli:test");
      return password;
    },
    async signIn(name, password) {
      const page = await request("/login");
      const loginCookie = cookieFrom(page, "hf_login_csrf")!;
      const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
      const res = await post("/login", { _csrf: token, username: name, password, next: "/" }, loginCookie);
      if (res.status !== 303) throw new Error(`sign-in of ${name}: ${res.status} ${await res.text()}`);
      const session = cookieFrom(res, "hf_session")!;
      return { cookie: session, csrf: csrfTokenFor(session.split("=")[1]!) };
    },
    close: () => f.close(),
  };
}
