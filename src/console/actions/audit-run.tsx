/**
 * `GET /audit/run` confirms, `POST /audit/run` reads the tenant live and audits it (`deps.audits.run`,
 * shared with any run already under way), then goes to the findings.
 */
import { Hono } from "hono";
import { consoleActor, type ConsoleDeps, type ConsoleEnv } from "../deps.ts";
import { ConfirmPage, ResultPage, operatorRoute } from "./action-kit.tsx";

export function auditRunAction(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get(
    "/audit/run",
    operatorRoute("The audit", (c) => {
      const latest = deps.audits.latest();
      return c.html(
        <ConfirmPage c={c} title="Run an audit now?" action="/audit/run" fields={{}} button="Run the audit">
          <p>Reads the tenant live through Microsoft Graph and holds it to the blueprint and the guide. It changes nothing in the tenant.</p>
          <p>{latest ? `The last audit read the tenant at ${latest.at}.` : "No audit has finished yet."}</p>
        </ConfirmPage>,
      );
    }),
  );
  app.post(
    "/audit/run",
    operatorRoute("The audit", async (c) => {
      const done = await deps.audits.run(consoleActor(c.get("viewer")));
      const s = done.result.summary.byStatus;
      return c.html(
        <ResultPage c={c} title="Audit done">
          <p>
            Read at {done.at}: {s.fail} fail, {s.manual} manual, {s.pass} pass, {s.not_applicable} not applicable.
          </p>
          <p>
            <a href="/findings">See the findings</a>
          </p>
        </ResultPage>,
      );
    }),
  );
  return app;
}
