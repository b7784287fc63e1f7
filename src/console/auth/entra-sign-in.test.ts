/**
 * The console's Entra ID sign-in end to end over real HTTP, without a browser: the console's routes on
 * a small Hono app, the local tenant's authorize page and token endpoint, the sign-in form posted as a
 * person would, and a `startSession` that records whom it was asked to sign in.
 */
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fetch } from "undici";
import type { Target } from "../../auth/target.ts";
import { startFleetTest, type FleetTest } from "../../operations/fleet-testing.ts";
import type { ConsoleDeps, ConsoleEnv, ConsoleViewer } from "../deps.ts";
import { entraSignInRoutes, roleFor } from "./entra-sign-in.ts";
import type { StartSession } from "./session.ts";

const PASSWORD = "Console-Sign-In-42!";

let fleet: FleetTest;
let server: ServerType;
let consoleUrl: string;
let deps: ConsoleDeps;
let target: Target;
let sessions: { viewer: ConsoleViewer; next: string | undefined }[];
const users: Record<"operator" | "admin" | "nobody", string> = { operator: "", admin: "", nobody: "" };

async function createUser(alias: string): Promise<{ id: string; upn: string }> {
  const upn = `${alias}@${fleet.t.tenant.initialDomain}`;
  const res = await fleet.t.graph("POST", "/v1.0/users", {
    accountEnabled: true,
    displayName: alias,
    mailNickname: alias,
    userPrincipalName: upn,
    passwordProfile: { password: PASSWORD, forceChangePasswordNextSignIn: false },
  });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, upn };
}

async function createGroup(uniqueName: string, memberIds: string[]): Promise<void> {
  const res = await fleet.t.graph("POST", "/v1.0/groups", {
    displayName: uniqueName,
    mailEnabled: false,
    mailNickname: uniqueName,
    uniqueName,
    securityEnabled: true,
    "members@odata.bind": memberIds.map((id) => `${fleet.t.baseUrl}/v1.0/directoryObjects/${id}`),
  });
  expect(res.status).toBe(201);
}

/** Follows the whole flow as a browser would; returns the callback's response. */
async function signInThroughTenant(upn: string, opts: { next?: string; tamper?: (callback: URL) => void; dropCookie?: boolean } = {}) {
  const start = await fetch(`${consoleUrl}/login/entra${opts.next ? `?next=${encodeURIComponent(opts.next)}` : ""}`, { redirect: "manual" });
  expect(start.status).toBe(302);
  const cookie = (start.headers.get("set-cookie") ?? "").split(";")[0]!;
  const authorize = start.headers.get("location")!;
  expect(authorize.startsWith(`${fleet.t.baseUrl}/${fleet.t.tenantId}/oauth2/v2.0/authorize?`)).toBe(true);

  const page = await fetch(authorize, { dispatcher: fleet.t.dispatcher });
  const flowToken = /name="flowToken" value="([^"]+)"/.exec(await page.text())![1]!;
  const posted = await fetch(authorize.split("?")[0]!, {
    method: "POST",
    redirect: "manual",
    dispatcher: fleet.t.dispatcher,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ flowToken, username: upn, password: PASSWORD }).toString(),
  });
  expect(posted.status).toBe(302);
  const callback = new URL(posted.headers.get("location")!);
  expect(`${callback.origin}${callback.pathname}`).toBe(`${consoleUrl}/login/entra/callback`);
  opts.tamper?.(callback);
  const res = await fetch(callback, { redirect: "manual", headers: opts.dropCookie ? {} : { cookie } });
  return { res, callback, cookie, startCookie: start.headers.get("set-cookie") ?? "" };
}

beforeAll(async () => {
  fleet = await startFleetTest();
  const operator = await createUser("console-operator");
  const admin = await createUser("console-admin");
  const nobody = await createUser("console-nobody");
  users.operator = operator.upn;
  users.admin = admin.upn;
  users.nobody = nobody.upn;
  // The groups apply creates for the example's mapping (`<prefix>-console-…` by uniqueName).
  await createGroup("cfs-console-operators", [operator.id, admin.id]);
  await createGroup("cfs-console-admins", [admin.id]);

  const t = fleet.t;
  target = {
    kind: "local",
    tenant: t.tenantId,
    graphUrl: t.baseUrl,
    authorityUrl: t.baseUrl,
    graphResource: "https://graph.microsoft.com",
    clientId: t.clientId,
    credential: { kind: "clientSecret", clientSecret: t.clientSecret },
    caPem: t.caPem,
    source: "test",
  };
  const unused = () => {
    throw new Error("not used by the sign-in");
  };
  deps = {
    store: fleet.store,
    blueprint: fleet.ctx.blueprint,
    blueprintFile: "example.holofleet.yaml",
    fleetFor: (actor) => ({ ...fleet.ctx, actor }),
    audits: { latest: () => null, run: unused },
    plans: { compute: unused },
    now: () => new Date(),
    toolVersion: "test",
  };

  // The console's port is known only once it listens; the routes need it for their redirect URI.
  const late: { app?: Hono<ConsoleEnv> } = {};
  server = serve({ fetch: (req) => late.app!.fetch(req), port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  consoleUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const startSession: StartSession = async (c, viewer, next) => {
    sessions.push({ viewer, next });
    return c.redirect(next ?? "/", 303);
  };
  const routes = entraSignInRoutes({ deps, baseUrl: consoleUrl, startSession, target });
  expect(routes).not.toBeNull();
  late.app = new Hono<ConsoleEnv>().route("/", routes!);
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await fleet.close();
});

beforeEach(() => {
  sessions = [];
});

describe("Entra ID sign-in to the console", () => {
  it("no console.entraSignIn in the blueprint → no routes", () => {
    const blueprint = { ...deps.blueprint, console: { entraSignIn: null } };
    expect(entraSignInRoutes({ deps: { ...deps, blueprint }, baseUrl: consoleUrl, startSession: async (c) => c.text(""), target })).toBeNull();
  });

  it("/login/entra → the tenant's authorize endpoint with PKCE S256, state and nonce, and a short-lived HttpOnly Lax cookie", async () => {
    const start = await fetch(`${consoleUrl}/login/entra`, { redirect: "manual" });
    const url = new URL(start.headers.get("location")!);
    expect(url.searchParams.get("client_id")).toBe(fleet.t.clientId);
    expect(url.searchParams.get("redirect_uri")).toBe(`${consoleUrl}/login/entra/callback`);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get("state")).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get("nonce")).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get("response_mode")).toBe("query");
    const cookie = start.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^hf_entra_flow=[\w-]{43}; Max-Age=600; Path=\/login\/entra; HttpOnly; SameSite=Lax$/);
  });

  it("a member of the operators group → startSession with their UPN, the operator role, via entra, and the page they asked for", async () => {
    const { res } = await signInThroughTenant(users.operator, { next: "/devices?state=ready" });
    // A page that moves on by itself, not a redirect: the session cookie is SameSite=Strict, and a browser
    // would not send it on a redirect chain that began at the tenant's site.
    expect(res.status).toBe(200);
    expect(res.headers.get("location")).toBeNull();
    expect(await res.text()).toContain('<meta http-equiv="refresh" content="0;url=/devices?state=ready">');
    expect(sessions).toEqual([{ viewer: { name: users.operator, role: "operator", via: "entra" }, next: "/devices?state=ready" }]);
  });

  it("a member of both groups → the higher role (admin); a next that leaves the console is dropped", async () => {
    await signInThroughTenant(users.admin, { next: "//evil.example/" });
    expect(sessions).toEqual([{ viewer: { name: users.admin, role: "admin", via: "entra" }, next: undefined }]);
  });

  it("a user in no mapped group → 403 with a clear page, an event console.sign-in-refused, no session", async () => {
    const { res } = await signInThroughTenant(users.nobody);
    expect(res.status).toBe(403);
    const body = await res.text();
    expect(body).toContain("No access to this console");
    expect(body).toContain(users.nobody);
    expect(body).not.toMatch(/<script|style=/i);
    expect(sessions).toEqual([]);
    const events = await fleet.store.events.list({ subjectType: "console-user", subjectId: users.nobody });
    expect(events.map((e) => [e.action, e.actor])).toEqual([["console.sign-in-refused", `console:${users.nobody}`]]);
    expect(JSON.stringify(events)).not.toMatch(/eyJ/);
  });

  it("a tampered state → refused, no session", async () => {
    const { res } = await signInThroughTenant(users.operator, { tamper: (cb) => cb.searchParams.set("state", "x".repeat(43)) });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Sign-in could not be completed");
    expect(sessions).toEqual([]);
  });

  it("the callback in another browser (no flow cookie) → refused; the same callback again → refused (state spent)", async () => {
    const { res, callback, cookie } = await signInThroughTenant(users.operator, { dropCookie: true });
    expect(res.status).toBe(400);
    const replay = await fetch(callback, { redirect: "manual", headers: { cookie } });
    expect(replay.status).toBe(400);
    expect(sessions).toEqual([]);
  });

  it("an error from the tenant (the app not allowed) → a page naming Entra's error, no session", async () => {
    const start = await fetch(`${consoleUrl}/login/entra`, { redirect: "manual" });
    const cookie = (start.headers.get("set-cookie") ?? "").split(";")[0]!;
    const state = new URL(start.headers.get("location")!).searchParams.get("state")!;
    const res = await fetch(`${consoleUrl}/login/entra/callback?error=access_denied&error_description=${encodeURIComponent("AADSTS50105: <b>not assigned</b> Trace ID: x")}&state=${state}`, {
      headers: { cookie },
    });
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toContain("access_denied: AADSTS50105: &lt;b&gt;not assigned&lt;/b&gt;");
    expect(sessions).toEqual([]);
  });
});

describe("roleFor", () => {
  const byRole = { admin: new Set(["a"]), operator: new Set(["o"]), viewer: new Set(["v", "o2"]) };
  it("the highest role any group gives; case-insensitive ids; none → null", () => {
    expect(roleFor(["v", "o"], byRole)).toBe("operator");
    expect(roleFor(["A"], byRole)).toBe("admin");
    expect(roleFor(["o2"], byRole)).toBe("viewer");
    expect(roleFor(["x"], byRole)).toBeNull();
  });
});
