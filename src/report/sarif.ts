/**
 * The audit as SARIF 2.1.0 for code scanning. `rules[]` come from the rule metadata (title, rationale as the
 * full description, help text with the guide section and the fix). Results are the failing ones (`kind:
 * fail`, level by severity) and the manual ones (`kind: review`); passing and not-applicable counts travel in
 * the run's properties, because code scanning caps the results of a run. With a blueprint, each result is
 * located at the blueprint key that fixes it, so code scanning shows it on that line; the device or account is
 * a logical location. Fingerprints are stable per rule and subject, so alerts track across runs.
 */
import { createHash } from "node:crypto";
import type { AuditFinding, AuditResult, RuleMeta } from "../posture/rules/types.ts";
import type { ReportMeta } from "./meta.ts";

export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";

const LEVEL: Record<RuleMeta["severity"], "error" | "warning" | "note"> = { high: "error", medium: "warning", low: "note", info: "note" };
/** GitHub code scanning's numeric severity for security rules (0–10). */
const SECURITY_SEVERITY: Record<RuleMeta["severity"], string> = { high: "8.0", medium: "5.5", low: "3.0", info: "0.0" };

function ruleDescriptor(id: string, meta: RuleMeta) {
  const fix = meta.remediation;
  const text = `${meta.rationale}\n\nGuide: ${meta.guide}\n\nFix: ${fix}`;
  const markdown = `${meta.rationale}\n\n**Guide:** ${meta.guide}\n\n**Fix:** ${fix}${meta.blueprintKey ? `\n\n**Blueprint key:** \`${meta.blueprintKey}\`` : ""}${meta.acknowledgement ? ` (accept on purpose with \`acknowledge: [${meta.acknowledgement}]\`)` : ""}\n\n${meta.references.map((r) => `- <${r}>`).join("\n")}`;
  return {
    id,
    name: id.replace(/[/-](\w)/g, (_, ch: string) => ch.toUpperCase()),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.rationale },
    help: { text, markdown },
    ...(meta.references[0] ? { helpUri: meta.references[0] } : {}),
    defaultConfiguration: { level: meta.criticality === "shall" ? LEVEL[meta.severity] : "warning" },
    properties: { concern: meta.concern, severity: meta.severity, criticality: meta.criticality, tags: ["security", "hololens", meta.concern], "security-severity": SECURITY_SEVERITY[meta.severity] },
  };
}

function fingerprint(r: AuditFinding): string {
  return createHash("sha256").update(`${r.ruleId}\u0000${r.subject.type}\u0000${r.subject.id}`).digest("hex").slice(0, 32);
}

export function renderSarif(result: AuditResult, meta: ReportMeta): string {
  const ids = Object.keys(meta.rules).sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const results = result.results
    .filter((r) => r.status === "fail" || r.status === "manual")
    .map((r) => {
      const logical = { name: r.subject.name, fullyQualifiedName: `${r.subject.type}/${r.subject.id}`, kind: r.subject.type === "account" ? "user" : "resource" };
      const place = meta.blueprint && r.blueprintPath ? meta.blueprint.locate(r.blueprintPath) : null;
      const location = place
        ? { physicalLocation: { artifactLocation: { uri: meta.blueprint!.file.split("\\").join("/") }, region: { startLine: place.line, startColumn: place.col } }, logicalLocations: [logical] }
        : { logicalLocations: [logical] };
      return {
        ruleId: r.ruleId,
        ...(index.has(r.ruleId) ? { ruleIndex: index.get(r.ruleId)! } : {}),
        kind: r.status === "fail" ? "fail" : "review",
        level: r.status === "fail" ? LEVEL[r.severity] : "none",
        message: { text: r.status === "fail" ? `${r.message}. Fix: ${r.remediation}` : r.message },
        locations: [location],
        partialFingerprints: { "holofleetSubject/v1": fingerprint(r) },
        properties: { concern: r.concern, severity: r.severity, subject: r.subject, client: r.client, evidence: r.evidence },
      };
    });
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "holofleet", semanticVersion: meta.toolVersion, rules: ids.map((id) => ruleDescriptor(id, meta.rules[id]!)) } },
        automationDetails: { id: `holofleet/audit/${result.tenant.defaultDomain ?? result.tenant.id ?? "tenant"}/` },
        invocations: [{ executionSuccessful: true }],
        results,
        properties: { tenant: result.tenant, program: result.program, summary: result.summary },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
