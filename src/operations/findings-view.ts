/**
 * The audit's findings as the console filters them: by concern, severity, client and status, on one
 * device, or affecting one client (its own results, its accounts', its devices on loan). Pure.
 */
import { CONCERNS, SEVERITIES, STATUSES, type AuditFinding, type AuditResult, type Concern, type Severity, type Status } from "../posture/rules/types.ts";

export interface FindingFilter {
  concern?: Concern;
  severity?: Severity;
  client?: string;
  /** Default: the ones to act on (fail and manual). */
  statuses?: readonly Status[];
}

export const OPEN_STATUSES: readonly Status[] = ["fail", "manual"];

export const isConcern = (v: string | undefined): v is Concern => v !== undefined && (CONCERNS as readonly string[]).includes(v);
export const isSeverity = (v: string | undefined): v is Severity => v !== undefined && (SEVERITIES as readonly string[]).includes(v);
export const isStatus = (v: string | undefined): v is Status => v !== undefined && (STATUSES as readonly string[]).includes(v);

export function filterFindings(results: readonly AuditFinding[], filter: FindingFilter): AuditFinding[] {
  const statuses = filter.statuses ?? OPEN_STATUSES;
  return results.filter(
    (r) =>
      statuses.includes(r.status) &&
      (filter.concern === undefined || r.concern === filter.concern) &&
      (filter.severity === undefined || r.severity === filter.severity) &&
      (filter.client === undefined || r.client === filter.client),
  );
}

/** The values a filter can take in this audit (for the form's choices). */
export function findingFacets(result: AuditResult): { concerns: Concern[]; clients: { id: string; displayName: string }[] } {
  const concerns = new Set(result.results.map((r) => r.concern));
  return { concerns: CONCERNS.filter((c) => concerns.has(c)), clients: result.program.clients };
}

/** Device subjects are named `name (serial)`; serials compare without case, as Autopilot does. */
export function isAboutDevice(finding: AuditFinding, serial: string): boolean {
  return finding.subject.type === "device" && finding.subject.name.toUpperCase().endsWith(`(${serial.toUpperCase()})`);
}

export function findingsOnDevice(results: readonly AuditFinding[], serial: string, statuses: readonly Status[] = STATUSES): AuditFinding[] {
  return results.filter((r) => statuses.includes(r.status) && isAboutDevice(r, serial));
}

/** The client's own results, its accounts' and its devices on loan's (a device lent to it is its concern even if the audit has not tied it yet). */
export function findingsForClient(results: readonly AuditFinding[], client: { id: string; upns: readonly string[]; serials: readonly string[] }, statuses: readonly Status[] = OPEN_STATUSES): AuditFinding[] {
  const upns = new Set(client.upns.map((u) => u.toLowerCase()));
  return results.filter(
    (r) =>
      statuses.includes(r.status) &&
      (r.client === client.id ||
        (r.subject.type === "account" && upns.has(r.subject.name.toLowerCase())) ||
        client.serials.some((s) => isAboutDevice(r, s))),
  );
}
