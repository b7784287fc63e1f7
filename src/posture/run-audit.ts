/**
 * `runAudit(input)`: snapshot (+ blueprint, + loans) → effective posture → every rule → the audit result
 * (ARCHITECTURE §3). Pure: no clock (the snapshot's `takenAt` is "now"), no I/O. Results are ordered by
 * concern (the guide's order), rule and subject, so the same inputs always give the same report.
 */
import type { Acknowledgement } from "../blueprint/schema/acknowledge.ts";
import type { Blueprint } from "../blueprint/types.ts";
import { evaluatePosture, type EffectivePosture } from "./effective/evaluate.ts";
import { auditProgram, type LoanExpectation } from "./program.ts";
import type { Rule, RuleContext } from "./rules/define-rule.ts";
import { CONCERNS, SEVERITIES, STATUSES, type AuditFinding, type AuditResult, type AuditSummary, type RuleOutcome, type Status } from "./rules/types.ts";
import type { TenantSnapshot } from "./snapshot/schema.ts";

export interface AuditInput {
  snapshot: TenantSnapshot;
  blueprint: Blueprint | null;
  /** The blueprint's file name, for the report header. */
  blueprintFile?: string | null;
  loans?: readonly LoanExpectation[];
  rules: readonly Rule[];
}

/** `{name}` placeholders filled from `data`; an unknown placeholder is a bug in the rule. */
export function formatMessage(template: string, data: Record<string, string | number>, ruleId: string): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    if (!(key in data)) throw new Error(`rule ${ruleId}: message placeholder {${key}} has no value`);
    return String(data[key]);
  });
}

export function ruleContext(posture: EffectivePosture, snapshot: TenantSnapshot): RuleContext {
  const bp = posture.program.blueprint;
  return {
    posture,
    snapshot,
    bp,
    acknowledged: (id: Acknowledgement) => posture.program.source === "blueprint" && bp.acknowledge.includes(id),
    deviceSubject: (d) => ({ type: "device", id: d.id, name: d.serial ? `${d.name} (${d.serial})` : d.name }),
    accountSubject: (a) => ({ type: "account", id: a.user.id, name: a.user.userPrincipalName }),
    tenantSubject: () => ({ type: "tenant", id: snapshot.tenant.id ?? "tenant", name: snapshot.tenant.defaultDomain ?? snapshot.tenant.id ?? "tenant" }),
  };
}

export function findingOf(rule: Rule, outcome: RuleOutcome): AuditFinding {
  const template = rule.meta.messages[outcome.messageId];
  if (template === undefined) throw new Error(`rule ${rule.id}: no message "${outcome.messageId}" in meta.messages`);
  const path = outcome.blueprintPath ?? (rule.meta.blueprintKey ? rule.meta.blueprintKey.split(".") : null);
  return {
    ruleId: rule.id,
    concern: rule.meta.concern,
    severity: rule.meta.severity,
    status: outcome.status,
    subject: outcome.subject,
    client: outcome.client ?? null,
    message: formatMessage(template, outcome.data ?? {}, rule.id),
    evidence: { ...(outcome.evidence ?? {}), sources: rule.meta.evidence },
    remediation: rule.meta.remediation,
    blueprintPath: path,
  };
}

const zeroStatuses = (): Record<Status, number> => Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;

export function summarize(results: readonly AuditFinding[]): AuditSummary {
  const byConcern = Object.fromEntries(CONCERNS.map((c) => [c, zeroStatuses()])) as AuditSummary["byConcern"];
  const byStatus = zeroStatuses();
  const failuresBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as AuditSummary["failuresBySeverity"];
  for (const r of results) {
    byStatus[r.status]++;
    byConcern[r.concern][r.status]++;
    if (r.status === "fail") failuresBySeverity[r.severity]++;
  }
  return { total: results.length, byStatus, byConcern, failuresBySeverity };
}

const concernOrder = new Map(CONCERNS.map((c, i) => [c, i]));

export function runAudit(input: AuditInput): AuditResult {
  const program = auditProgram(input.snapshot, input.blueprint, input.loans);
  const posture = evaluatePosture(input.snapshot, program);
  const ctx = ruleContext(posture, input.snapshot);
  const results = input.rules.flatMap((rule) => rule.check(ctx).map((o) => findingOf(rule, o)));
  results.sort(
    (a, b) =>
      concernOrder.get(a.concern)! - concernOrder.get(b.concern)! ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
      (a.subject.name < b.subject.name ? -1 : a.subject.name > b.subject.name ? 1 : 0),
  );
  return {
    formatVersion: 1,
    tenant: { id: input.snapshot.tenant.id, defaultDomain: input.snapshot.tenant.defaultDomain, takenAt: input.snapshot.takenAt, source: input.snapshot.source },
    program: {
      source: program.source,
      blueprint: input.blueprintFile ?? (input.blueprint ? input.blueprint.metadata.name : null),
      isolation: program.blueprint.isolation.mode,
      clients: program.clients.map((c) => ({ id: c.id, displayName: c.displayName })),
    },
    summary: summarize(results),
    results,
  };
}
