/**
 * `GET /loans/:id/handoff.pdf`: the handoff sheet of a shipped loan, made again from the loan and the
 * blueprint each time (so nothing is kept on disk, and it never holds a password).
 */
import { Hono } from "hono";
import { handoffPdf } from "../../operations/loan-handoff-sheet.ts";
import type { ConsoleDeps, ConsoleEnv } from "../deps.ts";

export function loanHandoffRoute(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get("/loans/:id{[0-9]+}/handoff.pdf", async (c) => {
    const id = Number(c.req.param("id"));
    const loan = Number.isSafeInteger(id) ? await deps.store.loans.get(id) : null;
    if (!loan || !loan.shippedAt) return c.text(`no shipped loan ${c.req.param("id")}`, 404);
    const client = deps.blueprint.clients.find((x) => x.id === loan.clientId);
    const pdf = await handoffPdf({
      programName: deps.blueprint.metadata.name,
      organisation: deps.blueprint.tenant.domain,
      clientName: client?.displayName ?? loan.clientId,
      serial: loan.deviceSerial,
      accounts: loan.accountUpns,
      expectedReturn: loan.expectedReturn,
      supportContact: deps.blueprint.loans?.supportContact ?? null,
      issuedAt: loan.shippedAt,
    });
    c.header("Content-Type", "application/pdf");
    c.header("Content-Disposition", `attachment; filename="${loan.deviceSerial.replace(/[^A-Za-z0-9._-]/g, "_")}-loan${loan.id}.pdf"`);
    return c.body(pdf as Uint8Array<ArrayBuffer>);
  });
  return app;
}
