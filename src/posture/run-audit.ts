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
import { CONCERNS, SEVERITIES, STATUSES, type AuditFinding, type AuditResult, type AuditSummary, type RuleOutcome, type Status, type Subject } from "./rules/types.ts";
import type { TenantSnapshot } from "./snapshot/schema.ts";

export interface AuditInput {
  snapshot: TenantSnapshot;
  blueprint: Blueprint | null;
  /** The blueprint's file name, for the report header. */
  blueprintFile?: string | null;
  loans?: readonly LoanExpectation[];
  rules: readonly Rule[];
  /** Receives the effective posture the rules were run on (the console shows which profiles reach a device). */
  onPosture?: (posture: EffectivePosture) => void;
}

const templates = new Map<string, (string | { key: string })[]>();

/** `{name}` placeholders filled from `data`; an unknown placeholder is a bug in the rule. Templates are split once. */
export function formatMessage(template: string, data: Record<string, string | number>, ruleId: string): string {
  let parts = templates.get(template);
  if (!parts) {
    parts = template.split(/(\{\w+\})/).map((p) => (/^\{\w+\}$/.test(p) ? { key: p.slice(1, -1) } : p));
    templates.set(template, parts);
  }
  let out = "";
  for (const part of parts) {
    if (typeof part === "string") out += part;
    else if (part.key in data) out += String(data[part.key]);
    else throw new Error(`rule ${ruleId}: message placeholder {${part.key}} has no value`);
  }
  return out;
}

export function ruleContext(posture: EffectivePosture, snapshot: TenantSnapshot): RuleContext {
  const bp = posture.program.blueprint;
  // Every rule reports on the same devices and accounts: one subject object each, shared by their results.
  const subjects = new WeakMap<object, Subject>();
  const memo = (key: object, make: () => Subject): Subject => {
    let s = subjects.get(key);
    if (!s) subjects.set(key, (s = make()));
    return s;
  };
  return {
    posture,
    snapshot,
    bp,
    acknowledged: (id: Acknowledgement) => posture.program.source === "blueprint" && bp.acknowledge.includes(id),
    deviceSubject: (d) => memo(d, () => ({ type: "device", id: d.id, name: d.serial ? `${d.name} (${d.serial})` : d.name })),
    accountSubject: (a) => memo(a, () => ({ type: "account", id: a.user.id, name: a.user.userPrincipalName })),
    tenantSubject: () => ({ type: "tenant", id: snapshot.tenant.id ?? "tenant", name: snapshot.tenant.defaultDomain ?? snapshot.tenant.id ?? "tenant" }),
  };
}

const keyPaths = new WeakMap<Rule, { path: string[] | null; evidence: Record<string, unknown> }>();

/** Per rule, computed once: its blueprint key as a path, and the evidence of a result that adds none. */
function ruleConstants(rule: Rule): { path: string[] | null; evidence: Record<string, unknown> } {
  let c = keyPaths.get(rule);
  if (!c) keyPaths.set(rule, (c = { path: rule.meta.blueprintKey ? rule.meta.blueprintKey.split(".") : null, evidence: Object.freeze({ sources: rule.meta.evidence }) }));
  return c;
}

export function findingOf(rule: Rule, outcome: RuleOutcome): AuditFinding {
  const template = rule.meta.messages[outcome.messageId];
  if (template === undefined) throw new Error(`rule ${rule.id}: no message "${outcome.messageId}" in meta.messages`);
  const constants = ruleConstants(rule);
  const path = outcome.blueprintPath ?? constants.path;
  return {
    ruleId: rule.id,
    concern: rule.meta.concern,
    severity: rule.meta.severity,
    status: outcome.status,
    subject: outcome.subject,
    client: outcome.client ?? null,
    message: formatMessage(template, outcome.data ?? {}, rule.id),
    evidence: outcome.evidence && Object.keys(outcome.evidence).length ? { ...outcome.evidence, sources: rule.meta.evidence } : constants.evidence,
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
  input.onPosture?.(posture);
  const ctx = ruleContext(posture, input.snapshot);
  // Concern (the guide's order), then rule id, then subject: rules are ordered first, so only each rule's
  // own results need sorting (a few thousand at a time rather than every result of the fleet).
  const ordered = [...input.rules].sort((a, b) => concernOrder.get(a.meta.concern)! - concernOrder.get(b.meta.concern)! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const results: AuditFinding[] = [];
  for (const rule of ordered) {
    const findings = rule.check(ctx).map((o) => findingOf(rule, o));
    findings.sort((a, b) => (a.subject.name < b.subject.name ? -1 : a.subject.name > b.subject.name ? 1 : 0));
    for (const f of findings) results.push(f);
  }
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
