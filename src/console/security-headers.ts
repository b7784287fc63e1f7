/**
 * The security headers of every console response, through Hono's `secureHeaders`: a strict
 * Content-Security-Policy (scripts only from the console itself or a `<script nonce>` block of this
 * response; no inline style; no framing; forms post only here), nosniff, no referrer beyond the console, DENY framing, an
 * isolated browsing context, a Permissions-Policy that turns off what the console never uses, and HSTS
 * only over HTTPS (on plain loopback HTTP it would be ignored or, worse, pin a name to HTTPS).
 */
import { randomBytes } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { ConsoleEnv } from "./deps.ts";

/** The nonce of this response, made on first use and kept in `cspNonce` for pages to put on their script blocks. */
function nonce(c: Context): string {
  let value = c.get("cspNonce") as string | undefined;
  if (!value) {
    value = randomBytes(16).toString("base64");
    c.set("cspNonce", value);
  }
  return `'nonce-${value}'`;
}

export function securityHeaders(opts: { https: boolean }): MiddlewareHandler<ConsoleEnv> {
  const headers = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'", nonce],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", "data:"],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
    },
    xContentTypeOptions: true,
    // same-origin: no referrer leaves the console, while its own forms keep a real Origin header.
    referrerPolicy: "same-origin",
    xFrameOptions: "DENY",
    crossOriginOpenerPolicy: "same-origin",
    crossOriginResourcePolicy: "same-origin",
    strictTransportSecurity: opts.https ? "max-age=31536000; includeSubDomains" : false,
    permissionsPolicy: {
      camera: [],
      microphone: [],
      geolocation: [],
      payment: [],
      usb: [],
      serial: [],
      hid: [],
      xrSpatialTracking: [],
      fullscreen: ["self"],
    },
  });
  return async function consoleSecurityHeaders(c, next) {
    await headers(c, async () => {
      await next();
      // Pages and actions hold fleet data and one-time passwords: no cache keeps them. Assets set their own.
      if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store");
    });
  };
}
