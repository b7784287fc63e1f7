/**
 * `/loans`: who has what until when, as a picture — the server-drawn timeline (views/loan-timeline.tsx),
 * overdue loans in red and a "today" line — with the same loans in words for screen readers.
 */
import { Hono } from "hono";
import { isOverdue } from "../../fleet/loan-state.ts";
import type { ConsoleDeps, ConsoleEnv } from "../deps.ts";
import { plural } from "../views/format.ts";
import { Layout } from "../views/layout.tsx";
import { LoanTimelineList, loanTimelineSvg, type TimelineLoan } from "../views/loan-timeline.tsx";

export function loansPage(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get("/loans", async (c) => {
    const now = deps.now();
    const names = new Map(deps.blueprint.clients.map((cl) => [cl.id, cl.displayName]));
    const open = await deps.store.loans.list({ state: "open" });
    const loans: TimelineLoan[] = open.map((l) => ({
      serial: l.deviceSerial,
      clientId: l.clientId,
      clientName: names.get(l.clientId) ?? l.clientId,
      start: l.shippedAt ?? l.preparedAt,
      expectedReturn: l.expectedReturn,
    }));
    const overdue = loans.filter((l) => isOverdue(l.expectedReturn, now)).length;
    return c.html(
      <Layout title="Loans" current="/loans" viewer={c.get("viewer")} csrfToken={c.get("csrfToken")}>
        <p>
          {`${plural(loans.length, "device")} out on loan`}
          {overdue ? <strong class="alarm">{`, ${overdue} overdue`}</strong> : null}
          {". Each bar runs from when the device left to when it is due back; red is past that date."}
        </p>
        <figure class="timeline-figure">
          {loanTimelineSvg(loans, now)}
          <figcaption>
            <span class="key key-loan">on loan</span> <span class="key key-overdue">overdue</span> <span class="key key-today">today</span>
          </figcaption>
        </figure>
        <LoanTimelineList loans={loans} now={now} />
      </Layout>,
    );
  });
  return app;
}
