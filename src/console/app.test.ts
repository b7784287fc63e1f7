import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE, cookieFrom, startConsoleTest, type ConsoleTest } from "./console-testing.ts";

let t: ConsoleTest;
let operator: { cookie: string; csrf: string };
let viewer: { cookie: string; csrf: string };

beforeAll(async () => {
  t = await startConsoleTest({ rateLimit: { perUser: 3, perAddress: 50 } });
  operator = await t.signIn("olivia", await t.addUser("olivia", "operator"));
  viewer = await t.signIn("victor", await t.addUser("victor", "viewer"));
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const PAGES = ["/", "/devices", "/devices/HL2-000101", "/clients", "/clients/fabrikam", "/loans", "/findings", "/plan"];
const ACTION_GETS = ["/loans/prepare?serial=HL2-000101&client=fabrikam", "/loans/ship?serial=HL2-000101&client=fabrikam", "/loans/return?serial=HL2-000101", "/passwords/rotate?upn=x", "/audit/run"];
const ACTION_POSTS = ["/loans/prepare", "/loans/ship", "/loans/return", "/passwords/rotate", "/audit/run", "/logout"];

describe("the console without a session", { timeout: 30_000 }, () => {
  it("a browser's GET of any page or action confirmation → 303 to /login with the path as next", async () => {
    for (const path of [...PAGES, ...ACTION_GETS]) {
      const res = await t.request(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get("Location"), path).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
  });

  it("a POST, an htmx request, a non-HTML client or the handoff PDF → 401", async () => {
    for (const path of ACTION_POSTS.filter((p) => p !== "/logout")) {
      const res = await t.request(path, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "serial=HL2-000101&client=fabrikam" });
      expect(res.status, path).toBe(401);
    }
    expect((await t.request("/devices", { headers: { "HX-Request": "true" } })).status).toBe(401);
    expect((await t.request("/devices", { headers: { Accept: "application/json" } })).status).toBe(401);
    expect((await t.request("/loans/1/handoff.pdf")).status).toBe(401);
  });

  it("a forged or unknown session cookie → treated as none", async () => {
    const res = await t.request("/devices", { cookie: `hf_session=${"A".repeat(43)}` });
    expect(res.status).toBe(303);
  });

  it("the assets → public, with their types (htmx and Chartist from npm)", async () => {
    const htmx = await t.request("/assets/htmx.min.js");
    expect(htmx.status).toBe(200);
    expect(htmx.headers.get("Content-Type")).toBe("text/javascript; charset=utf-8");
    expect(await htmx.text()).toContain("htmx");
    expect((await t.request("/assets/chartist.min.js")).status).toBe(200);
    expect((await t.request("/assets/chartist.min.css")).headers.get("Content-Type")).toBe("text/css; charset=utf-8");
    expect((await t.request("/assets/..%2Fapp.ts")).status).toBe(404);
  });
});

describe("security headers", () => {
  it("every response (page, sign-in page, asset, 401) → strict CSP with a nonce, nosniff, no referrer off the site, DENY, COOP, Permissions-Policy, no HSTS over HTTP", async () => {
    const responses = [await t.request("/", { cookie: viewer.cookie }), await t.request("/login"), await t.request("/assets/htmx.min.js"), await t.request("/loans/prepare", { method: "POST" })];
    for (const res of responses) {
      const csp = res.headers.get("Content-Security-Policy")!;
      expect(csp).toMatch(/^default-src 'none'; script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'$/);
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(res.headers.get("Referrer-Policy")).toBe("same-origin");
      expect(res.headers.get("Server-Timing")).toMatch(/^app;dur=\d+\.\d$/);
      expect(res.headers.get("X-Frame-Options")).toBe("DENY");
      expect(res.headers.get("Cross-Origin-Opener-Policy")).toBe("same-origin");
      expect(res.headers.get("Permissions-Policy")).toContain("camera=()");
      expect(res.headers.get("Strict-Transport-Security")).toBeNull();
    }
    const [page, login] = responses;
    expect(page!.headers.get("Cache-Control")).toBe("no-store");
    expect(login!.headers.get("Cache-Control")).toBe("no-store");
    // Each response gets its own nonce.
    expect(page!.headers.get("Content-Security-Policy")).not.toBe(login!.headers.get("Content-Security-Policy"));
  });
});

describe("signing in", { timeout: 30_000 }, () => {
  it("over HTTP → hf_session HttpOnly, SameSite=Strict, Path=/, not Secure; the page behind it answers", async () => {
    const password = await t.addUser("cookie-check", "viewer");
    const page = await t.request("/login");
    const res = await t.post("/login", { _csrf: /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!, username: "cookie-check", password, next: "/devices?page=2" }, cookieFrom(page, "hf_login_csrf")!);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/devices?page=2");
    const line = res.headers.getSetCookie().find((l) => l.startsWith("hf_session="))!;
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Strict/);
    expect(line).toMatch(/; Path=\//);
    expect(line).not.toMatch(/Secure/);
    expect((await t.request("/devices", { cookie: line.split(";")[0] })).status).toBe(200);
  });

  it("over HTTPS → __Host-hf_session, Secure, and HSTS", async () => {
    const https = await startConsoleTest({ secureCookies: true });
    try {
      const password = await https.addUser("tls", "viewer");
      const page = await https.app.request("https://console.example/login", { headers: { Accept: "text/html" } });
      expect(page.headers.get("Strict-Transport-Security")).toMatch(/max-age=\d+/);
      const login = cookieFrom(page, "hf_login_csrf")!;
      expect(login.startsWith("__Host-hf_login_csrf=")).toBe(true);
      const res = await https.app.request("https://console.example/login", {
        method: "POST",
        headers: { Cookie: login, "Content-Type": "application/x-www-form-urlencoded", Origin: "https://console.example" },
        body: new URLSearchParams({ _csrf: /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!, username: "tls", password }).toString(),
      });
      expect(res.status).toBe(303);
      const line = res.headers.getSetCookie().find((l) => l.startsWith("__Host-hf_session="))!;
      expect(line).toMatch(/; Secure/);
      expect(line).toMatch(/; HttpOnly/);
      expect(line).toMatch(/; SameSite=Strict/);
    } finally {
      await https.close();
    }
  });

  it("a wrong password or unknown name → 401 with one generic message, logged by name only", async () => {
    const password = await t.addUser("wrongpw", "viewer");
    for (const [username, pw] of [["wrongpw", `${password}x`], ["nobody-here", "Planted-Secret-4711"]] as const) {
      const page = await t.request("/login");
      const res = await t.post("/login", { _csrf: /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!, username, password: pw }, cookieFrom(page, "hf_login_csrf")!);
      expect(res.status).toBe(401);
      expect(await res.text()).toContain("The user name or password is not right.");
      expect(cookieFrom(res, "hf_session")).toBeNull();
    }
    const events = await t.f.store.events.list({ subjectType: "console-user" });
    expect(events.filter((e) => e.action === "console.sign-in-failed").map((e) => e.subjectId)).toEqual(expect.arrayContaining(["wrongpw", "nobody-here"]));
    expect(JSON.stringify(events)).not.toContain("Planted-Secret-4711");
    expect(JSON.stringify(events)).not.toContain(password);
  });

  it("too many failures for one name → 429 with Retry-After, even with the right password", async () => {
    const password = await t.addUser("limited", "viewer");
    const attempt = async (pw: string) => {
      const page = await t.request("/login");
      return t.post("/login", { _csrf: /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!, username: "limited", password: pw }, cookieFrom(page, "hf_login_csrf")!);
    };
    for (let i = 0; i < 3; i++) expect((await attempt("wrong")).status).toBe(401);
    const refused = await attempt(password);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
  });

  it("a login POST without the pre-session token, or with another → 403 and no session", async () => {
    const password = await t.addUser("csrf-login", "viewer");
    const page = await t.request("/login");
    const cookie = cookieFrom(page, "hf_login_csrf")!;
    const noToken = await t.post("/login", { username: "csrf-login", password }, cookie);
    expect(noToken.status).toBe(403);
    const wrong = await t.post("/login", { _csrf: "B".repeat(43), username: "csrf-login", password }, cookie);
    expect(wrong.status).toBe(403);
    expect(cookieFrom(wrong, "hf_session")).toBeNull();
  });

  it("next pointing off-site → the sign-in lands on / instead", async () => {
    const password = await t.addUser("redirect", "viewer");
    const page = await t.request("/login?next=//evil.example/x");
    const text = await page.text();
    expect(text).toContain('name="next" value="/"');
    const res = await t.post("/login", { _csrf: /name="_csrf" value="([^"]+)"/.exec(text)![1]!, username: "redirect", password, next: "https://evil.example/" }, cookieFrom(page, "hf_login_csrf")!);
    expect(res.headers.get("Location")).toBe("/");
  });

  it("signing in again → a new session; the old cookie no longer works (rotation)", async () => {
    const password = await t.addUser("rotating", "viewer");
    const first = await t.signIn("rotating", password);
    const page = await t.request("/login", { cookie: first.cookie });
    expect(page.status).toBe(303);
    const loginPage = await t.request("/login");
    const res = await t.post("/login", { _csrf: /name="_csrf" value="([^"]+)"/.exec(await loginPage.text())![1]!, username: "rotating", password }, `${cookieFrom(loginPage, "hf_login_csrf")}; ${first.cookie}`);
    expect(res.status).toBe(303);
    expect(cookieFrom(res, "hf_session")).not.toBe(first.cookie);
    expect((await t.request("/devices", { cookie: first.cookie })).status).toBe(303);
  });

  it("sign-out → needs the CSRF token; then the session is gone from the store", async () => {
    const password = await t.addUser("leaving", "viewer");
    const s = await t.signIn("leaving", password);
    expect((await t.post("/logout", {}, s.cookie)).status).toBe(403);
    const out = await t.post("/logout", { _csrf: s.csrf }, s.cookie);
    expect(out.status).toBe(303);
    expect(out.headers.get("Location")).toBe("/login");
    expect((await t.request("/devices", { cookie: s.cookie })).status).toBe(303);
  });

  it("an idle session → ended", async () => {
    const idle = await startConsoleTest({ sessions: { idleMs: 1 } });
    try {
      const s = await idle.signIn("sleepy", await idle.addUser("sleepy", "viewer"));
      await new Promise((r) => setTimeout(r, 20));
      expect((await idle.request("/devices", { cookie: s.cookie })).status).toBe(303);
    } finally {
      await idle.close();
    }
  });
});

describe("changes are refused without the CSRF token, from another site, or for a viewer", { timeout: 30_000 }, () => {
  const prepare = { serial: "HL2-000101", client: "fabrikam" };
  const unchanged = async () => {
    expect(await t.f.store.loans.list({ serial: "HL2-000101" })).toEqual([]);
    expect((await t.f.store.events.list()).filter((e) => e.action.startsWith("loan."))).toEqual([]);
  };

  it("no token, a wrong token, or another session's token → 403 and nothing changed", async () => {
    for (const fields of [prepare, { ...prepare, _csrf: "x" }, { ...prepare, _csrf: viewer.csrf }]) {
      const res = await t.post("/loans/prepare", fields, operator.cookie);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("nothing was changed");
    }
    await unchanged();
  });

  it("the right token from another origin or a cross-site fetch → 403", async () => {
    const body = new URLSearchParams({ ...prepare, _csrf: operator.csrf }).toString();
    const headers = { "Content-Type": "application/x-www-form-urlencoded" };
    expect((await t.request("/loans/prepare", { method: "POST", cookie: operator.cookie, headers: { ...headers, Origin: "https://evil.example" }, body })).status).toBe(403);
    expect((await t.request("/loans/prepare", { method: "POST", cookie: operator.cookie, headers: { ...headers, "Sec-Fetch-Site": "cross-site" }, body })).status).toBe(403);
    await unchanged();
  });

  it("a viewer's POST with a valid token → 403 and nothing changed; the confirmation too", async () => {
    const res = await t.post("/loans/prepare", { ...prepare, _csrf: viewer.csrf }, viewer.cookie);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("needs the operator role");
    expect((await t.request("/loans/prepare?serial=HL2-000101&client=fabrikam", { cookie: viewer.cookie })).status).toBe(403);
    for (const path of ["/loans/ship", "/loans/return", "/passwords/rotate", "/audit/run"]) expect((await t.post(path, { ...prepare, upn: "x", _csrf: viewer.csrf }, viewer.cookie)).status, path).toBe(403);
    await unchanged();
  });

  it("Origin: null → refused, unless the browser marks the request same-origin (Sec-Fetch-Site), as Chromium does for a site with a no-referrer policy", async () => {
    const body = new URLSearchParams({ serial: "NO-SUCH-DEVICE", client: "fabrikam", _csrf: operator.csrf }).toString();
    const headers = { "Content-Type": "application/x-www-form-urlencoded", Origin: "null" };
    expect((await t.request("/loans/prepare", { method: "POST", cookie: operator.cookie, headers, body })).status).toBe(403);
    const sameOrigin = await t.request("/loans/prepare", { method: "POST", cookie: operator.cookie, headers: { ...headers, "Sec-Fetch-Site": "same-origin" }, body });
    // Past the CSRF check: the operations layer answers (no such device), not the gate.
    expect(sameOrigin.status).toBe(422);
    await unchanged();
  });

  it("an htmx POST carrying X-CSRF-Token → accepted as the token", async () => {
    const res = await t.request("/loans/prepare", {
      method: "POST",
      cookie: operator.cookie,
      headers: { "X-CSRF-Token": operator.csrf, "HX-Request": "true", "Content-Type": "application/x-www-form-urlencoded", Origin: BASE },
      body: new URLSearchParams({ serial: "NO-SUCH-DEVICE", client: "fabrikam" }).toString(),
    });
    // Past the CSRF check: the operations layer answers (no such device), not the gate.
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("HF8105");
  });
});
