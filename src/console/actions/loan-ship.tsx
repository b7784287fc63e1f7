/**
 * `GET /loans/ship?serial&client[&until]` confirms, `POST /loans/ship` ships the device through `shipLoan`
 * (an in-stock device is prepared first; tenant checks again), then links the handoff sheet and shows any
 * rotated passwords once.
 */
import { Hono } from "hono";
import { shipLoan } from "../../operations/loan-lend.ts";
import { consoleActor, type ConsoleDeps, type ConsoleEnv } from "../deps.ts";
import { ConfirmPage, OneTimePasswords, ResultPage, operatorRoute } from "./action-kit.tsx";
import { lendPreview, LendSummary } from "./lend-preview.tsx";

export function loanShipAction(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get(
    "/loans/ship",
    operatorRoute("Shipping", async (c, fields) => {
      const preview = await lendPreview(deps, c, fields);
      return c.html(
        <ConfirmPage c={c} title={`Ship ${preview.serial} to ${preview.clientName}?`} action="/loans/ship" fields={{ serial: preview.serial, client: preview.clientId, ...(preview.until ? { until: preview.until } : {}) }} button="Ship the device">
          <LendSummary preview={preview} ship={true} />
        </ConfirmPage>,
      );
    }),
  );
  app.post(
    "/loans/ship",
    operatorRoute("Shipping", async (c, fields) => {
      const preview = await lendPreview(deps, c, fields);
      const r = await shipLoan(deps.fleetFor(consoleActor(c.get("viewer"))), { serial: preview.serial, clientId: preview.clientId, until: preview.until });
      return c.html(
        <ResultPage c={c} title={`${r.device.serial} shipped to ${preview.clientName}`}>
          <p>
            Loan {r.loan.id}: {r.loan.accountUpns.join(", ")}, due back {r.loan.expectedReturn.slice(0, 10)}.
          </p>
          <p>
            <a href={`/loans/${r.loan.id}/handoff.pdf`} download={`${r.device.serial}-loan${r.loan.id}.pdf`}>
              Download the handoff sheet (PDF)
            </a>{" "}
            for the client: the device, the accounts and how to sign in — it holds no password.
          </p>
          <OneTimePasswords rotated={r.rotated} />
        </ResultPage>,
      );
    }),
  );
  return app;
}
