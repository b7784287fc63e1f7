/**
 * The shapes of the audit: the guide's concerns, a rule's metadata (what it enforces, why, how to fix it),
 * what a rule's check returns, and the audit result every report renders (ARCHITECTURE §3). Findings are not
 * diagnostics: they are results about the tenant, one per rule and subject, pass or not.
 */
import type { Acknowledgement } from "../../blueprint/schema/acknowledge.ts";

/** The guide's concerns, in the order of ARCHITECTURE §3 (the reports keep it). */
export const CONCERNS = [
  "os-baseline",
  "licensing",
  "mdm-targeting",
  "autopilot",
  "device-owner",
  "tenant-lock",
  "kiosk",
  "developer-mode",
  "usb",
  "app-control",
  "app-updates",
  "settings-pages",
  "os-updates",
  "device-restrictions",
  "client-isolation",
  "company-resources",
  "restricted-apps",
  "passwords",
  "chat-history",
] as const;
export type Concern = (typeof CONCERNS)[number];

export const SEVERITIES = ["high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const STATUSES = ["fail", "manual", "pass", "not_applicable"] as const;
export type Status = (typeof STATUSES)[number];

export type SubjectType = "device" | "account" | "profile" | "tenant";

export interface Subject {
  type: SubjectType;
  id: string;
  name: string;
}

export interface RuleMeta {
  title: string;
  concern: Concern;
  severity: Severity;
  /** ScubaGear's SHALL / SHOULD: SARIF level error or warning. */
  criticality: "shall" | "should";
  version: number;
  stage: "preview" | "stable";
  /** The guide section the rule enforces, in the guide's words. */
  guide: string;
  /** Why it matters. */
  rationale: string;
  /** What to do, naming the blueprint key that fixes it. */
  remediation: string;
  /** The blueprint key that fixes a failure (`devices.usb`), or null when none does. */
  blueprintKey: string | null;
  /** The acknowledgement that accepts the risk on purpose, when the blueprint has one for it. */
  acknowledgement?: Acknowledgement;
  /** Learn pages behind the rule. */
  references: string[];
  /** What the rule reads: snapshot parts (their Graph reads) and evidence files. */
  evidence: string[];
  /** Message templates by id; `{name}` is replaced by the outcome's data. */
  messages: Record<string, string>;
}

/** What a check says about one subject. */
export interface RuleOutcome {
  subject: Subject;
  status: Status;
  messageId: string;
  data?: Record<string, string | number>;
  /** The facts behind the verdict: actual and expected values, the paths and profiles involved. */
  evidence?: Record<string, unknown>;
  /** The client the subject belongs to, for reports by client. */
  client?: string | null;
  /** A more precise blueprint key than the rule's `blueprintKey` (e.g. one client's loan). */
  blueprintPath?: (string | number)[];
}

/** One result of the audit (ARCHITECTURE §3). */
export interface AuditFinding {
  ruleId: string;
  concern: Concern;
  severity: Severity;
  status: Status;
  subject: Subject;
  client: string | null;
  message: string;
  evidence: Record<string, unknown>;
  remediation: string;
  /** The blueprint key that fixes it, as a path. */
  blueprintPath: (string | number)[] | null;
}

export interface AuditSummary {
  total: number;
  byStatus: Record<Status, number>;
  byConcern: Record<Concern, Record<Status, number>>;
  /** Failures by severity. */
  failuresBySeverity: Record<Severity, number>;
}

export interface AuditResult {
  formatVersion: 1;
  tenant: { id: string | null; defaultDomain: string | null; takenAt: string; source: string };
  program: { source: "blueprint" | "guide"; blueprint: string | null; isolation: string; clients: { id: string; displayName: string }[] };
  summary: AuditSummary;
  results: AuditFinding[];
}
