/**
 * The console's changes, mounted after the session middleware: each action is a GET confirmation and a
 * POST that calls the operations layer (CSRF-checked by the app), plus the handoff sheet download.
 */
import { Hono } from "hono";
import type { ConsoleDeps, ConsoleEnv } from "../deps.ts";
import { auditRunAction } from "./audit-run.tsx";
import { loanHandoffRoute } from "./loan-handoff.ts";
import { loanPrepareAction } from "./loan-prepare.tsx";
import { loanReturnAction } from "./loan-return.tsx";
import { loanShipAction } from "./loan-ship.tsx";
import { passwordRotateAction } from "./password-rotate.tsx";

export function consoleActions(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  for (const action of [loanPrepareAction, loanShipAction, loanReturnAction, passwordRotateAction, auditRunAction, loanHandoffRoute]) app.route("/", action(deps));
  return app;
}
