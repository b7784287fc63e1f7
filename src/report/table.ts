/**
 * The terminal report: one block per concern (the guide's order), each rule with its counts; failing and
 * manual results listed one per line with their subject, passing ones folded into a count unless verbose.
 * Colours come from picocolors and only when `meta.color` is set (the CLI sets it on a TTY).
 */
import { createColors } from "picocolors";
import { CONCERNS, type AuditFinding, type AuditResult, type Status } from "../posture/rules/types.ts";
import { countsText, STATUS_LABEL, type ReportMeta } from "./meta.ts";

export function renderTable(result: AuditResult, meta: ReportMeta): string {
  const c = createColors(meta.color === true);
  const paint: Record<Status, (s: string) => string> = { fail: c.red, manual: c.yellow, pass: c.green, not_applicable: c.dim };
  const label = (s: Status) => paint[s](STATUS_LABEL[s].padEnd(6));
  const lines: string[] = [];
  const t = result.tenant;
  lines.push(c.bold(`holofleet audit — ${t.defaultDomain ?? t.id ?? "tenant"}`));
  lines.push(`snapshot taken ${t.takenAt} (${t.source}); held to ${result.program.source === "blueprint" ? `blueprint ${result.program.blueprint}` : "the guide's defaults (no blueprint)"}; isolation ${result.program.isolation}`);
  const byRule = new Map<string, AuditFinding[]>();
  for (const r of result.results) {
    const list = byRule.get(r.ruleId);
    if (list) list.push(r);
    else byRule.set(r.ruleId, [r]);
  }
  for (const concern of CONCERNS) {
    const counts = result.summary.byConcern[concern];
    lines.push("", c.bold(`${concern}`) + c.dim(`  ${countsText(counts)}`));
    for (const [ruleId, list] of byRule) {
      if (list[0]!.concern !== concern) continue;
      const ruleCounts = { fail: 0, manual: 0, pass: 0, not_applicable: 0 } as Record<Status, number>;
      for (const r of list) ruleCounts[r.status]++;
      const worst: Status = ruleCounts.fail ? "fail" : ruleCounts.manual ? "manual" : ruleCounts.pass ? "pass" : "not_applicable";
      lines.push(`  ${label(worst)} ${c.dim(list[0]!.severity.padEnd(6))} ${ruleId} ${c.dim(`— ${meta.rules[ruleId]?.title ?? ""} (${countsText(ruleCounts)})`)}`);
      for (const r of list) {
        if (!meta.verbose && (r.status === "pass" || r.status === "not_applicable")) continue;
        lines.push(`      ${label(r.status)} ${r.message}`);
      }
    }
  }
  const s = result.summary;
  const bySeverity = (["high", "medium", "low", "info"] as const).filter((x) => s.failuresBySeverity[x] > 0).map((x) => `${s.failuresBySeverity[x]} ${x}`);
  lines.push("", c.bold(`${s.total} results: ${countsText(s.byStatus)}${bySeverity.length ? ` (failures: ${bySeverity.join(", ")})` : ""}`));
  const fixes = new Map<string, string>();
  for (const r of result.results) if (r.status === "fail" && !fixes.has(r.ruleId)) fixes.set(r.ruleId, r.remediation);
  if (fixes.size) {
    lines.push("", c.bold("How to fix"));
    for (const [ruleId, fix] of fixes) lines.push(`  ${ruleId}: ${fix}`);
  }
  return `${lines.join("\n")}\n`;
}
