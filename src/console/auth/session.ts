/**
 * Console sessions: a 32-byte random token in an HttpOnly, SameSite=Strict cookie (`__Host-hf_session`
 * and Secure over HTTPS, `hf_session` over plain HTTP on loopback); the fleet store keeps only its SHA-256.
 * A session ends after SESSION_IDLE_MS unused or SESSION_ABSOLUTE_MS after sign-in, whichever comes first,
 * and on sign-out. Signing in always starts a new session (the old cookie's session is deleted first), so
 * a token planted before sign-in is worth nothing after it.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { FleetStore } from "../../fleet/store/port.ts";
import { consoleActor, type ConsoleViewer } from "../deps.ts";
import { safeNext } from "./safe-next.ts";

export const SESSION_COOKIE = "hf_session";
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
/** `lastSeenAt` is written at most this often: a page view must not cost a write each time. */
const TOUCH_EVERY_MS = 60_000;

/** Signs `viewer` in (a new session, its cookie) and answers with a 303 to `next` (a same-site path) or `/`. */
export type StartSession = (c: Context, viewer: ConsoleViewer, next?: string) => Promise<Response>;

export interface ActiveSession {
  viewer: ConsoleViewer;
  /** The cookie's token (the CSRF token is derived from it); never logged or stored. */
  token: string;
}

export interface SessionOptions {
  store: FleetStore;
  /** Cookies are Secure and `__Host-` prefixed (the console is served over HTTPS). */
  secure: boolean;
  now(): Date;
  idleMs?: number;
  absoluteMs?: number;
}

export interface Sessions {
  startSession: StartSession;
  /** The signed-in viewer of this request, or null (no cookie, unknown, expired or idle session). */
  resolve(c: Context): Promise<ActiveSession | null>;
  /** Deletes this request's session and its cookie. */
  end(c: Context): Promise<ConsoleViewer | null>;
}

export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function createSessions(opts: SessionOptions): Sessions {
  const idleMs = opts.idleMs ?? SESSION_IDLE_MS;
  const absoluteMs = opts.absoluteMs ?? SESSION_ABSOLUTE_MS;
  const prefix = opts.secure ? ({ prefix: "host" } as const) : {};
  const readCookie = (c: Context) => (opts.secure ? getCookie(c, SESSION_COOKIE, "host") : getCookie(c, SESSION_COOKIE));
  const clearCookie = (c: Context) => deleteCookie(c, SESSION_COOKIE, { path: "/", secure: opts.secure, httpOnly: true, sameSite: "Strict", ...prefix });

  async function resolve(c: Context): Promise<ActiveSession | null> {
    const token = readCookie(c);
    if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const hash = tokenHash(token);
    const session = await opts.store.sessions.find(hash);
    if (!session) return null;
    const now = opts.now().getTime();
    const idle = now - Date.parse(session.lastSeenAt);
    if (idle > idleMs) {
      await opts.store.sessions.delete(hash);
      return null;
    }
    let viewer: ConsoleViewer;
    if (session.via === "local") {
      // The account's role now, not at sign-in: a demoted or removed account loses its rights at once.
      const user = await opts.store.consoleUsers.get(session.userName);
      if (!user) {
        await opts.store.sessions.delete(hash);
        return null;
      }
      viewer = { name: user.name, role: user.role, via: "local" };
    } else {
      viewer = { name: session.userName, role: session.role!, via: "entra" };
    }
    if (idle > TOUCH_EVERY_MS) await opts.store.sessions.touch(hash);
    return { viewer, token };
  }

  const startSession: StartSession = async (c, viewer, next) => {
    const previous = readCookie(c);
    if (previous) await opts.store.sessions.delete(tokenHash(previous));
    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(opts.now().getTime() + absoluteMs);
    await opts.store.sessions.create({ tokenHash: tokenHash(token), userName: viewer.name, via: viewer.via, ...(viewer.via === "entra" ? { role: viewer.role } : {}), expiresAt: expiresAt.toISOString() });
    await opts.store.events.append({ actor: consoleActor(viewer), action: "console.sign-in", subjectType: "console-user", subjectId: viewer.name, after: { via: viewer.via, role: viewer.role } });
    setCookie(c, SESSION_COOKIE, token, { path: "/", httpOnly: true, sameSite: "Strict", secure: opts.secure, maxAge: Math.floor(absoluteMs / 1000), ...prefix });
    c.header("Cache-Control", "no-store");
    return c.redirect(safeNext(next), 303);
  };

  async function end(c: Context): Promise<ConsoleViewer | null> {
    const active = await resolve(c);
    const token = readCookie(c);
    if (token) await opts.store.sessions.delete(tokenHash(token));
    clearCookie(c);
    if (active) await opts.store.events.append({ actor: consoleActor(active.viewer), action: "console.sign-out", subjectType: "console-user", subjectId: active.viewer.name });
    return active?.viewer ?? null;
  }

  return { startSession, resolve, end };
}
