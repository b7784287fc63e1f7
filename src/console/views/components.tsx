/**
 * Small pieces the pages share: a device's state as a badge (overdue and lost in red, with words too),
 * a stacked bar chart with the same numbers in a table (the chart is drawn by console.js from a data
 * attribute; the table is what a reader without JavaScript or with a screen reader gets), and a finding
 * with its evidence and fix, rendered by the HTML report's own function so both say the same.
 */
import { raw } from "hono/html";
import type { DeviceState } from "../../fleet/loan-state.ts";
import type { AuditFinding } from "../../posture/rules/types.ts";
import { renderFinding } from "../../report/html.ts";
import type { ReportMeta } from "../../report/meta.ts";

const ALARM: ReadonlySet<DeviceState> = new Set(["overdue", "lost"]);

export function StateBadge(props: { state: DeviceState }) {
  return <span class={`state state-${props.state}${ALARM.has(props.state) ? " alarm" : ""}`}>{props.state}</span>;
}

export interface ChartSeries {
  name: string;
  /** A CSS class for the series (console.css colours it). */
  className: string;
  values: number[];
}

export interface BarChartProps {
  id: string;
  caption: string;
  /** The row labels (a concern, a state). */
  labels: string[];
  series: ChartSeries[];
  /** Bars stacked horizontally, one row per label (posture), or one bar per label (states). */
  horizontal?: boolean;
  rowHeader: string;
  /** Links for the row labels in the table. */
  href?: (label: string) => string;
}

/** The chart's data rides in `data-chart` (the CSP forbids inline scripts); the table holds the same numbers. */
export function BarChart(props: BarChartProps) {
  const data = { labels: props.labels, series: props.series.map((s) => ({ name: s.name, className: s.className, data: s.values })), horizontal: props.horizontal ?? false };
  return (
    <figure class="chart-figure" aria-labelledby={`${props.id}-caption`}>
      <div id={props.id} class={`chart${props.horizontal ? " chart-horizontal" : ""}`} data-chart={JSON.stringify(data)} aria-hidden="true" hidden></div>
      <table class="numbers">
        <caption id={`${props.id}-caption`}>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.rowHeader}</th>
            {props.series.map((s) => (
              <th scope="col" class="n">
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.labels.map((label, i) => (
            <tr>
              <th scope="row">{props.href ? <a href={props.href(label)}>{label}</a> : label}</th>
              {props.series.map((s) => (
                <td class={`n${s.className === "fail" && (s.values[i] ?? 0) > 0 ? " alarm" : ""}`}>{(s.values[i] ?? 0).toLocaleString("en-US")}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

export function Finding(props: { finding: AuditFinding; meta: ReportMeta }) {
  return raw(renderFinding(props.finding, props.meta));
}

/** A paragraph for a section that has nothing to show. */
export function Empty(props: { children: string }) {
  return <p class="empty">{props.children}</p>;
}

/** What a filter form's query parameters got wrong (the page says it and goes on without them). */
export function FilterProblems(props: { problems: readonly string[] }) {
  if (props.problems.length === 0) return null;
  return (
    <div class="notice" role="status">
      <ul>
        {props.problems.map((p) => (
          <li>{p}</li>
        ))}
      </ul>
    </div>
  );
}
