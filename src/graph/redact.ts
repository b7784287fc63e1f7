/**
 * Redaction of what a request carries before it goes into an error, a log line or a report: the
 * bearer token, secret-bearing query parameters, and secret body fields (a new user's
 * `passwordProfile`, client secrets, tokens, assertions). Applied as a copy; the request itself is
 * never changed.
 */

export const REDACTED = "[REDACTED]";

/** Headers whose value is a credential. */
const SECRET_HEADERS = new Set(["authorization", "cookie", "set-cookie", "x-sim-key", "proxy-authorization"]);

/** Query parameters and body keys whose value is a credential (compared lower-cased, `-`/`_` ignored). */
const SECRET_KEYS = new Set(
  [
    "password",
    "newPassword",
    "currentPassword",
    "passwordProfile",
    "clientSecret",
    "secretText",
    "accessToken",
    "refreshToken",
    "idToken",
    "clientAssertion",
    "assertion",
    "deviceCode",
    "privateKey",
    "sig",
    "token",
  ].map(fold),
);

function fold(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, "");
}

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(fold(key));
}

/** A JWT (base64url JSON header `{"…` is `eyJ…`) or a bearer credential inside free text. */
const JWT_IN_TEXT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const HAS_JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/;
const BEARER_IN_TEXT = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi;

/** Removes anything that looks like a token from free text (messages from servers, causes). */
export function redactText(text: string): string {
  return text.replace(JWT_IN_TEXT, REDACTED).replace(BEARER_IN_TEXT, `$1 ${REDACTED}`);
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = SECRET_HEADERS.has(k.toLowerCase()) ? REDACTED : redactText(v);
  return out;
}

/** The URL with secret query parameters replaced; an unparsable URL is redacted as text. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactText(url);
  }
  if (parsed.username || parsed.password) {
    parsed.username = "";
    parsed.password = "";
  }
  const entries = [...parsed.searchParams.entries()];
  if (!entries.some(([k]) => isSecretKey(k)) && !HAS_JWT.test(parsed.search)) return parsed.toString();
  const query = entries.map(([k, v]) => `${encodeURIComponent(k)}=${isSecretKey(k) ? REDACTED : encodeURIComponent(redactText(v))}`).join("&");
  return `${parsed.origin}${parsed.pathname}?${query}${parsed.hash}`;
}

/** A deep copy of a JSON body with secret fields replaced and tokens removed from strings. */
export function redactBody(body: unknown, depth = 0): unknown {
  if (depth > 32) return REDACTED;
  if (typeof body === "string") {
    // A form-encoded token request (client_secret=…&client_assertion=…) is redacted by key.
    if (/^[\w.-]+=[^&]*(&[\w.-]+=[^&]*)*$/.test(body) && body.includes("=")) {
      const form = new URLSearchParams(body);
      if ([...form.keys()].some(isSecretKey))
        return [...form.entries()].map(([k, v]) => `${k}=${isSecretKey(k) ? REDACTED : encodeURIComponent(v)}`).join("&");
    }
    return redactText(body);
  }
  if (Array.isArray(body)) return body.map((v) => redactBody(v, depth + 1));
  if (body && typeof body === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(body)) out[k] = isSecretKey(k) ? REDACTED : redactBody(v, depth + 1);
    return out;
  }
  return body;
}
