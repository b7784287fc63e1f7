/**
 * The audit as JUnit XML (the format CI systems show as tests): one test suite per concern, one test case per
 * rule and subject; a failing result is a `<failure>`, a manual or not-applicable one `<skipped>`. Shaped by
 * the JUnit schema Jenkins reads (`schemas/jenkins-junit.xsd`).
 */
import { CONCERNS, type AuditResult } from "../posture/rules/types.ts";
import type { ReportMeta } from "./meta.ts";
import { escapeXml as x } from "./xml-text.ts";

export function renderJunit(result: AuditResult, meta: ReportMeta): string {
  const s = result.summary;
  const skipped = s.byStatus.manual + s.byStatus.not_applicable;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="holofleet audit ${x(result.tenant.defaultDomain ?? result.tenant.id ?? "")}" tests="${s.total}" failures="${s.byStatus.fail}" errors="0" disabled="${skipped}" time="0">`,
  ];
  for (const concern of CONCERNS) {
    const here = result.results.filter((r) => r.concern === concern);
    const c = s.byConcern[concern];
    out.push(`  <testsuite name="${concern}" tests="${here.length}" failures="${c.fail}" errors="0" skipped="${c.manual + c.not_applicable}" time="0" timestamp="${x(result.tenant.takenAt)}">`);
    for (const r of here) {
      const name = `${r.subject.name}`;
      const open = `    <testcase classname="${x(r.ruleId)}" name="${x(name)}" time="0"`;
      if (r.status === "pass") {
        out.push(`${open}/>`);
        continue;
      }
      out.push(`${open}>`);
      if (r.status === "fail") {
        const body = [r.message, `Fix: ${r.remediation}`, `Why: ${meta.rules[r.ruleId]?.rationale ?? ""}`, `Evidence: ${JSON.stringify(r.evidence)}`].join("\n");
        out.push(`      <failure type="${r.severity}" message="${x(r.message)}">${x(body)}</failure>`);
      } else {
        out.push(`      <skipped>${x(`${r.status === "manual" ? "manual" : "not applicable"}: ${r.message}`)}</skipped>`);
      }
      out.push("    </testcase>");
    }
    out.push("  </testsuite>");
  }
  out.push("</testsuites>");
  return `${out.join("\n")}\n`;
}
