/**
 * PLACEHOLDER until the console's real pages land: one trivial page per navigation entry, so the server,
 * its sessions and its tests have every path to serve. The real `consolePages` replaces this file.
 */
import { Hono } from "hono";
import { html } from "hono/html";
import type { ConsoleDeps, ConsoleEnv } from "../deps.ts";

const PATHS = ["/", "/devices", "/devices/:serial", "/clients", "/clients/:id", "/loans", "/findings", "/plan"] as const;

export function consolePages(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  for (const path of PATHS) {
    app.get(path, (c) => c.html(html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>holofleet</title></head><body><main><h1>${deps.blueprint.metadata.name}: ${c.req.path}</h1><p>Signed in as ${c.get("viewer").name}.</p></main></body></html>`));
  }
  return app;
}
