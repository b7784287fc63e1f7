/**
 * What every report renderer receives besides the audit result: the rule metadata (titles, help, fixes —
 * messages never come from elsewhere), holofleet's version, and, when a blueprint was given, a way to locate
 * a blueprint key in its file (SARIF points code scanning at the line).
 */
import type { AuditFinding, RuleMeta, Status } from "../posture/rules/types.ts";

export interface ReportMeta {
  rules: Readonly<Record<string, RuleMeta>>;
  toolVersion: string;
  blueprint: { file: string; locate(path: readonly (string | number)[]): { line: number; col: number } } | null;
  /** Terminal colours (the CLI turns them on only on a TTY). */
  color?: boolean;
  /** Terminal: list passing results one by one too. */
  verbose?: boolean;
}

export type Renderer = (result: import("../posture/rules/types.ts").AuditResult, meta: ReportMeta) => string;

export const STATUS_LABEL: Readonly<Record<Status, string>> = { fail: "FAIL", manual: "MANUAL", pass: "PASS", not_applicable: "N/A" };

/** fail > manual > pass > not_applicable: the worst status of a set of results. */
export const STATUS_RANK: Readonly<Record<Status, number>> = { fail: 3, manual: 2, pass: 1, not_applicable: 0 };

export function worstStatus(results: readonly AuditFinding[]): Status | null {
  let worst: Status | null = null;
  for (const r of results) if (worst === null || STATUS_RANK[r.status] > STATUS_RANK[worst]) worst = r.status;
  return worst;
}

/** `3 fail · 1 manual · 40 pass`, leaving out zeros. */
export function countsText(counts: Readonly<Record<Status, number>>): string {
  const parts = (["fail", "manual", "pass", "not_applicable"] as const).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s === "not_applicable" ? "n/a" : s}`);
  return parts.length ? parts.join(" · ") : "no results";
}
