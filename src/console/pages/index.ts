/**
 * The console's pages (read-only; the changes are in `actions/`): `consolePages(deps)` is
 * mounted by the server after its session middleware, so every page has `viewer`, `csrfToken` and
 * `cspNonce`. One file per page; each renders what a read model in `src/operations/` gives it.
 */
import { Hono } from "hono";
import type { ConsoleDeps, ConsoleEnv } from "../deps.ts";
import { clientPage } from "./client.tsx";
import { clientsPage } from "./clients.tsx";
import { devicePage } from "./device.tsx";
import { devicesPage } from "./devices.tsx";
import { findingsPage } from "./findings.tsx";
import { loansPage } from "./loans.tsx";
import { overviewPage } from "./overview.tsx";
import { planPage } from "./plan.tsx";

export function consolePages(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  for (const page of [overviewPage, devicesPage, devicePage, clientsPage, clientPage, loansPage, findingsPage, planPage]) app.route("/", page(deps));
  return app;
}
