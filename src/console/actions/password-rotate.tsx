/**
 * `GET /passwords/rotate?upn` confirms, `POST /passwords/rotate` sets a new password on a client account
 * through `rotatePassword` (reason `manual`) and shows it once on that response only.
 */
import { Hono } from "hono";
import { blueprintAccount, rotatePassword } from "../../operations/passwords-rotate.ts";
import { consoleActor, type ConsoleDeps, type ConsoleEnv } from "../deps.ts";
import { ConfirmPage, invalidField, OneTimePasswords, requireField, ResultPage, operatorRoute } from "./action-kit.tsx";

export function passwordRotateAction(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get(
    "/passwords/rotate",
    operatorRoute("The rotation", async (c, fields) => {
      const upn = requireField(fields, "upn", "The account");
      const account = blueprintAccount(deps.blueprint, upn);
      if (!account) throw invalidField(`${upn} is not a client account of the blueprint`);
      const loans = await deps.store.loans.list({ clientId: account.clientId, state: "open" });
      const onLoan = loans.filter((l) => l.accountUpns.some((u) => u.toLowerCase() === account.upn.toLowerCase()));
      return c.html(
        <ConfirmPage c={c} title={`Rotate the password of ${account.upn}?`} action="/passwords/rotate" fields={{ upn: account.upn }} button="Rotate the password">
          <dl class="summary">
            <dt>Account</dt>
            <dd>
              {account.upn} (client {account.clientId})
            </dd>
            <dt>What happens</dt>
            <dd>a new password from a secure random source is set in the tenant and shown once on the next page; the current one stops working</dd>
            <dt>Devices on loan with it</dt>
            <dd>{onLoan.length ? onLoan.map((l) => l.deviceSerial).join(", ") : "none"}</dd>
          </dl>
        </ConfirmPage>,
      );
    }),
  );
  app.post(
    "/passwords/rotate",
    operatorRoute("The rotation", async (c, fields) => {
      const upn = requireField(fields, "upn", "The account");
      const rotated = await rotatePassword(deps.fleetFor(consoleActor(c.get("viewer"))), upn, "manual");
      return c.html(
        <ResultPage c={c} title={`New password for ${rotated.upn}`}>
          <OneTimePasswords rotated={[rotated]} />
        </ResultPage>,
      );
    }),
  );
  return app;
}
