/**
 * `/clients/:id`: one client — each account's password (last set, expiry against the loan's return: the
 * passwords-due logic, read from the tenant) with the rotate form for operators, its devices on loan and
 * the findings that affect it.
 */
import { Hono } from "hono";
import { consoleActor, hasRole, type ConsoleDeps, type ConsoleEnv } from "../deps.ts";
import { daysOverdue } from "../../fleet/loan-state.ts";
import { readClientDetail } from "../../operations/client-summary.ts";
import { RotatePasswordForm } from "../views/action-forms.tsx";
import { Empty, Finding, StateBadge } from "../views/components.tsx";
import { day, minute, plural } from "../views/format.ts";
import { Layout } from "../views/layout.tsx";

export function clientPage(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get("/clients/:id", async (c) => {
    const viewer = c.get("viewer");
    const id = c.req.param("id");
    const latest = deps.audits.latest();
    const detail = await readClientDetail(deps.fleetFor(consoleActor(viewer)), id, latest?.result ?? null);
    if (!detail) {
      c.status(404);
      return c.html(
        <Layout title="No such client" current="/clients" viewer={viewer} csrfToken={c.get("csrfToken")}>
          <p>{`No client ${id} in the blueprint.`}</p>
          <p>
            <a href="/clients">All clients</a>
          </p>
        </Layout>,
      );
    }
    const operator = hasRole(viewer, "operator");
    const now = deps.now();
    const policy = deps.blueprint.passwords;
    return c.html(
      <Layout title={`Client ${detail.client.displayName}`} current="/clients" viewer={viewer} csrfToken={c.get("csrfToken")}>
        <dl class="facts">
          <dt>Client id</dt>
          <dd>
            <code>{detail.client.id}</code>
          </dd>
          <dt>Loan length</dt>
          <dd>{detail.client.loanDays === null ? "not set" : plural(detail.client.loanDays, "day")}</dd>
          <dt>Password policy</dt>
          <dd>{policy.policy === "never-expire" ? "never expire" : `${policy.policy}, expire after ${plural(policy.maxAgeDays, "day")}`}</dd>
        </dl>

        <section aria-labelledby="accounts">
          <h2 id="accounts">Accounts</h2>
          <table>
            <caption>{`${plural(detail.accounts.length, "account")}: passwords against the loans`}</caption>
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Password last set</th>
                <th scope="col">Last rotated by holofleet</th>
                <th scope="col">Expires</th>
                <th scope="col">Device on loan</th>
                <th scope="col">Before the return?</th>
                {operator ? <th scope="col">Action</th> : null}
              </tr>
            </thead>
            <tbody>
              {detail.accounts.map((a) => {
                const during = a.why.includes("during-loan");
                return (
                  <tr class={during ? "alarm" : undefined}>
                    <th scope="row">
                      {a.displayName} <span class="meta">{a.upn}</span>
                    </th>
                    <td>{a.inTenant ? day(a.lastSetAt) || "unknown" : "not in the tenant"}</td>
                    <td>{a.lastRotatedAt ? minute(a.lastRotatedAt) : "never"}</td>
                    <td>{a.expiresAt ? day(a.expiresAt) : "never"}</td>
                    <td>{a.loan ? <a href={`/devices/${encodeURIComponent(a.loan.serial)}`}>{`${a.loan.serial}, back ${day(a.loan.expectedReturn)}`}</a> : ""}</td>
                    <td class={during ? "alarm" : undefined}>{during ? "expires during the loan" : a.loan ? "no" : ""}</td>
                    {operator ? (
                      <td>
                        <RotatePasswordForm upn={a.upn} />
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>

        <section aria-labelledby="on-loan">
          <h2 id="on-loan">Devices on loan</h2>
          {detail.onLoan.length ? (
            <table>
              <caption>{`${plural(detail.onLoan.length, "device")} at ${detail.client.displayName}`}</caption>
              <thead>
                <tr>
                  <th scope="col">Device</th>
                  <th scope="col">State</th>
                  <th scope="col">Shipped</th>
                  <th scope="col">Due back</th>
                  <th scope="col">Accounts</th>
                </tr>
              </thead>
              <tbody>
                {detail.onLoan.map(({ loan, device, overdue }) => (
                  <tr class={overdue ? "alarm" : undefined}>
                    <th scope="row">
                      <a href={`/devices/${encodeURIComponent(loan.deviceSerial)}`}>{loan.deviceSerial}</a>
                    </th>
                    <td>{device ? <StateBadge state={device.state} /> : ""}</td>
                    <td>{day(loan.shippedAt) || "not yet"}</td>
                    <td class={overdue ? "alarm" : undefined}>{`${day(loan.expectedReturn)}${overdue ? ` — overdue ${plural(daysOverdue(loan.expectedReturn, now), "day")}` : ""}`}</td>
                    <td>{loan.accountUpns.join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty>No device is on loan to this client.</Empty>
          )}
        </section>

        <section aria-labelledby="findings">
          <h2 id="findings">Findings that affect this client</h2>
          {detail.findings === null || !latest ? (
            <Empty>No audit yet.</Empty>
          ) : detail.findings.length ? (
            detail.findings.map((f) => <Finding finding={f} meta={latest.meta} />)
          ) : (
            <Empty>No failing or manual finding affects this client.</Empty>
          )}
        </section>
      </Layout>,
    );
  });
  return app;
}
