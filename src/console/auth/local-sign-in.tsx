/**
 * `/login` and `/logout` for local accounts. GET /login shows the form (with its pre-session CSRF token);
 * POST /login checks the CSRF token, the rate limit, then the password (a dummy check for unknown names),
 * and either starts a session or re-renders the form with one generic error (401). Sign-ins and failures
 * go to the event log by name only. POST /logout (CSRF-checked) ends the session.
 */
import { getConnInfo } from "@hono/node-server/conninfo";
import { Hono, type Context } from "hono";
import type { FleetStore } from "../../fleet/store/port.ts";
import type { ConsoleEnv } from "../deps.ts";
import { LoginPage } from "../views/login.tsx";
import { ProblemPage } from "../views/problem.tsx";
import { csrfRefusal, csrfTokenFor, loginCsrfRefusal, loginCsrfToken } from "./csrf.ts";
import { verifyAgainstDummy, verifyPassword } from "./local-password.ts";
import { safeNext } from "./safe-next.ts";
import type { Sessions } from "./session.ts";
import type { SignInRateLimit } from "./sign-in-rate-limit.ts";

const GENERIC_FAILURE = "The user name or password is not right.";

/** The client's address as the socket sees it (a console behind a proxy sees the proxy: documented). */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // In-process requests (tests through app.request) have no socket.
    return "unknown";
  }
}

export interface LocalSignInOptions {
  store: FleetStore;
  sessions: Sessions;
  rateLimit: SignInRateLimit;
  secure: boolean;
  /** Whether the Entra ID link is shown. */
  entra: boolean;
}

export function localSignInRoutes(opts: LocalSignInOptions): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  app.get("/login", async (c) => {
    const next = safeNext(c.req.query("next"));
    // Already signed in: nothing to do here.
    if (await opts.sessions.resolve(c)) return c.redirect(next, 303);
    return c.html(<LoginPage csrfToken={loginCsrfToken(c, opts.secure)} next={next} entra={opts.entra} />);
  });

  app.post("/login", async (c) => {
    const refusal = await loginCsrfRefusal(c, opts.secure);
    if (refusal) return c.html(<ProblemPage title="Refused" message={`Sign-in refused: ${refusal}.`} viewer={null} back={{ href: "/login", label: "Sign in again" }} />, 403);
    const body = await c.req.parseBody();
    const username = typeof body.username === "string" ? body.username.trim().slice(0, 64) : "";
    const password = typeof body.password === "string" ? body.password : "";
    const next = safeNext(typeof body.next === "string" ? body.next : "/");
    const address = clientAddress(c);
    const again = (status: 401 | 429, error: string) =>
      c.html(<LoginPage csrfToken={loginCsrfToken(c, opts.secure)} next={next} error={error} username={username} entra={opts.entra} />, status);

    const wait = await opts.rateLimit.retryAfter(address, username);
    if (wait !== null) {
      c.header("Retry-After", String(wait));
      return again(429, `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} minute(s).`);
    }
    const user = username && password ? await opts.store.consoleUsers.get(username) : null;
    const ok = user ? await verifyPassword(password, user.passwordHash) : await verifyAgainstDummy(password);
    if (!user || !ok) {
      await opts.rateLimit.failed(address, username);
      await opts.store.events.append({ actor: "console:anonymous", action: "console.sign-in-failed", subjectType: "console-user", subjectId: username || "(empty)", after: { address } });
      return again(401, GENERIC_FAILURE);
    }
    await opts.rateLimit.succeeded(username);
    return opts.sessions.startSession(c, { name: user.name, role: user.role, via: "local" }, next);
  });

  app.post("/logout", async (c) => {
    const active = await opts.sessions.resolve(c);
    // Signed out already: nothing to protect, go to the sign-in page.
    if (!active) return c.redirect("/login", 303);
    const refusal = await csrfRefusal(c, csrfTokenFor(active.token));
    if (refusal) return c.html(<ProblemPage title="Refused" message={`Sign-out refused: ${refusal}.`} viewer={active.viewer} csrfToken={csrfTokenFor(active.token)} />, 403);
    await opts.sessions.end(c);
    return c.redirect("/login", 303);
  });

  return app;
}
