/**
 * The loans page's picture: one row per open loan — the device and client on the left, a bar from when it
 * left to when it is due back, the part past that date red and labelled "overdue", a dashed "today" line —
 * drawn on the server as SVG (no script). Pure: the same loans and `now` give the same picture. The SVG is
 * `role="img"` with a title and description; `LoanTimelineList` says the same in words for screen readers.
 */
import type { Child } from "hono/jsx";
import { daysOverdue, isOverdue } from "../../fleet/loan-state.ts";
import { day } from "./format.ts";

export interface TimelineLoan {
  serial: string;
  clientId: string;
  clientName: string;
  /** When it left (shipped, else prepared). */
  start: string;
  expectedReturn: string;
}

const DAY_MS = 86_400_000;
const WIDTH = 960;
const LABEL = 250;
const ROW = 24;
const TOP = 34;
const BOTTOM = 12;
/** Days of margin around the loans and today, so the today line never sits on the edge. */
const MARGIN_DAYS = 7;

interface Scale {
  from: number;
  to: number;
  x(t: number): number;
}

function scaleFor(loans: readonly TimelineLoan[], now: Date): Scale {
  const times = [now.getTime(), ...loans.flatMap((l) => [Date.parse(l.start), Date.parse(l.expectedReturn)])];
  const from = Math.floor((Math.min(...times) - MARGIN_DAYS * DAY_MS) / DAY_MS) * DAY_MS;
  const to = Math.ceil((Math.max(...times) + MARGIN_DAYS * DAY_MS) / DAY_MS) * DAY_MS;
  return { from, to, x: (t) => LABEL + ((t - from) / (to - from)) * (WIDTH - LABEL - 10) };
}

/** Month starts within the range (the axis ticks), at most a dozen (every other month and so on beyond). */
function monthTicks(scale: Scale): number[] {
  const ticks: number[] = [];
  const d = new Date(scale.from);
  let t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  while (t <= scale.to) {
    ticks.push(t);
    const n = new Date(t);
    t = Date.UTC(n.getUTCFullYear(), n.getUTCMonth() + 1, 1);
  }
  const step = Math.ceil(ticks.length / 12);
  return ticks.filter((_, i) => i % step === 0);
}

const px = (n: number) => n.toFixed(1);

/** The order of the rows: by client, then by expected return. */
export function timelineOrder(loans: readonly TimelineLoan[]): TimelineLoan[] {
  return [...loans].sort((a, b) => a.clientName.localeCompare(b.clientName) || a.expectedReturn.localeCompare(b.expectedReturn) || (a.serial < b.serial ? -1 : 1));
}

export function loanTimelineSvg(loans: readonly TimelineLoan[], now: Date): Child {
  const rows = timelineOrder(loans);
  const scale = scaleFor(rows, now);
  const height = TOP + Math.max(rows.length, 1) * ROW + BOTTOM;
  const overdue = rows.filter((l) => isOverdue(l.expectedReturn, now)).length;
  const today = scale.x(now.getTime());
  const description =
    rows.length === 0
      ? "No device is out on loan."
      : `${rows.length} device${rows.length === 1 ? "" : "s"} on loan, ${overdue} overdue, today ${day(now.toISOString())}.`;
  return (
    <svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img" aria-labelledby="timeline-title timeline-desc" viewBox={`0 0 ${WIDTH} ${height}`} width="100%">
      <title id="timeline-title">Loans over time: who has which device until when</title>
      <desc id="timeline-desc">{description}</desc>
      <g class="axis">
        {monthTicks(scale).map((t) => (
          <g>
            <line x1={px(scale.x(t))} x2={px(scale.x(t))} y1={TOP - 6} y2={height - BOTTOM} class="tick" />
            <text x={px(scale.x(t) + 3)} y={TOP - 10} class="tick-label">
              {day(new Date(t).toISOString()).slice(0, 7)}
            </text>
          </g>
        ))}
      </g>
      {rows.length === 0 ? (
        <text x={LABEL} y={TOP + 16} class="label">
          No device is out on loan.
        </text>
      ) : null}
      {rows.map((l, i) => {
        const y = TOP + i * ROW;
        const start = scale.x(Date.parse(l.start));
        const due = scale.x(Date.parse(l.expectedReturn));
        const late = isOverdue(l.expectedReturn, now);
        return (
          <g class={`loan${late ? " overdue" : ""}`} data-serial={l.serial}>
            <text x={LABEL - 8} y={y + 15} class="label" text-anchor="end">
              {`${l.serial} · ${l.clientName}`}
            </text>
            <rect x={px(start)} y={y + 4} width={px(Math.max(due - start, 2))} height={ROW - 8} rx="3" class="bar">
              <title>{`${l.serial} at ${l.clientName} from ${day(l.start)}, due back ${day(l.expectedReturn)}`}</title>
            </rect>
            {late ? (
              <g>
                <rect x={px(due)} y={y + 4} width={px(Math.max(today - due, 2))} height={ROW - 8} rx="3" class="bar-overdue">
                  <title>{`${l.serial}: overdue ${daysOverdue(l.expectedReturn, now)} days (due ${day(l.expectedReturn)})`}</title>
                </rect>
                <text x={px(today + 4)} y={y + 15} class="overdue-label">
                  {`overdue ${daysOverdue(l.expectedReturn, now)} d`}
                </text>
              </g>
            ) : null}
          </g>
        );
      })}
      <line x1={px(today)} x2={px(today)} y1={TOP - 16} y2={height - BOTTOM} class="today" />
      <text x={px(today)} y={12} class="today-label" text-anchor="middle">
        {`today ${day(now.toISOString())}`}
      </text>
    </svg>
  );
}

/** The timeline in words, for screen readers (visually hidden on screen). */
export function LoanTimelineList(props: { loans: readonly TimelineLoan[]; now: Date }) {
  const rows = timelineOrder(props.loans);
  return (
    <ul class="visually-hidden" aria-label="Loans, in words">
      {rows.map((l) => (
        <li>
          {`${l.serial} at ${l.clientName} since ${day(l.start)}, due back ${day(l.expectedReturn)}`}
          {isOverdue(l.expectedReturn, props.now) ? `: overdue by ${daysOverdue(l.expectedReturn, props.now)} days` : ""}
        </li>
      ))}
    </ul>
  );
}
