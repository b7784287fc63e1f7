/**
 * The console's Hono app. Order: security headers on every response → public assets → sign-in and
 * sign-out (local accounts, then Entra ID when configured) → the session gate → CSRF on every POST →
 * pages and actions. Without a session, a browser's GET of a page is sent to /login (and back after);
 * anything else (a POST, htmx, a non-HTML client, the handoff PDF) gets 401. Errors the console did not
 * expect are logged by the caller's `onError` hook and answered with a plain 500 page, never a stack.
 */
import { Hono, type Context } from "hono";
import { consoleActions } from "./actions/index.ts";
import { consoleAssets } from "./assets.ts";
import { csrfRefusal, csrfTokenFor } from "./auth/csrf.ts";
import { localSignInRoutes } from "./auth/local-sign-in.tsx";
import { createSessions, type StartSession } from "./auth/session.ts";
import { createSignInRateLimit, type SignInRateLimitOptions } from "./auth/sign-in-rate-limit.ts";
import type { ConsoleDeps, ConsoleEnv } from "./deps.ts";
import { consolePages } from "./pages/index.ts";
import { securityHeaders } from "./security-headers.ts";
import { ProblemPage } from "./views/problem.tsx";

export interface ConsoleAppOptions {
  /** The console is served over HTTPS: Secure `__Host-` cookies and HSTS. Default false (loopback HTTP). */
  secureCookies?: boolean;
  /** Entra ID sign-in routes (`/login/entra`, its callback), given the session starter; null when not configured. */
  entra?: ((startSession: StartSession) => Hono<ConsoleEnv> | null) | null;
  rateLimit?: SignInRateLimitOptions;
  /** Session lifetimes (tests shorten them). */
  sessions?: { idleMs?: number; absoluteMs?: number };
  /** Told of every unexpected error (the server logs it); the response is a plain 500 page. */
  onError?: (err: unknown, c: Context) => void;
}

/** Whether the request wants a page a browser shows (not htmx, not an API client, not a download). */
function wantsPage(c: Context): boolean {
  if (c.req.method !== "GET" && c.req.method !== "HEAD") return false;
  if (c.req.header("HX-Request")) return false;
  if (c.req.path.endsWith(".pdf")) return false;
  const accept = c.req.header("Accept") ?? "";
  return accept.includes("text/html");
}

export function createConsoleApp(deps: ConsoleDeps, options: ConsoleAppOptions = {}): Hono<ConsoleEnv> {
  const secure = options.secureCookies === true;
  const sessions = createSessions({ store: deps.store, secure, now: () => deps.now(), ...options.sessions });
  const entra = options.entra?.(sessions.startSession) ?? null;
  const app = new Hono<ConsoleEnv>();

  // The server's own time per request (Server-Timing): what `npm run bench -- console` reports, apart from
  // the network and the load generator; a browser's developer tools show it too.
  app.use(async (c, next) => {
    const start = performance.now();
    await next();
    c.header("Server-Timing", `app;dur=${(performance.now() - start).toFixed(1)}`);
  });
  app.use(securityHeaders({ https: secure }));
  app.route("/", consoleAssets());
  app.route("/", localSignInRoutes({ store: deps.store, sessions, rateLimit: createSignInRateLimit(options.rateLimit), secure, entra: entra !== null }));
  if (entra) app.route("/", entra);

  app.use(async (c, next) => {
    const active = await sessions.resolve(c);
    if (!active) {
      if (wantsPage(c)) return c.redirect(`/login?next=${encodeURIComponent(`${c.req.path}${new URL(c.req.url).search}`)}`, 303);
      c.header("WWW-Authenticate", 'Cookie realm="holofleet console"');
      return c.text("Sign in first: this console needs a session (POST /login).", 401);
    }
    c.set("viewer", active.viewer);
    c.set("csrfToken", csrfTokenFor(active.token));
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      const refusal = await csrfRefusal(c, c.get("csrfToken"));
      if (refusal) {
        const page = ProblemPage({ title: "Refused", message: `This change was refused and nothing was changed: ${refusal}. Load the page again and resubmit if you meant it.`, viewer: active.viewer, csrfToken: c.get("csrfToken") });
        return c.html(page, 403);
      }
    }
    await next();
  });

  app.route("/", consoleActions(deps));
  app.route("/", consolePages(deps));

  app.notFound((c) => c.text("Not found", 404));
  app.onError((err, c) => {
    options.onError?.(err, c);
    return c.text("The console failed on this request (it is logged). Try again, or see the console's output.", 500);
  });
  return app;
}
