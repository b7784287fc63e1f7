/**
 * The audit as one self-contained HTML page a person would rather read than the JSON: totals, a chart of
 * results by concern and by client (inline SVG), a device × concern grid, and every failing or manual finding
 * with its evidence and fix. No script, no external request: a Content-Security-Policy allows nothing but the
 * page's own inline styles, so the file opens the same offline, from an e-mail or from a CI artifact.
 */
import { CONCERNS, STATUSES, type AuditFinding, type AuditResult, type Status } from "../posture/rules/types.ts";
import { STATUS_LABEL, worstStatus, type ReportMeta } from "./meta.ts";
import { escapeXml as h } from "./xml-text.ts";

const COLOR: Record<Status, string> = { fail: "#c62828", manual: "#e65100", pass: "#2e7d32", not_applicable: "#9e9e9e" };
/** Rows of the device grid shown at most; the rest are counted (devices with failures come first). */
const MAX_GRID_ROWS = 500;

type Counts = Record<Status, number>;
const zero = (): Counts => ({ fail: 0, manual: 0, pass: 0, not_applicable: 0 });

/** Horizontal stacked bars, one per row, each the row's share of fail / manual / pass / n/a. */
function stackedBars(title: string, rows: { label: string; counts: Counts }[]): string {
  const labelWidth = 190;
  const barWidth = 520;
  const rowHeight = 24;
  const height = rows.length * rowHeight + 34;
  const parts: string[] = [];
  rows.forEach((row, i) => {
    const y = i * rowHeight + 6;
    const total = STATUSES.reduce((n, s) => n + row.counts[s], 0);
    parts.push(`<text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end" class="lbl">${h(row.label)}</text>`);
    let x = labelWidth;
    for (const s of STATUSES) {
      const n = row.counts[s];
      if (!n) continue;
      const w = (n / total) * barWidth;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="18" fill="${COLOR[s]}"><title>${h(`${row.label}: ${n} ${STATUS_LABEL[s].toLowerCase()}`)}</title></rect>`);
      if (w > 26) parts.push(`<text x="${(x + w / 2).toFixed(1)}" y="${y + 13}" text-anchor="middle" class="num">${n}</text>`);
      x += w;
    }
    if (total === 0) parts.push(`<text x="${labelWidth}" y="${y + 14}" class="lbl">no results</text>`);
  });
  const legendY = rows.length * rowHeight + 20;
  STATUSES.forEach((s, i) => {
    const x = labelWidth + i * 110;
    parts.push(`<rect x="${x}" y="${legendY - 10}" width="12" height="12" fill="${COLOR[s]}"/><text x="${x + 16}" y="${legendY}" class="lbl">${STATUS_LABEL[s].toLowerCase()}</text>`);
  });
  return `<svg role="img" aria-label="${h(title)}" viewBox="0 0 ${labelWidth + barWidth + 10} ${height}" width="100%" preserveAspectRatio="xMinYMin meet"><title>${h(title)}</title>${parts.join("")}</svg>`;
}

function countsBy(results: readonly AuditFinding[], key: (r: AuditFinding) => string | null): Map<string, Counts> {
  const out = new Map<string, Counts>();
  for (const r of results) {
    const k = key(r);
    if (k === null) continue;
    const c = out.get(k) ?? zero();
    c[r.status]++;
    out.set(k, c);
  }
  return out;
}

function deviceGrid(result: AuditResult): string {
  const byDevice = new Map<string, { name: string; client: string | null; results: AuditFinding[] }>();
  for (const r of result.results) {
    if (r.subject.type !== "device") continue;
    const e = byDevice.get(r.subject.id) ?? { name: r.subject.name, client: r.client, results: [] };
    e.results.push(r);
    byDevice.set(r.subject.id, e);
  }
  const rows = [...byDevice.values()].map((d) => ({ ...d, fails: d.results.filter((r) => r.status === "fail").length }));
  rows.sort((a, b) => b.fails - a.fails || (a.name < b.name ? -1 : 1));
  const concerns = CONCERNS.filter((c) => rows.some((d) => d.results.some((r) => r.concern === c)));
  const head = `<tr><th scope="col">device</th><th scope="col">client</th>${concerns.map((c) => `<th scope="col" class="rot"><span>${h(c)}</span></th>`).join("")}</tr>`;
  const body = rows.slice(0, MAX_GRID_ROWS).map((d) => {
    const cells = concerns.map((c) => {
      const here = d.results.filter((r) => r.concern === c);
      const worst = worstStatus(here);
      if (!worst) return `<td class="cell none"></td>`;
      const tip = here.filter((r) => r.status === worst).map((r) => r.message).join("\n");
      return `<td class="cell ${worst}" title="${h(tip)}">${worst === "fail" ? "✗" : worst === "manual" ? "?" : worst === "pass" ? "✓" : "–"}</td>`;
    });
    return `<tr><th scope="row">${h(d.name)}</th><td>${h(d.client ?? "—")}</td>${cells.join("")}</tr>`;
  });
  const more = rows.length > MAX_GRID_ROWS ? `<p class="note">${rows.length - MAX_GRID_ROWS} more devices not shown (${rows.slice(MAX_GRID_ROWS).filter((d) => d.fails > 0).length} of them with failures); the JSON report has every result.</p>` : "";
  return rows.length ? `<div class="grid"><table>${head}${body.join("")}</table></div>${more}` : "<p>No HoloLens device in the snapshot.</p>";
}

/** One failing or manual finding: status, severity, rule, subject, message, why, fix and evidence (the console shows the same). */
export function renderFinding(r: AuditFinding, meta: ReportMeta): string {
  const rule = meta.rules[r.ruleId];
  const evidence = JSON.stringify(r.evidence, null, 2);
  return `<article class="finding ${r.status}">
<header><span class="badge ${r.status}">${STATUS_LABEL[r.status]}</span> <span class="sev">${h(r.severity)}</span> <code>${h(r.ruleId)}</code> — <strong>${h(r.subject.name)}</strong>${r.client ? ` <span class="client">${h(r.client)}</span>` : ""}</header>
<p>${h(r.message)}</p>
${rule ? `<p class="why"><b>Why:</b> ${h(rule.rationale)}</p>` : ""}
${r.status === "fail" ? `<p class="fix"><b>Fix:</b> ${h(r.remediation)}</p>` : ""}
<details><summary>Evidence</summary><pre>${h(evidence)}</pre></details>
</article>`;
}

const STYLE = `
:root{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fafafa}
body{max-width:1180px;margin:0 auto;padding:24px}
h1{margin:0 0 4px;font-size:1.6rem}h2{margin-top:36px;border-bottom:1px solid #ddd;padding-bottom:4px}
.meta{color:#555;margin:0}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin-top:18px}
.card{flex:1 1 140px;background:#fff;border:1px solid #e0e0e0;border-radius:8px;padding:12px 16px}
.card .n{font-size:1.8rem;font-weight:700}.card.fail .n{color:${COLOR.fail}}.card.manual .n{color:${COLOR.manual}}.card.pass .n{color:${COLOR.pass}}.card.not_applicable .n{color:${COLOR.not_applicable}}
svg .lbl{font-size:12px;fill:#333}svg .num{font-size:11px;fill:#fff;font-weight:600}
table{border-collapse:collapse;background:#fff}td,th{border:1px solid #e0e0e0;padding:4px 8px;font-size:13px;text-align:left}
.summary td.n{text-align:right}
.grid{overflow:auto;max-height:640px;border:1px solid #e0e0e0}
.grid th.rot{height:120px;white-space:nowrap;vertical-align:bottom;padding:2px}.grid th.rot span{writing-mode:vertical-rl;transform:rotate(180deg)}
.cell{text-align:center;font-weight:700;color:#fff;min-width:22px}.cell.fail{background:${COLOR.fail}}.cell.manual{background:${COLOR.manual}}.cell.pass{background:${COLOR.pass}}.cell.not_applicable{background:${COLOR.not_applicable}}.cell.none{background:#f5f5f5}
.finding{background:#fff;border:1px solid #e0e0e0;border-left:6px solid;border-radius:6px;padding:10px 14px;margin:10px 0}
.finding.fail{border-left-color:${COLOR.fail}}.finding.manual{border-left-color:${COLOR.manual}}
.badge{color:#fff;border-radius:4px;padding:1px 6px;font-size:12px;font-weight:700}.badge.fail{background:${COLOR.fail}}.badge.manual{background:${COLOR.manual}}
.sev{font-size:12px;color:#555;text-transform:uppercase}.client{font-size:12px;background:#eceff1;border-radius:4px;padding:1px 6px}
pre{background:#f5f5f5;padding:8px;overflow:auto;font-size:12px}.note{color:#555}.why{color:#444}
`;

export function renderHtml(result: AuditResult, meta: ReportMeta): string {
  const t = result.tenant;
  const s = result.summary;
  const byConcern = CONCERNS.map((c) => ({ label: c, counts: s.byConcern[c] }));
  const clients = countsBy(result.results, (r) => r.client);
  const clientName = new Map(result.program.clients.map((c) => [c.id, c.displayName]));
  const byClient = [...clients.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, counts]) => ({ label: clientName.get(id) ?? id, counts }));
  const open = result.results.filter((r) => r.status === "fail" || r.status === "manual");
  const findings = CONCERNS.flatMap((c) => {
    const here = open.filter((r) => r.concern === c);
    return here.length ? [`<h3 id="${c}">${h(c)}</h3>`, ...here.map((r) => renderFinding(r, meta))] : [];
  });
  const summaryRows = CONCERNS.map((c) => {
    const x = s.byConcern[c];
    return `<tr><th scope="row"><a href="#${c}">${h(c)}</a></th><td class="n">${x.fail}</td><td class="n">${x.manual}</td><td class="n">${x.pass}</td><td class="n">${x.not_applicable}</td></tr>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>holofleet audit — ${h(t.defaultDomain ?? t.id ?? "tenant")}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>HoloLens fleet audit — ${h(t.defaultDomain ?? t.id ?? "tenant")}</h1>
<p class="meta">Snapshot taken ${h(t.takenAt)} (${h(t.source)}) · held to ${result.program.source === "blueprint" ? `blueprint <code>${h(result.program.blueprint ?? "")}</code>` : "the guide's defaults (no blueprint)"} · isolation <code>${h(result.program.isolation)}</code> · ${result.program.clients.length} client(s)</p>
</header>
<section class="cards" aria-label="totals">
${STATUSES.map((st) => `<div class="card ${st}"><div class="n">${s.byStatus[st]}</div><div>${STATUS_LABEL[st].toLowerCase()}</div></div>`).join("\n")}
</section>
<section><h2>By concern</h2>
${stackedBars("Results by concern", byConcern)}
<table class="summary"><tr><th scope="col">concern</th><th scope="col">fail</th><th scope="col">manual</th><th scope="col">pass</th><th scope="col">n/a</th></tr>${summaryRows.join("")}</table>
</section>
<section><h2>By client</h2>
${byClient.length ? stackedBars("Results by client", byClient) : "<p>No result belongs to a client.</p>"}
</section>
<section><h2>Devices × concerns</h2>
${deviceGrid(result)}
</section>
<section><h2>Findings</h2>
${findings.length ? findings.join("\n") : "<p>No failing or manual result.</p>"}
</section>
<footer><p class="note">Generated by holofleet ${h(meta.toolVersion)} from the snapshot alone; every result is in the JSON report.</p></footer>
</body>
</html>
`;
}
