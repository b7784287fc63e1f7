/**
 * The console's audits: a live read of the tenant (`snapshotTenant`, given as `readSnapshot`) audited with
 * the operations layer's `audit()` against the blueprint and the fleet store's open loans. Runs that overlap
 * share one read. Each finished run is kept as the latest and recorded as an `audit.run` event with the
 * summary counts only (a finding's evidence never enters the event log).
 */
import { UserError } from "../diag/diagnostic.ts";
import type { Actor, FleetStore } from "../fleet/store/port.ts";
import { audit } from "../operations/audit.ts";
import type { SnapshotOutcome } from "../operations/snapshot.ts";
import type { LoanExpectation } from "../posture/program.ts";
import type { AuditSource, LatestAudit } from "./deps.ts";

export interface AuditSourceOptions {
  readSnapshot(): Promise<SnapshotOutcome>;
  blueprint: { file: string; text: string };
  store: FleetStore;
  toolVersion: string;
}

export function createAuditSource(opts: AuditSourceOptions): AuditSource {
  let latest: LatestAudit | null = null;
  let running: Promise<LatestAudit> | null = null;

  async function runOnce(actor: Actor): Promise<LatestAudit> {
    const read = await opts.readSnapshot();
    if (!read.snapshot) throw new UserError("the tenant could not be read for the audit", read.diagnostics);
    const open = await opts.store.loans.list({ state: "open" });
    const loans: LoanExpectation[] = open.flatMap((l) => l.accountUpns.map((upn) => ({ userPrincipalName: upn, expectedReturn: l.expectedReturn })));
    const outcome = audit({ snapshot: { file: read.source ?? "the tenant", parsed: { snapshot: read.snapshot, diagnostics: [] } }, blueprint: opts.blueprint, loans, toolVersion: opts.toolVersion, withReach: true });
    if (!outcome.result || !outcome.meta) throw new UserError("the audit did not run", outcome.diagnostics);
    const done: LatestAudit = { at: outcome.result.tenant.takenAt, by: actor, result: outcome.result, meta: outcome.meta, ...(outcome.reach && { reach: outcome.reach }) };
    const s = outcome.result.summary;
    await opts.store.events.append({
      actor,
      action: "audit.run",
      subjectType: "tenant",
      subjectId: outcome.result.tenant.id ?? outcome.result.tenant.defaultDomain ?? "tenant",
      after: { takenAt: done.at, total: s.total, byStatus: s.byStatus, failuresBySeverity: s.failuresBySeverity },
    });
    latest = done;
    return done;
  }

  return {
    latest: () => latest,
    run(actor) {
      running ??= runOnce(actor).finally(() => {
        running = null;
      });
      return running;
    },
  };
}
