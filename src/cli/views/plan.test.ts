import { describe, expect, it } from "vitest";
import type { Plan, PlanChange } from "../../engine/plan-types.ts";
import { attributeLine, changeLines, driftLines, planLines } from "./plan.ts";

const change = (over: Partial<PlanChange>): PlanChange => ({ address: "updateRing.hololens", kind: "updateRing", action: "update", reason: "drifted", attributes: [], dependsOn: [], ...over });

function plan(changes: PlanChange[]): Plan {
  return {
    formatVersion: 1,
    blueprint: { file: "holofleet.yaml", name: "x", digest: "0".repeat(64) },
    tenant: { id: "t1", kind: "local" },
    fingerprint: "0".repeat(64),
    changes,
    manualSteps: [{ title: "Information barriers", file: "scripts/information-barriers.ps1", description: "" }],
    adopt: [],
    summary: { create: 1, update: 0, replace: 0, delete: 0, adopt: 0, blocked: 0, unchanged: 1 },
    diagnostics: [],
  };
}

describe("plan view", () => {
  it("an update → ~ with the attribute's before → after", () => {
    expect(changeLines(change({ attributes: [{ path: "qualityUpdatesDeferralPeriodInDays", before: 7, after: 0 }] }))).toEqual([
      "  # updateRing.hololens will be updated in place (changed in the tenant)",
      "  ~ updateRing.hololens",
      "      ~ qualityUpdatesDeferralPeriodInDays: 7 → 0",
    ]);
  });

  it("a replacement → -/+ with its reason and the attribute that forces it", () => {
    const lines = changeLines(change({ address: "group.experts", kind: "group", action: "replace", reason: "immutable_attribute_changed", detail: "Graph cannot change a group's type", attributes: [{ path: "microsoft365", before: false, after: true, forcesReplacement: true }] }));
    expect(lines).toEqual(["  # group.experts must be replaced (Graph cannot change a group's type)", "  -/+ group.experts", "      ~ microsoft365: false → true   # forces replacement"]);
  });

  it("a long string (a kiosk XML) edited in the middle → only the text around the first difference", () => {
    const before = `${"a".repeat(300)}<!-- hand -->${"b".repeat(300)}`;
    const after = `${"a".repeat(300)}${"b".repeat(300)}`;
    const line = attributeLine({ path: "omaSettings.x.value", before, after }, "update");
    expect(line).toMatch(/^~ omaSettings\.x\.value: differs at character 301: "…a+<!-- hand -->b+…" → "…a+b+…"$/);
    expect(line.length).toBeLessThan(250);
  });

  it("a password and an id known only after apply → never printed", () => {
    expect(attributeLine({ path: "passwordProfile", before: null, after: null, sensitive: true }, "create")).toBe("+ passwordProfile = (sensitive value)");
    expect(attributeLine({ path: "members", before: null, after: { $unknown: "user.a" }, knownAfterApply: true }, "create")).toBe("+ members = (known after apply)");
  });

  it("a plan → changes, the summary line and the manual steps; noops are not listed", () => {
    const text = planLines(plan([change({ address: "group.a", kind: "group", action: "create", reason: "not_in_tenant" }), change({ action: "noop", reason: "in_sync" })])).join("\n");
    expect(text).toContain("  + group.a");
    expect(text).not.toContain("updateRing.hololens");
    expect(text).toContain("Plan: 1 to create, 0 to update, 0 to replace, 0 to delete; 1 unchanged.");
    expect(text).toContain("  - Information barriers: scripts/information-barriers.ps1");
  });

  it("no drift → one line that says so; drift → the count and each change", () => {
    expect(driftLines([], 12, "t1")).toEqual(["No drift: tenant t1 matches the blueprint (12 objects)."]);
    expect(driftLines([change({})], 11, "t1")[0]).toBe("Drift on tenant t1: 1 object differs from the blueprint (11 match):");
  });
});
