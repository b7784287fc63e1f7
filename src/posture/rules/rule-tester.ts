/**
 * `ruleTester.run(rule, cases)`: the one harness every rule test goes through (ESLint's RuleTester, with
 * ScubaGear's idea of patching one compliant base). The base is the fixture program applied correctly
 * (`testing/fixtures.ts`); each case patches a copy of the snapshot (as an admin would change the tenant)
 * and/or the blueprint text, runs the rule, and checks:
 * - the base: every subject passes (or is not applicable), so the rule covers its subjects;
 * - `pass` cases: no subject fails;
 * - `fail` / `manual` / `not_applicable` cases: the named subjects get that status, and **every other
 *   subject keeps its base status** — a misconfiguration on one device changes that device's result only;
 * - always: one result per subject, a message from `meta.messages`, a status the audit knows.
 */
import { describe, expect, it } from "vitest";
import { evaluatePosture } from "../effective/evaluate.ts";
import { auditProgram, type LoanExpectation } from "../program.ts";
import { findingOf, ruleContext } from "../run-audit.ts";
import type { TenantSnapshot } from "../snapshot/schema.ts";
import { auditFixture, FIXTURE_BLUEPRINT, type AuditFixture } from "../testing/fixtures.ts";
import type { Rule } from "./define-rule.ts";
import { STATUSES, type AuditFinding, type Status } from "./types.ts";

export interface RuleCase {
  name: string;
  /** Rewrites the fixture blueprint's YAML (the program the tenant is held to). */
  blueprint?: (yaml: string) => string;
  /** Changes the tenant, as an admin in the portal would. */
  snapshot?: (s: TenantSnapshot, f: AuditFixture) => void;
  loans?: LoanExpectation[];
  /** Subjects (by a part of their name: a serial, a UPN, a profile name) that get the case's status. */
  subjects?: string[];
  /** Also require the message to contain this text (for the first named subject). */
  message?: string;
}

export interface RuleCases {
  pass?: RuleCase[];
  fail?: RuleCase[];
  manual?: RuleCase[];
  not_applicable?: RuleCase[];
}

function run(rule: Rule, c: Partial<RuleCase> = {}): AuditFinding[] {
  const yaml = c.blueprint ? c.blueprint(FIXTURE_BLUEPRINT) : FIXTURE_BLUEPRINT;
  const f = auditFixture(yaml);
  c.snapshot?.(f.snapshot, f);
  const posture = evaluatePosture(f.snapshot, auditProgram(f.snapshot, f.blueprint, c.loans));
  return rule.check(ruleContext(posture, f.snapshot)).map((o) => findingOf(rule, o));
}

function checkShape(rule: Rule, results: AuditFinding[]): void {
  const keys = results.map((r) => `${r.subject.type}:${r.subject.id}`);
  expect(new Set(keys).size, `${rule.id}: one result per subject`).toBe(keys.length);
  for (const r of results) {
    expect(STATUSES).toContain(r.status);
    expect(r.message.trim(), `${rule.id}: empty message`).not.toBe("");
    expect(r.concern).toBe(rule.meta.concern);
  }
}

const statusOf = (results: AuditFinding[]) => new Map(results.map((r) => [`${r.subject.type}:${r.subject.id}`, r]));

export const ruleTester = {
  run(rule: Rule, cases: RuleCases): void {
    describe(rule.id, () => {
      const base = run(rule);

      it("the compliant fixture → a result for every subject, none failing", () => {
        checkShape(rule, base);
        expect(base.length, `${rule.id} covers no subject in the fixture`).toBeGreaterThan(0);
        expect(base.filter((r) => r.status === "fail" || r.status === "manual").map((r) => `${r.subject.name}: ${r.message}`)).toEqual([]);
      });

      for (const c of cases.pass ?? []) {
        it(`${c.name} → pass`, () => {
          const results = run(rule, c);
          checkShape(rule, results);
          expect(results.filter((r) => r.status === "fail").map((r) => `${r.subject.name}: ${r.message}`)).toEqual([]);
          for (const s of c.subjects ?? []) expect(results.find((r) => r.subject.name.includes(s))?.status, s).toBe("pass");
        });
      }

      for (const status of ["fail", "manual", "not_applicable"] as const satisfies readonly Status[]) {
        for (const c of cases[status] ?? []) {
          it(`${c.name} → ${status}`, () => {
            const results = run(rule, c);
            checkShape(rule, results);
            const named = (c.subjects ?? []).map((s) => {
              const hit = results.find((r) => r.subject.name.includes(s));
              expect(hit, `no result for subject ${s}: ${results.map((r) => r.subject.name).join(", ")}`).toBeDefined();
              expect(hit!.status, `${s}: ${hit!.message}`).toBe(status);
              return hit!;
            });
            if (named.length === 0) expect(results.some((r) => r.status === status), `no ${status} result`).toBe(true);
            if (c.message) expect(named[0]?.message ?? results.find((r) => r.status === status)!.message).toContain(c.message);
            // Only the named subjects change (when the case did not change the set of subjects).
            const before = statusOf(base);
            if (named.length > 0 && c.blueprint === undefined) {
              for (const r of results) {
                if (named.includes(r)) continue;
                const was = before.get(`${r.subject.type}:${r.subject.id}`);
                if (was) expect(`${r.subject.name}: ${r.status}`).toBe(`${r.subject.name}: ${was.status}`);
              }
            }
          });
        }
      }
    });
  },
};
