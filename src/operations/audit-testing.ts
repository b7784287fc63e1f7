/**
 * Test-only: the bundled example program audited as the console keeps it — the example applied as its
 * blueprint says (the posture fixtures), minus its app-control profile so every device fails something —
 * with which profiles reach each device.
 */
import { readFileSync } from "node:fs";
import type { LatestAudit } from "../console/deps.ts";
import { allRules, rules } from "../posture/rules/index.ts";
import { runAudit } from "../posture/run-audit.ts";
import { auditFixture } from "../posture/testing/fixtures.ts";
import { deviceReachOf, type DeviceReach } from "./device-reach.ts";
import { EXAMPLE_BLUEPRINT } from "./fleet-testing.ts";

/** The example audited at `at` by `console:otto`. */
export function exampleAudit(at = "2026-03-15T08:00:00.000Z"): LatestAudit {
  const fixture = auditFixture(readFileSync(EXAMPLE_BLUEPRINT, "utf8"));
  fixture.snapshot.deviceConfigurations = fixture.snapshot.deviceConfigurations.filter((c) => !c.displayName.endsWith("app control"));
  let reach: Map<string, DeviceReach> | undefined;
  const result = runAudit({ snapshot: fixture.snapshot, blueprint: fixture.blueprint, blueprintFile: "holofleet.yaml", rules: allRules, onPosture: (p) => (reach = deviceReachOf(p)) });
  return { at, by: "console:otto", result, meta: { rules: Object.fromEntries(Object.entries(rules).map(([id, r]) => [id, r.meta])), toolVersion: "test", blueprint: null }, reach };
}

