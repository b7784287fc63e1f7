/**
 * Cross-site request forgery protection for every POST. Signed in, the token a form or htmx must send
 * (`_csrf` field or `X-CSRF-Token` header) is an HMAC of the session token: stateless, the same in every
 * console process, and unguessable without the HttpOnly cookie. Before sign-in (the login form) it is a
 * random value in its own cookie that the form repeats (double submit), so nobody can sign a victim into
 * an account of theirs. Both compare in constant time, and a request a browser marks as cross-site
 * (`Sec-Fetch-Site`) or from another origin (`Origin`) is refused whatever it carries.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";

export const CSRF_FIELD = "_csrf";
export const CSRF_HEADER = "X-CSRF-Token";
export const LOGIN_CSRF_COOKIE = "hf_login_csrf";

/** The CSRF token of a session. */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac("sha256", sessionToken).update("holofleet console csrf v1").digest("base64url");
}

export function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  // Lengths differ only for a forged or truncated token; comparing the lengths leaks nothing secret.
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Why the browser says this request comes from another site, or null when it does not. */
export function crossSiteReason(c: Context): string | null {
  const site = c.req.header("Sec-Fetch-Site");
  if (site && site !== "same-origin" && site !== "none") return `the browser marked the request as ${site} (Sec-Fetch-Site)`;
  // A browser that says same-origin is believed (a page cannot set Sec-Fetch-Site): it may still send
  // `Origin: null`, as the Fetch standard asks of a page whose referrer policy is no-referrer.
  if (site === "same-origin") return null;
  const origin = c.req.header("Origin");
  if (origin !== undefined) {
    const own = new URL(c.req.url).origin;
    if (origin !== own) return `the request came from ${origin === "null" ? "an opaque origin" : origin}, not ${own}`;
  }
  return null;
}

/** The token a POST carries: the header (htmx) or the form field. */
export async function submittedToken(c: Context): Promise<string | null> {
  const header = c.req.header(CSRF_HEADER);
  if (header) return header;
  const type = c.req.header("Content-Type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return null;
  const body = await c.req.parseBody();
  const value = body[CSRF_FIELD];
  return typeof value === "string" ? value : null;
}

/** Why a POST is refused (cross-site, or a missing or wrong token), or null when it may go on. */
export async function csrfRefusal(c: Context, expected: string): Promise<string | null> {
  const cross = crossSiteReason(c);
  if (cross) return cross;
  const got = await submittedToken(c);
  if (!got) return "the form carried no CSRF token";
  if (!tokensEqual(got, expected)) return "the form's CSRF token does not match your session (it may come from an older page, or another site)";
  return null;
}

/** The login form's pre-session token: the cookie's value, or a new one set now. */
export function loginCsrfToken(c: Context, secure: boolean): string {
  const existing = secure ? getCookie(c, LOGIN_CSRF_COOKIE, "host") : getCookie(c, LOGIN_CSRF_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = randomBytes(32).toString("base64url");
  setCookie(c, LOGIN_CSRF_COOKIE, token, { path: "/", httpOnly: true, sameSite: "Strict", secure, maxAge: 60 * 60, ...(secure ? { prefix: "host" as const } : {}) });
  return token;
}

/** The login POST's refusal reason: cross-site, no pre-session cookie, or a form token that does not match it. */
export async function loginCsrfRefusal(c: Context, secure: boolean): Promise<string | null> {
  const cookie = secure ? getCookie(c, LOGIN_CSRF_COOKIE, "host") : getCookie(c, LOGIN_CSRF_COOKIE);
  if (!cookie) return "the sign-in form's cookie is missing (cookies may be blocked, or the form is too old): load the sign-in page again";
  return csrfRefusal(c, cookie);
}
