import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadBlueprint } from "../blueprint/load.ts";
import { compile } from "../compile/compile.ts";
import { allRules } from "./rules/index.ts";
import { CONCERNS } from "./rules/types.ts";
import { runAudit } from "./run-audit.ts";
import { snapshotOfAppliedProgram } from "./snapshot/applied-program.ts";
import { addGuideEsp, auditFixture, FIXTURE_TAKEN_AT } from "./testing/fixtures.ts";

const fails = (r: ReturnType<typeof runAudit>) => r.results.filter((x) => x.status === "fail").map((x) => `${x.ruleId} ${x.subject.name}: ${x.message}`);

describe("runAudit", () => {
  it("the fixture program applied correctly → no failure, every concern reported, summary adds up", () => {
    const f = auditFixture();
    const result = runAudit({ snapshot: f.snapshot, blueprint: f.blueprint, blueprintFile: "fixture.holofleet.yaml", rules: allRules });
    expect(fails(result)).toEqual([]);
    expect(result.formatVersion).toBe(1);
    for (const c of CONCERNS) expect(Object.values(result.summary.byConcern[c]).reduce((a, b) => a + b, 0), c).toBeGreaterThan(0);
    expect(result.summary.total).toBe(result.results.length);
    expect(result.program).toEqual({ source: "blueprint", blueprint: "fixture.holofleet.yaml", isolation: "baseline", clients: [{ id: "fabrikam", displayName: "Fabrikam" }, { id: "northwind", displayName: "Northwind" }] });
  });

  it("the same inputs twice → byte-identical results", () => {
    const f = auditFixture();
    const a = JSON.stringify(runAudit({ snapshot: f.snapshot, blueprint: f.blueprint, rules: allRules }));
    const b = JSON.stringify(runAudit({ snapshot: auditFixture().snapshot, blueprint: auditFixture().blueprint, rules: allRules }));
    expect(a).toBe(b);
  });

  it("no blueprint → the guide's defaults, clients read from holofleet's groups; still no failure", () => {
    const f = auditFixture();
    const result = runAudit({ snapshot: f.snapshot, blueprint: null, rules: allRules });
    expect(result.program.source).toBe("guide");
    expect(result.program.clients.map((c) => c.id)).toEqual(["fabrikam", "northwind"]);
    expect(fails(result)).toEqual([]);
    // Loans are unknown without a blueprint or fleet store: the password check says so.
    expect(result.results.filter((r) => r.ruleId === "passwords/no-expiry-during-loan").every((r) => r.status === "manual")).toBe(true);
  });

  for (const example of ["minimal", "same-tenant-three-clients", "service-tenant"]) {
    it(`examples/${example}: compiled, applied correctly (with the guide's ESP) → no failure`, () => {
      const file = `examples/${example}.holofleet.yaml`;
      const loaded = loadBlueprint(readFileSync(new URL(`../../${file}`, import.meta.url), "utf8"), file);
      expect(loaded.blueprint, JSON.stringify(loaded.diagnostics)).not.toBeNull();
      const snapshot = snapshotOfAppliedProgram(compile(loaded.blueprint!), { takenAt: FIXTURE_TAKEN_AT, devices: 6, blueprint: loaded.blueprint! });
      addGuideEsp(snapshot);
      expect(fails(runAudit({ snapshot, blueprint: loaded.blueprint, rules: allRules }))).toEqual([]);
    });
  }
});
