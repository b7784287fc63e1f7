/**
 * `GET /loans/prepare?serial&client[&until]` confirms, `POST /loans/prepare` reserves the device for the
 * client through `prepareLoan` (tenant checks first; passwords rotated when the policy asks, shown once).
 */
import { Hono } from "hono";
import { prepareLoan } from "../../operations/loan-lend.ts";
import { consoleActor, type ConsoleDeps, type ConsoleEnv } from "../deps.ts";
import { ConfirmPage, OneTimePasswords, ResultPage, operatorRoute } from "./action-kit.tsx";
import { lendPreview, LendSummary } from "./lend-preview.tsx";

export function loanPrepareAction(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get(
    "/loans/prepare",
    operatorRoute("Preparing the loan", async (c, fields) => {
      const preview = await lendPreview(deps, c, fields);
      return c.html(
        <ConfirmPage c={c} title={`Prepare ${preview.serial} for ${preview.clientName}?`} action="/loans/prepare" fields={{ serial: preview.serial, client: preview.clientId, ...(preview.until ? { until: preview.until } : {}) }} button="Prepare the loan">
          <LendSummary preview={preview} ship={false} />
        </ConfirmPage>,
      );
    }),
  );
  app.post(
    "/loans/prepare",
    operatorRoute("Preparing the loan", async (c, fields) => {
      const preview = await lendPreview(deps, c, fields);
      const r = await prepareLoan(deps.fleetFor(consoleActor(c.get("viewer"))), { serial: preview.serial, clientId: preview.clientId, until: preview.until });
      return c.html(
        <ResultPage c={c} title={`${r.device.serial} prepared for ${preview.clientName}`}>
          <p>
            Loan {r.loan.id}: {r.loan.accountUpns.join(", ")}, due back {r.loan.expectedReturn.slice(0, 10)}. Ship it when it leaves:{" "}
            <a href={`/loans/ship?serial=${encodeURIComponent(r.device.serial)}&client=${encodeURIComponent(r.loan.clientId)}`}>ship {r.device.serial}</a>.
          </p>
          <OneTimePasswords rotated={r.rotated} />
        </ResultPage>,
      );
    }),
  );
  return app;
}
