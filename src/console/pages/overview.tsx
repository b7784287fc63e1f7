/**
 * `/`: the fleet at a glance — posture by concern and devices by state (each a chart with its numbers in
 * a table), loans due this week, overdue devices in red, and when the last audit and apply ran.
 */
import { Hono } from "hono";
import { hasRole, type ConsoleDeps, type ConsoleEnv } from "../deps.ts";
import { readFleetOverview, type LoanDue } from "../../operations/fleet-overview.ts";
import { RunAuditForm } from "../views/action-forms.tsx";
import { BarChart, Empty } from "../views/components.tsx";
import { actorName, day, minute, plural } from "../views/format.ts";
import { Layout } from "../views/layout.tsx";

function LoanList(props: { id: string; caption: string; loans: LoanDue[]; clientName: (id: string) => string; overdue?: boolean }) {
  return (
    <table class={props.overdue ? "overdue-table" : undefined}>
      <caption id={props.id}>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Device</th>
          <th scope="col">Client</th>
          <th scope="col">Due back</th>
          {props.overdue ? <th scope="col">Overdue</th> : null}
        </tr>
      </thead>
      <tbody>
        {props.loans.map((l) => (
          <tr class={props.overdue ? "alarm" : undefined}>
            <th scope="row">
              <a href={`/devices/${encodeURIComponent(l.serial)}`}>{l.serial}</a>
            </th>
            <td>
              <a href={`/clients/${encodeURIComponent(l.clientId)}`}>{props.clientName(l.clientId)}</a>
            </td>
            <td>{day(l.expectedReturn)}</td>
            {props.overdue ? <td class="alarm">{`overdue ${plural(l.daysOverdue, "day")}`}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function overviewPage(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get("/", async (c) => {
    const viewer = c.get("viewer");
    const latest = deps.audits.latest();
    const overview = await readFleetOverview(deps.store, latest, deps.now());
    const clientNames = new Map(deps.blueprint.clients.map((cl) => [cl.id, cl.displayName]));
    const clientName = (id: string) => clientNames.get(id) ?? id;
    return c.html(
      <Layout title="Overview" current="/" viewer={viewer} csrfToken={c.get("csrfToken")}>
        <section aria-labelledby="runs">
          <h2 id="runs">Last runs</h2>
          <dl class="facts">
            <dt>Last audit</dt>
            <dd>
              {overview.lastAudit
                ? `${minute(overview.lastAudit.at)} by ${actorName(overview.lastAudit.by)} — ${plural(overview.lastAudit.failures, "failure")} in ${plural(overview.lastAudit.total, "result")}`
                : "No audit has run since the console started."}
            </dd>
            <dt>Last apply</dt>
            <dd>{overview.lastApply ? `${minute(overview.lastApply.at)} by ${actorName(overview.lastApply.by)}` : "No apply recorded in the fleet's event log."}</dd>
          </dl>
          {hasRole(viewer, "operator") ? <RunAuditForm csrfToken={c.get("csrfToken")} /> : null}
        </section>

        <section aria-labelledby="posture">
          <h2 id="posture">Posture by concern</h2>
          {overview.posture ? (
            <BarChart
              id="posture-chart"
              caption="Audit results by concern (failing, manual, passing)"
              rowHeader="Concern"
              horizontal
              labels={overview.posture.map((p) => p.concern)}
              href={(concern) => `/findings?concern=${encodeURIComponent(concern)}`}
              series={[
                { name: "Fail", className: "fail", values: overview.posture.map((p) => p.counts.fail) },
                { name: "Manual", className: "manual", values: overview.posture.map((p) => p.counts.manual) },
                { name: "Pass", className: "pass", values: overview.posture.map((p) => p.counts.pass) },
              ]}
            />
          ) : (
            <Empty>No audit yet: run one to see the posture.</Empty>
          )}
        </section>

        <section aria-labelledby="states">
          <h2 id="states">Devices by state</h2>
          <BarChart
            id="state-chart"
            caption={`Devices by state (${plural(overview.totalDevices, "device")})`}
            rowHeader="State"
            labels={overview.devicesByState.map((s) => s.state)}
            href={(state) => `/devices?state=${encodeURIComponent(state)}`}
            series={[{ name: "Devices", className: "devices", values: overview.devicesByState.map((s) => s.count) }]}
          />
        </section>

        <section aria-labelledby="overdue">
          <h2 id="overdue">Overdue devices</h2>
          {overview.overdue.length ? (
            <LoanList id="overdue-caption" caption={`${plural(overview.overdue.length, "device")} past the expected return`} loans={overview.overdue} clientName={clientName} overdue />
          ) : (
            <Empty>No device is overdue.</Empty>
          )}
        </section>

        <section aria-labelledby="due">
          <h2 id="due">Loans due this week</h2>
          {overview.dueThisWeek.length ? (
            <LoanList id="due-caption" caption={`${plural(overview.dueThisWeek.length, "loan")} due back in the next 7 days`} loans={overview.dueThisWeek} clientName={clientName} />
          ) : (
            <Empty>No loan is due back in the next 7 days.</Empty>
          )}
        </section>
      </Layout>,
    );
  });
  return app;
}
