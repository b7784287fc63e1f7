/** The audit as Markdown (a pull-request comment or a wiki page): summary by concern, then every failing and manual result with its fix. */
import { CONCERNS, type AuditResult } from "../posture/rules/types.ts";
import { STATUS_LABEL, type ReportMeta } from "./meta.ts";

const cell = (t: string) => t.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

export function renderMarkdown(result: AuditResult, meta: ReportMeta): string {
  const t = result.tenant;
  const s = result.summary;
  const lines = [
    `# holofleet audit — ${cell(t.defaultDomain ?? t.id ?? "tenant")}`,
    "",
    `Snapshot taken ${t.takenAt} (${cell(t.source)}). Held to ${result.program.source === "blueprint" ? `blueprint \`${result.program.blueprint}\`` : "the guide's defaults (no blueprint)"}; isolation \`${result.program.isolation}\`.`,
    "",
    `**${s.total} results:** ${s.byStatus.fail} fail, ${s.byStatus.manual} manual, ${s.byStatus.pass} pass, ${s.byStatus.not_applicable} not applicable.`,
    "",
    "| concern | fail | manual | pass | n/a |",
    "|---|---:|---:|---:|---:|",
    ...CONCERNS.map((c) => {
      const x = s.byConcern[c];
      return `| ${c} | ${x.fail} | ${x.manual} | ${x.pass} | ${x.not_applicable} |`;
    }),
  ];
  const open = result.results.filter((r) => r.status === "fail" || r.status === "manual");
  if (open.length) {
    lines.push("", "## Findings");
    for (const concern of CONCERNS) {
      const here = open.filter((r) => r.concern === concern);
      if (!here.length) continue;
      lines.push("", `### ${concern}`, "");
      for (const r of here) {
        lines.push(`- **${STATUS_LABEL[r.status]}** (${r.severity}) \`${r.ruleId}\` — ${cell(r.subject.name)}: ${cell(r.message)}`);
        if (r.status === "fail") lines.push(`  - Fix: ${cell(r.remediation)}`);
        lines.push(`  - Why: ${cell(meta.rules[r.ruleId]?.rationale ?? "")}`);
      }
    }
  }
  return `${lines.join("\n")}\n`;
}
