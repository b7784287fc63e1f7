import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workDirFor } from "../../src/auth/testing.ts";
import { loadBlueprintFile } from "../../src/blueprint/load.ts";
import { applyBlueprint } from "../../src/operations/apply.ts";
import { planBlueprint } from "../../src/operations/plan.ts";
import { startTestTenant, type TestTenant } from "../../src/tenant-sim/testing.ts";
import { arrangeTenantFor } from "./support/arrange-tenant.ts";

const file = fileURLToPath(new URL("../../examples/minimal.holofleet.yaml", import.meta.url));

describe("scratch", () => {
  let t: TestTenant;
  let cwd: string;
  beforeAll(async () => {
    t = await startTestTenant();
    cwd = workDirFor(t);
    arrangeTenantFor(t, (await loadBlueprintFile(file)).blueprint!);
  });
  afterAll(async () => t?.close());

  it("plans, applies, plans again", async () => {
    const target = { cwd, graph: { retry: { baseDelayMs: 10 } } };
    const p1 = await planBlueprint({ file, target });
    console.log(JSON.stringify(p1.diagnostics, null, 1), p1.plan?.summary);
    const a = await applyBlueprint({ file, target, approve: async () => true });
    console.log(JSON.stringify(a.diagnostics, null, 1), JSON.stringify(a.result, null, 1));
    const p2 = await planBlueprint({ file, target });
    console.log(p2.plan?.summary, JSON.stringify(p2.plan?.changes.filter((c) => c.action !== "noop"), null, 1));
    expect(p2.plan?.summary.unchanged).toBeGreaterThan(0);
  });
});
