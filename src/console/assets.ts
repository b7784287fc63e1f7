/**
 * The files the console serves itself (no CDN, so the CSP can say `'self'`): every file in
 * `src/console/assets/` at `/assets/<name>`, and the pinned npm builds of htmx and Chartist. Public (the
 * sign-in page uses them too), read once and kept in memory, revalidated by ETag.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Hono } from "hono";
import type { ConsoleEnv } from "./deps.ts";

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

/** npm files served under a stable name; the versions are pinned in package.json. */
const VENDORED: Record<string, string> = {
  "htmx.min.js": "htmx.org/dist/htmx.min.js",
  // Chartist 1.x ships its minified browser build as the UMD bundle and its stylesheet as index.css.
  "chartist.min.js": "chartist/dist/index.umd.js",
  "chartist.min.css": "chartist/dist/index.css",
};

interface Asset {
  body: Uint8Array;
  type: string;
  etag: string;
}

function asset(file: string): Asset {
  const body = new Uint8Array(readFileSync(file));
  return { body, type: TYPES[extname(file)] ?? "application/octet-stream", etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"` };
}

/** Every asset by name: the console's own folder, then the vendored files. */
export function loadAssets(dir: string = fileURLToPath(new URL("./assets/", import.meta.url))): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  let names: string[] = [];
  try {
    names = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
  } catch {
    // No own assets yet: the vendored ones are still served.
  }
  for (const name of names) assets.set(name, asset(join(dir, name)));
  const require = createRequire(import.meta.url);
  for (const [name, specifier] of Object.entries(VENDORED)) assets.set(name, asset(require.resolve(specifier)));
  return assets;
}

export function consoleAssets(assets: Map<string, Asset> = loadAssets()): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get("/assets/:name", (c) => {
    const found = assets.get(c.req.param("name"));
    if (!found) return c.text("no such asset", 404);
    // Names are stable across versions, so browsers revalidate (cheap: 304 by ETag) rather than keep a stale copy.
    c.header("Cache-Control", "no-cache");
    c.header("ETag", found.etag);
    if (c.req.header("If-None-Match") === found.etag) return c.body(null, 304);
    c.header("Content-Type", found.type);
    return c.body(found.body as Uint8Array<ArrayBuffer>);
  });
  return app;
}
