import { describe, expect, it } from "vitest";
import { auditFixture } from "../posture/testing/fixtures.ts";
import { allRules } from "../posture/rules/index.ts";
import { runAudit } from "../posture/run-audit.ts";
import type { EffectivePosture } from "../posture/effective/evaluate.ts";
import { deviceReachOf } from "./device-reach.ts";

function posture(patch: (f: ReturnType<typeof auditFixture>) => void = () => {}): EffectivePosture {
  const f = auditFixture();
  patch(f);
  let seen: EffectivePosture | undefined;
  runAudit({ snapshot: f.snapshot, blueprint: f.blueprint, rules: allRules, onPosture: (p) => (seen = p) });
  return seen!;
}

describe("deviceReachOf", () => {
  it("the applied fixture → every device keyed by upper-case serial, each profile with the group path that reaches it", () => {
    const reach = deviceReachOf(posture());
    expect([...reach.keys()]).toEqual(["HL2-0001", "HL2-0002", "HL2-0003"]);
    const d = reach.get("HL2-0001")!;
    expect(d.clientId).toBe("fabrikam");
    expect(d.profiles.length).toBeGreaterThan(2);
    for (const p of d.profiles) expect(p.via).toEqual([expect.stringMatching(/devices \(device\)$/)]);
    expect(d.profiles.map((p) => p.type)).toContain("windowsUpdateForBusinessConfiguration");
    expect(d.excluded).toEqual([]);
  });

  it("a profile whose assignment gains an exclusion of the device group → listed as excluded, no longer as reaching", () => {
    const reach = deviceReachOf(
      posture((f) => {
        const kiosk = f.snapshot.deviceConfigurations.find((c) => c.displayName.endsWith("kiosk"))!;
        const groupId = kiosk.assignments[0]!.target.groupId!;
        kiosk.assignments.push({ id: "x", target: { "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", groupId } });
      }),
    );
    const d = reach.get("HL2-0002")!;
    expect(d.profiles.some((p) => p.displayName.endsWith("kiosk"))).toBe(false);
    expect(d.excluded).toEqual([expect.objectContaining({ displayName: expect.stringMatching(/kiosk$/), via: [expect.stringMatching(/\(device\)$/)] })]);
  });
});
