/**
 * `GET /loans/return?serial` confirms, `POST /loans/return` takes the device back through `returnLoan`:
 * passwords rotated per policy (shown once), the device reset as `loans.onReturn` says. The request waits
 * for the wipe only briefly (RETURN_WAIT_MS); a wipe still pending then is said so, and the device's page
 * shows it finishing (a later return resumes it).
 */
import { Hono } from "hono";
import { rotationDueOnReturn } from "../../fleet/loan-state.ts";
import { loadDevice } from "../../operations/loan-lend.ts";
import { returnLoan } from "../../operations/loan-return.ts";
import { consoleActor, type ConsoleDeps, type ConsoleEnv } from "../deps.ts";
import { ConfirmPage, OneTimePasswords, requireField, ResultPage, operatorRoute } from "./action-kit.tsx";

/** How long a return request waits for the wipe, and how often it looks. */
export const RETURN_WAIT_MS = 20_000;
export const RETURN_POLL_MS = 5_000;

export function loanReturnAction(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get(
    "/loans/return",
    operatorRoute("The return", async (c, fields) => {
      const serial = requireField(fields, "serial", "The device's serial number");
      const device = await loadDevice(deps.fleetFor(consoleActor(c.get("viewer"))), serial);
      const loan = await deps.store.loans.current(device.serial);
      const rotation = rotationDueOnReturn(deps.blueprint.passwords.policy);
      const onReturn = deps.blueprint.loans?.onReturn ?? "wipe";
      const resuming = device.state === "returned" || device.state === "resetting";
      return c.html(
        <ConfirmPage c={c} title={`Take ${device.serial} back?`} action="/loans/return" fields={{ serial: device.serial }} button={resuming ? "Finish the return" : "Take it back"}>
          <dl class="summary">
            <dt>Device</dt>
            <dd>
              {device.serial} (now {device.state})
            </dd>
            <dt>Loan</dt>
            <dd>{loan ? `${loan.clientId}: ${loan.accountUpns.join(", ")}, due back ${loan.expectedReturn.slice(0, 10)}` : resuming ? "already closed; the reset is finished now" : "none open"}</dd>
            <dt>Passwords</dt>
            <dd>{rotation && loan && !resuming ? `rotated now for ${loan.accountUpns.join(", ")} (${rotation}); the new ones are shown once` : "not rotated (the password policy does not ask for it on return)"}</dd>
            <dt>Reset</dt>
            <dd>
              {onReturn === "wipe"
                ? "the device is wiped through Intune (loans.onReturn: wipe) so the next client inherits nothing; its Autopilot registration stays, and it is back in stock once the wipe completes"
                : "the device is not wiped (loans.onReturn: none) and goes straight back to stock"}
            </dd>
          </dl>
        </ConfirmPage>,
      );
    }),
  );
  app.post(
    "/loans/return",
    operatorRoute("The return", async (c, fields) => {
      const serial = requireField(fields, "serial", "The device's serial number");
      const r = await returnLoan(deps.fleetFor(consoleActor(c.get("viewer"))), serial, { timeoutMs: RETURN_WAIT_MS, pollMs: RETURN_POLL_MS });
      const pending = r.device.state !== "in-stock";
      return c.html(
        <ResultPage c={c} title={pending ? `${r.device.serial} returned; the wipe is pending` : `${r.device.serial} is back in stock`}>
          <p>
            Reset: {r.reset}; the device is now {r.device.state}.
            {pending ? " It wipes at its next check-in; its page shows when that happens, and taking it back again finishes the return." : ""}
          </p>
          <p>
            <a href={`/devices/${encodeURIComponent(r.device.serial)}`}>See {r.device.serial}</a>
          </p>
          <OneTimePasswords rotated={r.rotated} />
        </ResultPage>,
      );
    }),
  );
  return app;
}
