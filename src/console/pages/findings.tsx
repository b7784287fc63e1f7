/**
 * `/findings`: the latest audit's findings to act on, filtered by concern, severity, client and status
 * (a GET form, so a filtered view is a link), each with its evidence and fix as the HTML report shows it.
 */
import { Hono } from "hono";
import { hasRole, type ConsoleDeps, type ConsoleEnv } from "../deps.ts";
import { filterFindings, findingFacets, isConcern, isSeverity, isStatus, OPEN_STATUSES, type FindingFilter } from "../../operations/findings-view.ts";
import { SEVERITIES, STATUSES } from "../../posture/rules/types.ts";
import { STATUS_LABEL } from "../../report/meta.ts";
import { RunAuditForm } from "../views/action-forms.tsx";
import { Empty, FilterProblems, Finding } from "../views/components.tsx";
import { minute, plural } from "../views/format.ts";
import { Layout } from "../views/layout.tsx";

/** The most findings shown at once; the rest are counted (narrow the filter to see them). */
export const MAX_FINDINGS_SHOWN = 500;

export function findingsPage(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get("/findings", (c) => {
    const viewer = c.get("viewer");
    const latest = deps.audits.latest();
    if (!latest) {
      return c.html(
        <Layout title="Findings" current="/findings" viewer={viewer} csrfToken={c.get("csrfToken")}>
          <Empty>No audit has run since the console started.</Empty>
          {hasRole(viewer, "operator") ? <RunAuditForm csrfToken={c.get("csrfToken")} /> : null}
        </Layout>,
      );
    }
    const q = (n: string) => c.req.query(n) || undefined;
    const facets = findingFacets(latest.result);
    const problems: string[] = [];
    const filter: FindingFilter = {};
    const concern = q("concern");
    if (isConcern(concern)) filter.concern = concern;
    else if (concern) problems.push(`concern "${concern}" is not one the audit knows; showing every concern`);
    const severity = q("severity");
    if (isSeverity(severity)) filter.severity = severity;
    else if (severity) problems.push(`severity "${severity}" is not one of ${SEVERITIES.join(", ")}; showing every severity`);
    const client = q("client");
    if (client && facets.clients.some((cl) => cl.id === client)) filter.client = client;
    else if (client) problems.push(`client "${client}" is not in the audited program; showing every client`);
    const status = q("status");
    if (isStatus(status)) filter.statuses = [status];
    else if (status) problems.push(`status "${status}" is not one of ${STATUSES.join(", ")}; showing failing and manual`);
    const found = filterFindings(latest.result.results, filter);
    return c.html(
      <Layout title="Findings" current="/findings" viewer={viewer} csrfToken={c.get("csrfToken")}>
        <p class="meta">{`From the audit of ${minute(latest.at)} (${plural(latest.result.summary.total, "result")}, ${plural(latest.result.summary.byStatus.fail, "failure")}).`}</p>
        {hasRole(viewer, "operator") ? <RunAuditForm csrfToken={c.get("csrfToken")} /> : null}
        <form method="get" action="/findings" class="filters" role="search" aria-label="Filter findings">
          <p>
            <label for="f-concern">Concern</label>
            <select id="f-concern" name="concern">
              <option value="">any concern</option>
              {facets.concerns.map((x) => (
                <option value={x} selected={filter.concern === x}>
                  {x}
                </option>
              ))}
            </select>
          </p>
          <p>
            <label for="f-severity">Severity</label>
            <select id="f-severity" name="severity">
              <option value="">any severity</option>
              {SEVERITIES.map((x) => (
                <option value={x} selected={filter.severity === x}>
                  {x}
                </option>
              ))}
            </select>
          </p>
          <p>
            <label for="f-client">Client</label>
            <select id="f-client" name="client">
              <option value="">any client</option>
              {facets.clients.map((x) => (
                <option value={x.id} selected={filter.client === x.id}>
                  {x.displayName}
                </option>
              ))}
            </select>
          </p>
          <p>
            <label for="f-status">Status</label>
            <select id="f-status" name="status">
              <option value="">failing and manual</option>
              {STATUSES.map((x) => (
                <option value={x} selected={filter.statuses?.length === 1 && filter.statuses[0] === x}>
                  {STATUS_LABEL[x].toLowerCase()}
                </option>
              ))}
            </select>
          </p>
          <button type="submit">Filter</button>
          <a href="/findings">Clear</a>
        </form>
        <FilterProblems problems={problems} />
        <h2 id="results">{`${plural(found.length, "finding")}${filter.statuses ? "" : ` (${OPEN_STATUSES.join(" and ")})`}`}</h2>
        {found.length === 0 ? <Empty>No finding matches.</Empty> : found.slice(0, MAX_FINDINGS_SHOWN).map((f) => <Finding finding={f} meta={latest.meta} />)}
        {found.length > MAX_FINDINGS_SHOWN ? <p class="meta">{`${found.length - MAX_FINDINGS_SHOWN} more not shown: narrow the filter.`}</p> : null}
      </Layout>,
    );
  });
  return app;
}
