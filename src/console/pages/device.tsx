/**
 * `/devices/:serial`: one device — its record and open loan, the loan actions its state allows (operators),
 * which profiles reach it and why (from the latest audit), the findings on it, its loans and its events.
 */
import { Hono } from "hono";
import { hasRole, type ConsoleDeps, type ConsoleEnv } from "../deps.ts";
import { isOverdue, daysOverdue } from "../../fleet/loan-state.ts";
import { readDeviceDetail, type DeviceDetail } from "../../operations/device-detail.ts";
import type { ProfileReachLine } from "../../operations/device-reach.ts";
import { LoanForm } from "../views/action-forms.tsx";
import { Empty, Finding, StateBadge } from "../views/components.tsx";
import { actorName, day, minute, plural } from "../views/format.ts";
import { Layout } from "../views/layout.tsx";

function ProfileTable(props: { id: string; caption: string; profiles: ProfileReachLine[]; via: string }) {
  return (
    <table>
      <caption id={props.id}>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Profile</th>
          <th scope="col">Type</th>
          <th scope="col">{props.via}</th>
        </tr>
      </thead>
      <tbody>
        {props.profiles.map((p) => (
          <tr>
            <th scope="row">{p.displayName}</th>
            <td>
              <code>{p.type}</code>
            </td>
            <td>
              <ul class="plain">
                {p.via.map((v) => (
                  <li>{v}</li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** An event's before/after in a line: the keys that changed, or the whole value when small. */
function eventChange(before: unknown, after: unknown): string {
  const text = (v: unknown) => (v === null || v === undefined ? "" : JSON.stringify(v));
  const b = text(before);
  const a = text(after);
  if (!b) return a;
  if (!a) return `was ${b}`;
  return `${b} → ${a}`;
}

function Posture(props: { detail: DeviceDetail; audited: boolean }) {
  const { reach, reachKnown } = props.detail;
  if (!props.audited) return <Empty>No audit yet: run one to see which profiles reach this device.</Empty>;
  if (!reachKnown) return <Empty>The latest audit did not keep which profiles reach each device.</Empty>;
  if (!reach) return <Empty>The latest audit did not see this device in Intune (not enrolled yet, or wiped).</Empty>;
  return (
    <>
      {reach.profiles.length ? (
        <ProfileTable id="profiles-caption" caption={`${plural(reach.profiles.length, "profile")} reach ${reach.name}`} profiles={reach.profiles} via="Why it applies" />
      ) : (
        <Empty>No configuration profile reaches this device.</Empty>
      )}
      {reach.excluded.length ? <ProfileTable id="excluded-caption" caption="Assigned, but taken away by an exclusion group" profiles={reach.excluded} via="Excluded by" /> : null}
    </>
  );
}

export function devicePage(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get("/devices/:serial", async (c) => {
    const viewer = c.get("viewer");
    const serial = c.req.param("serial");
    const latest = deps.audits.latest();
    const detail = await readDeviceDetail(deps.store, serial, latest);
    if (!detail) {
      c.status(404);
      return c.html(
        <Layout title="No such device" current="/devices" viewer={viewer} csrfToken={c.get("csrfToken")}>
          <p>{`No device with serial ${serial} is in the fleet.`}</p>
          <p>
            <a href="/devices">All devices</a>
          </p>
        </Layout>,
      );
    }
    const { device, openLoan } = detail;
    const now = deps.now();
    const names = new Map(deps.blueprint.clients.map((cl) => [cl.id, cl.displayName]));
    const clientName = (id: string) => names.get(id) ?? id;
    const late = openLoan !== null && isOverdue(openLoan.expectedReturn, now);
    const operator = hasRole(viewer, "operator");
    return c.html(
      <Layout title={`Device ${device.serial}`} current="/devices" viewer={viewer} csrfToken={c.get("csrfToken")}>
        <dl class="facts">
          <dt>State</dt>
          <dd>
            <StateBadge state={device.state} />
          </dd>
          <dt>Model</dt>
          <dd>{device.model ?? "unknown"}</dd>
          <dt>Group tag</dt>
          <dd>{device.groupTag ?? "none"}</dd>
          <dt>Autopilot</dt>
          <dd>{device.autopilotId ? "registered" : "not registered"}</dd>
          <dt>Intune</dt>
          <dd>{device.intuneManagedDeviceId ? "enrolled" : "not enrolled"}</dd>
          <dt>On loan</dt>
          <dd class={late ? "alarm" : undefined}>
            {openLoan ? (
              <>
                <a href={`/clients/${encodeURIComponent(openLoan.clientId)}`}>{clientName(openLoan.clientId)}</a>
                {`, due back ${day(openLoan.expectedReturn)}${late ? ` — overdue ${plural(daysOverdue(openLoan.expectedReturn, now), "day")}` : ""}`}
              </>
            ) : (
              "no"
            )}
          </dd>
          <dt>Last change</dt>
          <dd>{minute(device.updatedAt)}</dd>
        </dl>

        {operator && detail.actions.length ? (
          <section aria-labelledby="actions">
            <h2 id="actions">Actions</h2>
            <div class="actions">
              {detail.actions.map((kind) => (
                <LoanForm kind={kind} serial={device.serial} clients={deps.blueprint.clients} defaultClient={openLoan?.clientId ?? null} />
              ))}
            </div>
          </section>
        ) : null}

        <section aria-labelledby="posture">
          <h2 id="posture">Effective posture</h2>
          {latest ? <p class="meta">{`From the audit of ${minute(latest.at)}.`}</p> : null}
          <Posture detail={detail} audited={latest !== null} />
        </section>

        <section aria-labelledby="findings">
          <h2 id="findings">Findings on this device</h2>
          {!latest ? (
            <Empty>No audit yet.</Empty>
          ) : detail.findings.filter((f) => f.status === "fail" || f.status === "manual").length === 0 ? (
            <Empty>{`Nothing to act on: ${plural(detail.findings.length, "result")}, none failing or manual.`}</Empty>
          ) : (
            detail.findings.filter((f) => f.status === "fail" || f.status === "manual").map((f) => <Finding finding={f} meta={latest.meta} />)
          )}
        </section>

        <section aria-labelledby="loans">
          <h2 id="loans">Loans</h2>
          {detail.loans.length ? (
            <table>
              <caption>{`${plural(detail.loans.length, "loan")}, newest first`}</caption>
              <thead>
                <tr>
                  <th scope="col">Loan</th>
                  <th scope="col">Client</th>
                  <th scope="col">State</th>
                  <th scope="col">Prepared</th>
                  <th scope="col">Shipped</th>
                  <th scope="col">Due back</th>
                  <th scope="col">Returned</th>
                  <th scope="col">Accounts</th>
                </tr>
              </thead>
              <tbody>
                {detail.loans.map((l) => {
                  const overdue = l.state === "open" && isOverdue(l.expectedReturn, now);
                  return (
                    <tr class={overdue ? "alarm" : undefined}>
                      <th scope="row">{`#${l.id}`}</th>
                      <td>{clientName(l.clientId)}</td>
                      <td>{overdue ? "open (overdue)" : l.state}</td>
                      <td>{day(l.preparedAt)}</td>
                      <td>{day(l.shippedAt)}</td>
                      <td>{day(l.expectedReturn)}</td>
                      <td>{day(l.returnedAt)}</td>
                      <td>{l.accountUpns.join(", ")}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : (
            <Empty>Never lent.</Empty>
          )}
        </section>

        <section aria-labelledby="events">
          <h2 id="events">Events</h2>
          <table class="events">
            <caption>{`${plural(detail.events.length, "event")}, newest first`}</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {detail.events.map((e) => (
                <tr>
                  <td>{minute(e.at)}</td>
                  <td>{actorName(e.actor)}</td>
                  <th scope="row">
                    <code>{e.action}</code>
                  </th>
                  <td class="change">{eventChange(e.before, e.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </Layout>,
    );
  });
  return app;
}
