import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { workDirFor } from "../../auth/testing.ts";
import { loadAndCompile } from "../../operations/blueprint.ts";
import { planBlueprint } from "../../operations/plan.ts";
import { startTestTenant, type TestTenant } from "../../tenant-sim/testing.ts";
import { arrangeTenantFor } from "../../../test/e2e/support/arrange-tenant.ts";
import type { PendingPlan } from "../deps.ts";
import { startPagesTest, type PagesTest } from "./pages-testing.ts";

const file = fileURLToPath(new URL("../../../examples/same-tenant-three-clients.holofleet.yaml", import.meta.url));

let tenant: TestTenant;
let t: PagesTest;
beforeAll(async () => {
  tenant = await startTestTenant();
  arrangeTenantFor(tenant, (await loadAndCompile(file)).blueprint!);
}, 60_000);
afterAll(async () => {
  await tenant?.close();
});
afterEach(async () => {
  await t?.close();
});

/** The plan a fresh tenant gets for the example, computed as the console's plan source would. */
async function computePlan(): Promise<PendingPlan> {
  const { plan, diagnostics } = await planBlueprint({ file, target: { cwd: workDirFor(tenant) } });
  return { at: "2026-03-15T12:00:00.000Z", plan: plan ?? null, diagnostics };
}

describe("plan page", () => {
  it("a tenant the example was never applied to → the summary line and one block per change as `holofleet plan` prints them, and the manual steps", async () => {
    const pending = await computePlan();
    expect(pending.plan).not.toBeNull();
    t = await startPagesTest({ plan: async () => pending });
    const { status, text } = await t.get("/plan");
    expect(status).toBe(200);
    const { create } = pending.plan!.summary;
    expect(create).toBeGreaterThan(0);
    expect(text).toContain(`<h2 id="changes">Plan: ${create} to create, 0 to update, 0 to replace, 0 to delete; 0 unchanged.</h2>`);
    const blocks = [...text.matchAll(/<article class="change change-create" aria-label="([^"]+): create"><pre>([^<]*)<\/pre>/g)];
    expect(blocks).toHaveLength(pending.plan!.changes.filter((c) => c.action === "create").length);
    expect(blocks[0]![2]).toMatch(/^ {2}# \S+ will be created\n {2}\+ \S+\n/);
    const manual = text.slice(text.indexOf('id="manual"'));
    for (const step of pending.plan!.manualSteps) expect(manual).toContain(`<code>${step.file}</code>`);
  }, 60_000);

  it("no plan could be made → the diagnostics with their codes and fixes, no change list", async () => {
    t = await startPagesTest({
      plan: async () => ({ at: "2026-03-15T12:00:00.000Z", plan: null, diagnostics: [{ severity: "error", code: "HF5601", message: "the local tenant is not running", fix: "Start it with `holofleet tenant start`." }] }),
    });
    const { status, text } = await t.get("/plan");
    expect(status).toBe(200);
    expect(text).toContain("No plan could be made");
    expect(text).toContain("<strong>error HF5601</strong>: the local tenant is not running");
    expect(text).toContain("Fix: Start it with `holofleet tenant start`.");
    expect(text).not.toContain('id="changes"');
  });
});
